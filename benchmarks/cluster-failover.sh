#!/bin/sh
# Leader failover on three distribution processes: runs ClusterFailoverIT once with N leader kills
# (the leader SIGKILLed under an enforce_fsync writer on a follower, then restarted and caught up,
# N times; then the leader stopped with SIGTERM, which hands its leadership over first; then the
# SIGSTOP isolation check) and prints each kill's failover time: from the kill to the first
# acknowledgement of a send that started after it, with the moment the writer's node learnt of the new
# leader (the election's part) and the writer's longest gap; and the same for the SIGTERM. Run from the
# repository root (builds with the reactor, offline, and runs only that test):
#
#   benchmarks/cluster-failover.sh 5
#   HAND_OVER=false benchmarks/cluster-failover.sh 5    # the SIGTERM without the hand-over
#
# Fails loudly if an acknowledged message is lost, duplicated or out of order on any node.
set -eu
trials=${1:-5}
log=$(mktemp)
if mvn -B -o -pl distribution -am verify -Dtest=NONE -Dit.test=ClusterFailoverIT \
    -Diggyj.cluster.failover.trials="$trials" -Diggyj.cluster.hand_over="${HAND_OVER:-true}" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    grep -o "CLUSTER [A-Z]*.*" "$log"
    grep -o "Tests run:.*ClusterFailoverIT" "$log" | head -1
    rm -f "$log"
else
    grep -o "CLUSTER [A-Z]*.*" "$log" || true
    echo "FAILED (log: $log)"
    exit 1
fi
