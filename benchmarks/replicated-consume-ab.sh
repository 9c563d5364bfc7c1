#!/usr/bin/env bash
# A/B of consuming with auto-commit from a 3-node cluster: two builds of the server, each as a
# 3-node cluster on loopback, both up for the whole run, measured alternately. Each run fills one
# stream with a balanced producer (iggy-bench balanced-producer -p 2 over 4 partitions, 1 KiB
# messages, 1000 per batch), then measures one group consumer reading it all (balanced-consumer-group
# -c 1: next + auto-commit, 1000 messages per poll), then deletes the stream. Written for issue #10's
# offset replication: a build that replicates every auto-commit (asynchronously, coalesced) against
# one that keeps it on the serving node shows what replicating costs the poll path. The rounds and
# the table are cluster-ab.sh's (ab_rounds): A and B alternate, the table gives the median B/A ratio.
#
#   benchmarks/replicated-consume-ab.sh <distribution dir A> <distribution dir B>
#
#   ROUNDS     rounds, each one consume run of A and of B [4]
#   MESSAGES   messages per run [200000]
#   WARM_MESSAGES  messages of the first, unmeasured run of each cluster [MESSAGES]
#   HEAP       heap of every node [1g]
#   AB_PORT    base port: cluster A node i TCP on base+10i, Raft on base+10i+1; cluster B at base+100 [28700]
#   FOLLOWER   1: the consumer polls a follower (its auto-commits go to the leader over gRPC) rather
#              than the leader [0]
#   BENCH      iggy-bench launcher [tools/bench/target/iggy-bench/bin/iggy-bench]
#   OUT        where the node logs, bench reports and results.tsv stay [a new temporary directory]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MESSAGES=${MESSAGES:-200000}
AB_PORT=${AB_PORT:-28700}
FOLLOWER=${FOLLOWER:-0}
# shellcheck source=cluster-ab.sh
. "$ROOT/benchmarks/cluster-ab.sh"
ab_setup "$@"

consumer_address() { # A|B -> the address the consumer uses, and whether it moves to the leader
    local b leader i
    b=$(base "$1")
    if [ "$FOLLOWER" != 1 ]; then
        echo "$(cluster_addresses "$b") --prefer-leader"
        return
    fi
    leader=$(cli "$1" cluster metadata 2>/dev/null | awk '/leader/ { for (i = 1; i <= NF; i++) if ($i ~ /^node[0-9]/) print substr($i, 5, 1) }' | head -1)
    for i in 1 2 3; do
        if [ "$i" != "$leader" ]; then echo "127.0.0.1:$((b + 10 * i))"; return; fi
    done
}

run() { # A|B row tag [messages] -> "msg/s p99ms cpu-s/GiB" (CPU of the three nodes while the consumer ran)
    local b before after messages=${4:-$MESSAGES}
    b=$(base "$1")
    "$BENCH" -m 1024 -P "$BATCH" -b $((messages / BATCH / 2)) balanced-producer -p 2 -s 1 -a 4 \
        tcp --server-address "$(cluster_addresses "$b")" --prefer-leader > "$OUT/$1-fill-$3.log" 2>&1
    before=$(cluster_cpu "$1")
    # shellcheck disable=SC2046
    "$BENCH" -m 1024 -P "$BATCH" -b $((messages / BATCH)) balanced-consumer-group -c 1 -s 1 -g 1 \
        tcp --server-address $(consumer_address "$1") output -o "$OUT/$1-$3" > "$OUT/$1-$3.log" 2>&1
    after=$(cluster_cpu "$1")
    cli "$1" stream delete bench-stream-1 > /dev/null 2>&1 || true
    bench_result "$OUT/$1-$3/report.json" "$before" "$after" "$messages"
}

echo "results and logs in $OUT"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
start A "$A"
start B "$B"
ab_rounds msg/s "consume, group, auto-commit" 1-consumer-4-partitions
