#!/bin/sh
# Leader failover on three distribution processes: runs ClusterFailoverIT once with N leader kills
# (the leader SIGKILLed under an enforce_fsync writer on a follower, then restarted and caught up,
# N times; then the SIGSTOP isolation check) and prints each kill's failover time: from the kill to
# the first acknowledgement of a send that started after it. Run from the repository root (builds
# with the reactor, offline, and runs only that test):
#
#   benchmarks/cluster-failover.sh 5
#
# Fails loudly if an acknowledged message is lost, duplicated or out of order on any node.
set -eu
trials=${1:-5}
log=$(mktemp)
if mvn -B -o -pl distribution -am verify -Dtest=NONE -Dit.test=ClusterFailoverIT \
    -Diggyj.cluster.failover.trials="$trials" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    grep -o "CLUSTER [A-Z]*.*" "$log"
    grep -o "Tests run:.*ClusterFailoverIT" "$log" | head -1
    rm -f "$log"
else
    grep -o "CLUSTER [A-Z]*.*" "$log" || true
    echo "FAILED (log: $log)"
    exit 1
fi
