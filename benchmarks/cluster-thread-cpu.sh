#!/usr/bin/env bash
# Where a 3-node cluster's CPU goes under one producer: starts one build as a 3-node cluster on
# loopback, warms it up, then runs a pinned producer (one partition, --prefer-leader; ROW=p4 for
# replicated-ab.sh's p4 row) and prints the CPU of each thread group (thread names with digits
# replaced by N, from /proc/<pid>/task/*/stat) per GiB sent and per Raft entry (as the nodes count
# their send entries; one per batch for a build without the counters), per node, with the context
# switches per entry.
# Optionally records JFR on every node over the measured run (benchmarks/jfr-hot-frames.py reads it).
#
#   benchmarks/cluster-thread-cpu.sh <distribution dir>
#
#   MESSAGES      messages of the measured run [300000]
#   WARM_MESSAGES messages of the unmeasured warm-up [MESSAGES]; a JVM runs the per-entry code only a
#                 few times per entry, so below ~1,000,000 messages (1 GiB) much of it still runs
#                 interpreted and the JIT is a large share of the figures (docs/cluster.md, "Ninth round")
#   SIZE, BATCH   message size in bytes and messages per send [1024, 1000]; SIZE=64 BATCH=1 measures
#                 what one tiny entry costs the three nodes
#   WARM_SIZE, WARM_BATCH  the same for the warm-up [SIZE, BATCH]: warm with the default batches, then
#                 measure tiny entries
#   JFR           1: record JFR (settings=profile) on every node over the measured run [0]. Starting
#                 JFR on a warm JVM sets off a wave of recompilation, which the CPU figures then include:
#                 take CPU figures without it, and JFR's samples for where the time goes
#   HEAP          heap of every node [1g]
#   ROW           p1: one pinned producer on one partition; p4: two producers balanced over four
#                 partitions, as replicated-ab.sh's rows [p1]
#   BENCH_OPTS    extra iggy-bench options, space-separated, e.g. --in-flight 4 []
#   PERF          1: perf record -g every node over the measured run (start the nodes with
#                 JAVA_OPTS_A=-XX:+PreserveFramePointer); the JIT's symbol maps are written after it
#                 (jcmd Compiler.perfmap) and perf-<node>.txt holds perf report's flat view per thread [0]
#   AB_PORT       base port: node i TCP on base+10i, Raft on base+10i+1 [29500]
#   JAVA_OPTS_A, ENV_A  extra JVM options / environment (NAME=value words) of the nodes,
#                 e.g. ENV_A=IGGY_CLUSTER_REPLICATION_MESSAGE_BYTES=raft_log (segments is the default)
#   OUT           where logs, the per-thread snapshots and the JFR files stay [a new temporary directory]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIST_DIR=$(cd "${1:?distribution directory}" && pwd)
MESSAGES=${MESSAGES:-300000}
WARM_MESSAGES=${WARM_MESSAGES:-$MESSAGES}
SIZE=${SIZE:-1024}
BATCH=${BATCH:-1000}
HEAP=${HEAP:-1g}
AB_PORT=${AB_PORT:-29500}
BENCH=${BENCH:-$ROOT/tools/bench/target/iggy-bench/bin/iggy-bench}
WORK=$(mktemp -d)
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
# shellcheck source=cluster-ab.sh
. "$ROOT/benchmarks/cluster-ab.sh"

threads() { # -> pid|tid|name|utime|stime|context switches, one line per thread of the three nodes
    # One process reads every thread: a shell loop forking per thread took minutes at load 30, and
    # the nodes' time-driven threads (JIT, timers) kept running into the window while it did.
    # shellcheck disable=SC2086
    python3 - ${PIDS[A]} <<'PY'
import glob, sys
for pid in sys.argv[1:]:
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            stat = open(task + "/stat").read()
            name = open(task + "/comm").read().strip()
            status = open(task + "/status").read().splitlines()
        except OSError:
            continue
        rest = stat[stat.rindex(") ") + 2:].split()
        switches = sum(int(line.split()[1]) for line in status if line.endswith(tuple("0123456789"))
                       and "ctxt_switches" in line)
        print(f"{pid}|{task.rsplit('/', 1)[1]}|{name}|{rest[11]}|{rest[12]}|{switches}")
PY
}

produce() { # messages tag [size batch]
    local size=${3:-$SIZE} batch=${4:-$BATCH} scenario=(pinned-producer -p 1) actors=1 opts
    if [ "${ROW:-p1}" = p4 ]; then scenario=(balanced-producer -p 2 -s 1 -a 4); actors=2; fi
    read -r -a opts <<< "${BENCH_OPTS:-}"
    "$BENCH" -m "$size" -P "$batch" -b $(($1 / batch / actors)) ${opts[@]+"${opts[@]}"} "${scenario[@]}" \
        tcp --server-address "$(addresses A)" --prefer-leader output -o "$OUT/$2" > "$OUT/$2.log" 2>&1
}

