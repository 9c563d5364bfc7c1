# Sourced by the A/B scripts that run two builds of the server as two 3-node clusters on this machine
# (replicated-ab.sh, replicated-consume-ab.sh; cluster-thread-cpu.sh uses the cluster part only). The
# caller sets AB_PORT, HEAP, WORK and OUT first; cluster A's node i serves TCP on AB_PORT + 10 i,
# cluster B's 100 above.
# shellcheck shell=bash
# shellcheck source=cluster-config.sh
. "$(dirname "${BASH_SOURCE[0]}")/cluster-config.sh"

# ab_setup <distribution dir A> <distribution dir B>: the two sides and the settings of an A/B script
# (the caller sets MESSAGES and AB_PORT first): ROUNDS [4], WARM_MESSAGES [MESSAGES], HEAP [1g],
# BENCH [the iggy-bench built in this tree], OUT [a new temporary directory], and a WORK directory
# for the nodes' data that stop() removes.
ab_setup() {
    A=$(cd "${1:?distribution directory A}" && pwd)
    B=$(cd "${2:?distribution directory B}" && pwd)
    ROUNDS=${ROUNDS:-4}
    WARM_MESSAGES=${WARM_MESSAGES:-$MESSAGES}
    HEAP=${HEAP:-1g}
    BENCH=${BENCH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tools/bench/target/iggy-bench/bin/iggy-bench}
    BATCH=1000
    WORK=$(mktemp -d)
    OUT=${OUT:-$(mktemp -d)}
    mkdir -p "$OUT"
}

CLK_TCK=$(getconf CLK_TCK)
declare -A PIDS DIST

