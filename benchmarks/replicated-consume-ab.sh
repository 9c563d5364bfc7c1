#!/usr/bin/env bash
# A/B of consuming with auto-commit from a 3-node cluster: two builds of the server, each as a
# 3-node cluster on loopback, both up for the whole run, measured alternately. Each run fills one
# stream with a balanced producer (iggy-bench balanced-producer -p 2 over 4 partitions, 1 KiB
# messages, 1000 per batch), then measures one group consumer reading it all (balanced-consumer-group
# -c 1: next + auto-commit, 1000 messages per poll), then deletes the stream. Written for issue #10's
# offset replication: a build that replicates every auto-commit (asynchronously, coalesced) against
# one that keeps it on the serving node shows what replicating costs the poll path. On a shared
# machine only ratios between A and B taken in the same minutes mean anything: the order of A and B
# is swapped every round, and the script prints each run and the median B/A ratio.
#
#   benchmarks/replicated-consume-ab.sh <distribution dir A> <distribution dir B>
#
#   ROUNDS     rounds, each one consume run of A and of B [4]
#   MESSAGES   messages per run [200000]
#   HEAP       heap of every node [1g]
#   AB_PORT    base port: cluster A node i TCP on base+10i, Raft on base+10i+1; cluster B at base+100 [28700]
#   FOLLOWER   1: the consumer polls a follower (its auto-commits go to the leader over gRPC) rather
#              than the leader [0]
#   BENCH      iggy-bench launcher [tools/bench/target/iggy-bench/bin/iggy-bench]
#   OUT        where the node logs, bench reports and results.tsv stay [a new temporary directory]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
A=$(cd "${1:?distribution directory A}" && pwd)
B=$(cd "${2:?distribution directory B}" && pwd)
ROUNDS=${ROUNDS:-4}
MESSAGES=${MESSAGES:-200000}
HEAP=${HEAP:-1g}
AB_PORT=${AB_PORT:-28700}
FOLLOWER=${FOLLOWER:-0}
BENCH=${BENCH:-$ROOT/tools/bench/target/iggy-bench/bin/iggy-bench}
BATCH=1000
WORK=$(mktemp -d)
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
# shellcheck source=cluster-ab.sh
. "$ROOT/benchmarks/cluster-ab.sh"

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

run() { # A|B tag -> "msg/s p99ms cpu-s/GiB" (CPU of the three nodes while the consumer ran)
    local b before after
    b=$(base "$1")
    "$BENCH" -m 1024 -P "$BATCH" -b $((MESSAGES / BATCH / 2)) balanced-producer -p 2 -s 1 -a 4 \
        tcp --server-address "$(cluster_addresses "$b")" --prefer-leader > "$OUT/$1-fill-$2.log" 2>&1
    before=$(cluster_cpu "$1")
    # shellcheck disable=SC2046
    "$BENCH" -m 1024 -P "$BATCH" -b $((MESSAGES / BATCH)) balanced-consumer-group -c 1 -s 1 -g 1 \
        tcp --server-address $(consumer_address "$1") output -o "$OUT/$1-$2" > "$OUT/$1-$2.log" 2>&1
    after=$(cluster_cpu "$1")
    cli "$1" stream delete bench-stream-1 > /dev/null 2>&1 || true
    bench_result "$OUT/$1-$2/report.json" "$before" "$after" "$MESSAGES"
}

echo "results and logs in $OUT"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
start A "$A"
start B "$B"
for s in A B; do run "$s" warm > /dev/null; done
RESULTS="$OUT/results.tsv"
: > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
    order=(A B)
    [ $((round % 2)) = 0 ] && order=(B A)
    for s in "${order[@]}"; do
        r=$(run "$s" "r$round")
        printf '%s\t%s\t%s\n' "$round" "$s" "$r" | tee -a "$RESULTS"
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RESULTS" <<'PY'
import sys
from collections import defaultdict
from statistics import median
runs = defaultdict(dict)
for line in open(sys.argv[1]):
    rnd, side, values = line.rstrip("\n").split("\t")
    runs[rnd][side] = [float(v) for v in values.split()]
pairs = [v for v in runs.values() if "A" in v and "B" in v]
ratio = [p["B"][0] / p["A"][0] for p in pairs]
med = lambda side, i: median(p[side][i] for p in pairs)
print("| consume, group, auto-commit | A msg/s (median) | B msg/s (median) | B/A, median of rounds (min-max) "
      "| A p99 ms | B p99 ms | cluster CPU s/GiB A, B |")
print("|---|---:|---:|---:|---:|---:|---:|")
print(f"| 1 consumer, 4 partitions | {med('A', 0):.0f} | {med('B', 0):.0f} | {median(ratio):.2f}x "
      f"({min(ratio):.2f}-{max(ratio):.2f}) | {med('A', 1):.1f} | {med('B', 1):.1f} "
      f"| {med('A', 2):.1f}, {med('B', 2):.1f} |")
PY
