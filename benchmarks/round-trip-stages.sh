#!/usr/bin/env bash
# Where one closed-loop round trip goes: runs a load generator against a running server, records the
# system calls of both processes for a moment in the middle of the run (perf, raw_syscalls tracepoints:
# entry and exit time of every read, write, sendfile and epoll wait of every thread), and prints the
# median of each stage of a round trip (benchmarks/round-trip-stages.py): the client's send, the server's
# socket reads, the hand-off to the owner shard and its work up to the .log write, the page-cache write,
# the reply, the client's turnaround. Stages between system calls (checksums, stamping, thread
# hand-offs) are the gaps between them. Needs perf with tracepoint access (root or
# perf_event_paranoid <= -1).
#
#   benchmarks/round-trip-stages.sh <server pid> produce|consume <load generator command...>
#
# e.g. (iggy-bench, 1 KiB messages, 1000 per batch, one batch in flight):
#   benchmarks/round-trip-stages.sh "$(pgrep -f IggyServer)" produce \
#       tools/bench/target/iggy-bench/bin/iggy-bench -m 1024 -P 1000 -b 5000 pinned-producer -p 1 tcp
#
#   DELAY   seconds into the run before recording (JIT warm-up) [8]
#   DUR     seconds recorded [0.5]
#   OUT     where the recording and its text dump stay [a new temporary directory]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER=${1:?server pid}
MODE=${2:?produce or consume}
shift 2
DELAY=${DELAY:-8}
DUR=${DUR:-0.5}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"

"$@" > "$OUT/load.txt" 2>&1 &
LOAD=$!
sleep "$DELAY"
# The launcher execs java, so the load generator's pid is the JVM's.
perf record -q -o "$OUT/trace.data" -e sched:sched_switch -e raw_syscalls:sys_enter -e raw_syscalls:sys_exit \
    -p "$SERVER,$LOAD" -- sleep "$DUR" > /dev/null 2>&1
wait "$LOAD" || true
perf script -i "$OUT/trace.data" -F comm,tid,cpu,time,event,trace > "$OUT/trace.txt" 2>/dev/null
echo "load average $(cut -d' ' -f1-3 /proc/loadavg); recording in $OUT"
grep -E 'MB/s' "$OUT/load.txt" | tail -1 || true
python3 "$ROOT/benchmarks/round-trip-stages.py" "$OUT/trace.txt" "$MODE"
