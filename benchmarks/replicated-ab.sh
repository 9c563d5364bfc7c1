#!/usr/bin/env bash
# A/B of the replicated write path: two builds of the server, each as a 3-node cluster on loopback,
# both up for the whole run, measured alternately with the same iggy-bench producer workloads as the
# "iggyj 3 nodes" rows of `MODE=replicated benchmarks/compare-kafka.sh` (1 KiB messages, 1000 per
# batch; p1: pinned-producer -p 1; p4: balanced-producer -p 2 over 4 partitions). The rounds and
# the table are cluster-ab.sh's (ab_rounds): A and B alternate, the table gives the median B/A ratio.
# Each run also reports how many sends one Raft entry carried (the nodes' iggy_cluster_send_entries*
# counters on /metrics, summed over the three, before and after; "nan" for a build without them).
#
#   benchmarks/replicated-ab.sh <distribution dir A> <distribution dir B>
#
#   ROUNDS       rounds, each one p1 and one p4 run of A and of B [4]
#   MESSAGES     messages per run [100000]
#   WARM_MESSAGES  messages of the first, unmeasured round that warms each cluster up, per row
#                [MESSAGES]; the JIT of three JVMs is still compiling after a million messages
#   HEAP         heap of every node [1g]
#   AB_PORT      base port: cluster A node i TCP on base+10i, Raft on base+10i+1; cluster B at base+100 [28500]
#   BENCH        iggy-bench launcher [tools/bench/target/iggy-bench/bin/iggy-bench]
#   OUT          where the node logs, bench reports and results.tsv stay [a new temporary directory]
#   JAVA_OPTS_A, JAVA_OPTS_B  extra JVM options of each cluster's nodes (e.g. -Draft.<key>=<value>)
#   ENV_A, ENV_B  extra environment of each cluster's nodes, space-separated NAME=value
#                (e.g. IGGY_CLUSTER_REPLICATION_SNAPSHOT_THRESHOLD=0)
#   ROWS         the rows to run, space-separated [p1 p4]
#   BENCH_OPTS_A, BENCH_OPTS_B  extra iggy-bench options of each side's runs, space-separated
#                (e.g. --in-flight 4; with the same distribution on both sides, A/B of a client option)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MESSAGES=${MESSAGES:-100000}
AB_PORT=${AB_PORT:-28500}
# shellcheck source=cluster-ab.sh
. "$ROOT/benchmarks/cluster-ab.sh"
ab_setup "$@"

run() { # A|B p1|p4 tag [messages] -> "msg/s p99ms cpu-s/GiB sends-per-entry"
    local scenario=(pinned-producer -p 1) actors=1 before after messages=${4:-$MESSAGES} entries_before entries_after
    if [ "$2" = p4 ]; then scenario=(balanced-producer -p 2 -s 1 -a 4); actors=2; fi
    local opts_of="BENCH_OPTS_$1" opts
    read -r -a opts <<< "${!opts_of:-}"
    entries_before=$(send_entries "$1")
    before=$(cluster_cpu "$1")
    "$BENCH" -m 1024 -P "$BATCH" -b $((messages / BATCH / actors)) ${opts[@]+"${opts[@]}"} "${scenario[@]}" \
        tcp --server-address "$(addresses "$1")" --prefer-leader output -o "$OUT/$1-$2-$3" > "$OUT/$1-$2-$3.log" 2>&1
    after=$(cluster_cpu "$1")
    entries_after=$(send_entries "$1")
    echo "$(bench_result "$OUT/$1-$2-$3/report.json" "$before" "$after" "$messages")" \
        "$(sends_per_entry "$entries_before" "$entries_after")"
}

echo "results and logs in $OUT"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
start A "$A" "${JAVA_OPTS_A:-}" "${ENV_A:-}"
start B "$B" "${JAVA_OPTS_B:-}" "${ENV_B:-}"
ab_rounds MiB/s row ${ROWS:-p1 p4}