cluster_cpu() { # A|B -> CPU seconds (utime + stime) of its three nodes so far
    local pid stat total=0
    for pid in ${PIDS[$1]}; do
        stat=$(cat "/proc/$pid/stat")
        stat=${stat##*) }
        # shellcheck disable=SC2086
        set -- $stat
        total=$(awk -v a="$total" -v u="${12}" -v s="${13}" -v t="$CLK_TCK" 'BEGIN { print a + (u + s) / t }')
    done
    echo "$total"
}

base() { [ "$1" = A ] && echo "$AB_PORT" || echo $((AB_PORT + 100)); }

addresses() { cluster_addresses "$(base "$1")"; }

wait_port() {
    for _ in $(seq 1 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.2
    done
    echo "nothing listens on port $1" >&2
    return 1
}

cli() { # A|B args... -> the CLI of that side's build, against its cluster
    local side=$1
    shift
    "${DIST[$side]}/bin/iggy" --address "$(addresses "$side")" -u iggy -p iggy "$@"
}

start() { # A|B dist [extra JVM options] [extra environment: space-separated NAME=value]
    local i pids="" b
    b=$(base "$1")
    DIST[$1]=$2
    for i in 1 2 3; do
        mkdir -p "$WORK/$1-$i"
        cluster_node_config "$WORK/$1-$i/local_data" "$b" "ab-$1" "$i" > "$WORK/$1-$i/node.toml"
        # ${4:-} is unquoted on purpose: it holds several NAME=value words for env.
        # shellcheck disable=SC2086
        (cd "$WORK/$1-$i" && IGGY_CONFIG_PATH="$WORK/$1-$i/node.toml" \
            IGGY_HTTP_ENABLED=false IGGY_QUIC_ENABLED=false IGGY_WEBSOCKET_ENABLED=false IGGY_KAFKA_ENABLED=false \
            IGGY_METRICS_ADDRESS=127.0.0.1:0 JAVA_OPTS="-Xms$HEAP -Xmx$HEAP ${3:-}" \
            exec env ${4:-} "$2/bin/iggy-server" --with-default-root-credentials > "$OUT/$1-$i.log" 2>&1) &
        pids="$pids $!"
    done
    PIDS[$1]=$pids
    for i in 1 2 3; do wait_port $((b + 10 * i)); done
    for _ in $(seq 1 120); do
        cli "$1" cluster metadata 2>/dev/null | grep -q leader && return 0
        sleep 1
    done
    echo "cluster $1 elected no leader; logs in $OUT" >&2
    return 1
}

stop() {
    local pid
    for pid in ${PIDS[A]:-} ${PIDS[B]:-}; do kill "$pid" 2>/dev/null || true; done
    for pid in ${PIDS[A]:-} ${PIDS[B]:-}; do wait "$pid" 2>/dev/null || true; done
    if [ -n "${WORK:-}" ]; then rm -rf "$WORK"; fi
}
trap stop EXIT

send_entries() { # A|B -> "entries sends" of its three nodes (cluster-config.sh, node_send_entries)
    node_send_entries "$OUT/$1-1.log" "$OUT/$1-2.log" "$OUT/$1-3.log"
}

sends_per_entry() { # "entries sends" before, after -> sends per entry in between ("nan" without entries)
    # shellcheck disable=SC2086
    set -- $1 $2
    awk -v e0="$1" -v s0="$2" -v e1="$3" -v s1="$4" 'BEGIN { if (e1 > e0) printf "%.2f\n", (s1 - s0) / (e1 - e0); else print "nan" }'
}

bench_result() { # report.json cpu-before cpu-after messages -> "msg/s p99ms cpu-s/GiB"
    python3 - "$@" <<'PY'
import json, sys
group = json.load(open(sys.argv[1]))["groups"][0]
gib = int(sys.argv[4]) * 1024 / 2**30
print(f'{group["messages_per_second"]:.0f} {group["latency_ms"]["p99"]:.1f} '
      f'{(float(sys.argv[3]) - float(sys.argv[2])) / gib:.1f}')
PY
}

# The measured part of an A/B script, once both clusters are up. The caller defines
#   run <A|B> <row> <tag> [messages]   one run; prints "msg/s p99ms cpu-s/GiB"
# and sets ROUNDS, WARM_MESSAGES and OUT. Every side runs each row once unmeasured (WARM_MESSAGES: the
# JIT of three JVMs is still compiling long after the start); then ROUNDS rounds, the order of A and B
# swapped every round, each run's line kept in $OUT/results.tsv. On a shared machine only ratios
# between A and B taken in the same minutes mean anything, so the table gives, per row, the median
# B/A throughput ratio of the rounds and its range, besides each side's medians.
#   ab_rounds <unit: msg/s, or MiB/s for 1 KiB messages> <first column's title> <row>...
ab_rounds() {
    local unit=$1 title=$2 round row s r order
    shift 2
    for s in A B; do for row in "$@"; do run "$s" "$row" warm "$WARM_MESSAGES" > /dev/null; done; done
    local results="$OUT/results.tsv"
    : > "$results"
    for round in $(seq 1 "$ROUNDS"); do
        order=(A B)
        [ $((round % 2)) = 0 ] && order=(B A)
        for row in "$@"; do
            for s in "${order[@]}"; do
                r=$(run "$s" "$row" "r$round")
                printf '%s\t%s\t%s\t%s\n' "$round" "$row" "$s" "$r" | tee -a "$results"
            done
        done
    done
    echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 - "$results" "$unit" "$title" "$@" <<'PY'
import sys
from collections import defaultdict
from statistics import median
results, unit, title, rows = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
runs = defaultdict(dict)
for line in open(results):
    rnd, row, side, values = line.rstrip("\n").split("\t")
    runs[(row, rnd)][side] = [float(v) for v in values.split()]
scale, digits = (1024 / 2**20, 1) if unit == "MiB/s" else (1, 0)
# A fourth value per run, when the script gives one, is the sends one Raft entry carried.
per_entry = all(len(v) > 3 for r in runs.values() for v in r.values())
print(f"| {title} | A {unit} (median) | B {unit} (median) | B/A throughput, median of rounds (min-max) "
      "| A p99 ms | B p99 ms | cluster CPU s/GiB A, B |" + (" sends per entry A, B |" if per_entry else ""))
print("|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if per_entry else ""))
for row in rows:
    pairs = [v for (r, _), v in runs.items() if r == row and "A" in v and "B" in v]
    ratio = [p["B"][0] / p["A"][0] for p in pairs]
    def med(side, i): return median(p[side][i] for p in pairs)
    print(f"| {row} | {med('A', 0) * scale:.{digits}f} | {med('B', 0) * scale:.{digits}f} | {median(ratio):.2f}x "
          f"({min(ratio):.2f}-{max(ratio):.2f}) | {med('A', 1):.1f} | {med('B', 1):.1f} "
          f"| {med('A', 2):.1f}, {med('B', 2):.1f} |" + (f" {med('A', 3):.2f}, {med('B', 3):.2f} |" if per_entry else ""))
PY
}