echo "results and logs in $OUT"
start A "$DIST_DIR" "${JAVA_OPTS_A:-}" "${ENV_A:-}"
produce "$WARM_MESSAGES" warm "${WARM_SIZE:-$SIZE}" "${WARM_BATCH:-$BATCH}"
if [ "${JFR:-0}" = 1 ]; then
    i=0
    for pid in ${PIDS[A]}; do i=$((i + 1)); jcmd "$pid" JFR.start name=cpu settings=profile filename="$OUT/node$i.jfr" > /dev/null; done
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
entries_before=$(node_send_entries "$OUT"/A-1.log "$OUT"/A-2.log "$OUT"/A-3.log)
PERF_PIDS=()
if [ "${PERF:-0}" = 1 ]; then
    i=0
    for pid in ${PIDS[A]}; do
        i=$((i + 1))
        perf record -F 499 -g -p "$pid" -o "$OUT/perf-node$i.data" > "$OUT/perf-node$i.log" 2>&1 &
        PERF_PIDS+=($!)
    done
    sleep 1
fi
threads > "$OUT/before.txt"
produce "$MESSAGES" run
threads > "$OUT/after.txt"
for p in ${PERF_PIDS[@]+"${PERF_PIDS[@]}"}; do kill -INT "$p"; wait "$p" || true; done
entries_after=$(node_send_entries "$OUT"/A-1.log "$OUT"/A-2.log "$OUT"/A-3.log)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
set -- $entries_before $entries_after
if [ "$3" -gt "$1" ]; then
    ENTRIES=$(($3 - $1))
    echo "send entries $ENTRIES, sends per entry $(awk -v e="$ENTRIES" -v s=$(($4 - $2)) 'BEGIN { printf "%.2f", s / e }')"
fi
if [ "${PERF:-0}" = 1 ]; then
    i=0
    for pid in ${PIDS[A]}; do
        i=$((i + 1))
        jcmd "$pid" Compiler.perfmap > /dev/null 2>&1 || true
        perf report -i "$OUT/perf-node$i.data" --no-children --sort comm,sym --stdio 2>/dev/null > "$OUT/perf-node$i.txt" || true
    done
fi
if [ "${JFR:-0}" = 1 ]; then for pid in ${PIDS[A]}; do jcmd "$pid" JFR.stop name=cpu > /dev/null; done; fi
leader=$(grep -l 'This node leads' "$OUT"/A-*.log 2>/dev/null | head -1 || true)
grep -h 'Aggregate' "$OUT/run.log" || true
python3 - "$OUT" "$MESSAGES" "$SIZE" "$BATCH" "${PIDS[A]}" "${leader:-none}" "${ENTRIES:-0}" <<'PY'
import re, sys
from collections import Counter
out, messages, size, batch, pids, leader = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5].split(), sys.argv[6]
counted = int(sys.argv[7])
def load(path):
    rows = {}
    for line in open(path):
        pid, tid, name, user, system, switches = line.rstrip("\n").split("|")
        rows[(pid, tid)] = (name, int(user), int(system), int(switches))
    return rows
before, after = load(out + "/before.txt"), load(out + "/after.txt")
node = {pid: i + 1 for i, pid in enumerate(pids)}
tck = 100.0
cpu, user, switches, per_node = Counter(), Counter(), Counter(), Counter()
for key, (name, u, s, c) in after.items():
    _, u0, s0, c0 = before.get(key, (name, 0, 0, 0))
    group = re.sub(r"\d+", "N", name)
    cpu[group] += (u - u0 + s - s0) / tck
    user[group] += (u - u0) / tck
    switches[group] += c - c0
    per_node[(node[key[0]], group)] += (u - u0 + s - s0) / tck
gib = messages * size / 2**30
# The nodes' counters when the build has them (coalesced sends share an entry), else one per batch.
entries = counted if counted > 0 else messages / batch
total = sum(cpu.values())
leader_node = next((i for i in (1, 2, 3) if leader.endswith(f"A-{i}.log")), None)
print(f"server CPU {total / gib:.1f} s/GiB, {1000 * total / entries:.2f} ms per entry, "
      f"{sum(switches.values()) / entries:.0f} context switches per entry; leader: node{leader_node}")
print("| thread group | s/GiB | share | user | ms/entry | switches/entry | node1 | node2 | node3 |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for group, v in cpu.most_common(16):
    nodes = " | ".join(f"{per_node[(n, group)] / gib:.1f}" for n in (1, 2, 3))
    print(f"| {group} | {v / gib:.1f} | {100 * v / total:.0f}% | {user[group] / gib:.1f} | "
          f"{1000 * v / entries:.2f} | {switches[group] / entries:.1f} | {nodes} |")
PY
