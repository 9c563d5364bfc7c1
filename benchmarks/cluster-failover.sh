#!/bin/sh
# Repeats the leader-kill trial of ClusterFailoverIT (three distribution processes, the leader
# SIGKILLed under an enforce_fsync writer) and prints each trial's failover time: from the kill to
# the first acknowledged send on the new leader. Run from the repository root (each trial builds
# with the reactor, offline, and runs only that test):
#
#   benchmarks/cluster-failover.sh 5
#
# Each trial fails loudly if an acknowledged message is lost, duplicated or out of order.
set -eu
trials=${1:-5}
i=1
while [ "$i" -le "$trials" ]; do
    log=$(mktemp)
    if mvn -B -o -pl distribution -am verify -Dtest=NONE -Diggyj.cluster.failover=true -Dit.test=ClusterFailoverIT \
        -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false >"$log" 2>&1; then
        echo "trial $i: $(grep -o "CLUSTER FAILOVER.*" "$log" | head -1)"
    else
        echo "trial $i FAILED (log: $log)"
        exit 1
    fi
    rm -f "$log"
    i=$((i + 1))
done
