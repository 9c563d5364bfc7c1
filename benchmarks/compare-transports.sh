#!/usr/bin/env bash
# The cost of each transport against plain TCP, on one workload: iggy-bench's single-partition producer
# and consumer (1 KiB messages, 1000 per batch) over plain TCP, TCP with TLS, WebSocket (ws), WebSocket
# with TLS (wss) and QUIC. Two servers run side by side from the built distribution, one plaintext (tcp,
# ws, quic) and one with TLS (tcp, wss), each warmed up on every transport first; then ROUNDS rounds
# run every transport back to back, the order reversed every other round. Prints each transport's median
# and best throughput, its ratio to plain TCP (medians) and the server's CPU seconds per GiB.
# Method and latest results: docs/benchmarks.md.
#
#   mvn -B -DskipTests package && benchmarks/compare-transports.sh
#
# Environment (defaults in brackets):
#   MESSAGES    messages of 1 KiB per run [1000000]
#   ROUNDS      rounds [3]
#   TRANSPORTS  which to run, in this order ["tcp tcp-tls ws wss quic"]
#   HEAP        heap of both servers [1g]
#   WARMUP_MESSAGES  messages iggy-bench moves unmeasured at the start of every run, in the same client JVM and
#               on the same connection as the measured part (its --warmup-messages): each run is a new client
#               JVM, which compiles while it is measured without it, and a user's client is a long-lived
#               process. By count, the same work for every transport; the consumer reads the producer's
#               warm-up messages first. The server CPU column divides by every message the server moved,
#               warm-up included. 0 for none [200000]
#   CLIENT_WARMUP  iggy-bench's warm-up by time (its -w), for studies of one transport only: a time writes more
#               on a faster transport (2.2 million messages on plain TCP against 1.0 million on QUIC in 3 s),
#               which pushes the faster one's measured part into the kernel's dirty-page writeback
#               (docs/benchmarks.md, "Tenth session, quiet runs"). "" or 0s for none [0s]
#   CLIENT_VARIANTS  client JVM options to A/B in the same minutes: "label:options;label:options", e.g.
#               "new:;old:-Diggy.client.nettyWebSocketDecoder=true". Every round then runs every transport once per
#               variant (the order of the pairs reversed every other round, as the transports'); the first variant's
#               runs keep the transport's name, the others' are named transport+label (transport-rounds.py
#               --transport wss+old --base ws+old). JAVA_OPTS, when set, goes to every variant [one variant: JAVA_OPTS]
#   TLS_SERVER_OPTS  extra JVM options of the TLS server only, e.g. -Diggy.tls.copyPolls=true to A/B a switch
#               of docs/transports.md in one build [none]
#   JFR         "on" records each server with Java Flight Recorder into OUT/server-<name>.jfr [off]
#   SETTLE      "on": before every run, both servers' files are written to disk (sync of each file: their dirty
#               pages only, not the machine's), so that no run pays for the writeback of an earlier run's pages.
#               The kernel writes a page back 30 s after it was dirtied (vm.dirty_expire_centisecs): without this,
#               which transport's run that writeback lands in depends on how many transports a round has and on
#               their speeds ("Fifteenth session (issue #11): TLS consuming" in docs/benchmarks-history.md) [off]
#   BASE_PORT   plaintext server: tcp BASE, ws BASE+2, quic BASE+3, metrics BASE+5; TLS server: tcp BASE+10,
#               wss BASE+12, metrics BASE+15 [18400]
#   OUT         where the table and raw outputs go [a new temp dir, printed]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MESSAGES=${MESSAGES:-1000000}
ROUNDS=${ROUNDS:-3}
TRANSPORTS=${TRANSPORTS:-"tcp tcp-tls ws wss quic"}
HEAP=${HEAP:-1g}
JFR=${JFR:-off}
TLS_SERVER_OPTS=${TLS_SERVER_OPTS:-}
CLIENT_VARIANTS=${CLIENT_VARIANTS:-":"}
CLIENT_JAVA_OPTS=${JAVA_OPTS:-}
WARMUP_MESSAGES=${WARMUP_MESSAGES:-200000}
SETTLE=${SETTLE:-off}
CLIENT_WARMUP=${CLIENT_WARMUP-0s}
if [ "$CLIENT_WARMUP" = 0s ]; then CLIENT_WARMUP=""; fi
BASE_PORT=${BASE_PORT:-18400}
BATCH=1000
MSG_SIZE=1024

DIST=$(ls -d "$ROOT"/distribution/target/iggy-server-*/ 2>/dev/null | head -1 || true)
BENCH="$ROOT/tools/bench/target/iggy-bench/bin/iggy-bench"
if [ -z "$DIST" ] || [ ! -x "$BENCH" ]; then
    echo "build first: mvn -B -DskipTests package" >&2
    exit 2
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/iggyj-transports.XXXXXX")
OUT=${OUT:-$WORK/results}
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
: > "$RESULTS"
CLK_TCK=$(getconf CLK_TCK)
PLAIN_PID=""
TLS_PID=""

cleanup() {
    for pid in $PLAIN_PID $TLS_PID; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK/plain" "$WORK/tls"
}
trap cleanup EXIT
trap "exit 130" INT TERM

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

cpu_seconds() { # utime + stime of a process (fields 14, 15 of /proc/<pid>/stat)
    local stat
    stat=$(cat "/proc/$1/stat")
    stat=${stat##*) }
    set -- $stat
    awk -v u="${12}" -v s="${13}" -v t="$CLK_TCK" 'BEGIN { printf "%.3f", (u + s) / t }'
}

jit_seconds() { # CPU of a process's JIT compiler threads: still growing while measuring = not warm yet
    local total=0 task
    for task in /proc/"$1"/task/*; do
        case "$(cat "$task/comm" 2>/dev/null)" in
            C1\ Compiler*|C2\ Compiler*) total=$(awk -v t="$total" -v c="$(cpu_seconds "$1/task/${task##*/}")" \
                'BEGIN { print t + c }') ;;
        esac
    done
    echo "$total"
}

# Messages the server has stored (producing) or handed out (consuming) so far, from its metrics endpoint:
# the CPU column divides by these rather than by MESSAGES, so that the warm-up's traffic, whose CPU the
# server also spends, is counted on both sides of the ratio.
messages_moved() { # metrics-port scenario
    local counter=iggy_messages_sent_total
    if [ "$2" = pinned-consumer ]; then counter=iggy_messages_polled_total; fi
    { curl -sf "http://127.0.0.1:$1/metrics" || true; } \
        | awk -v c="$counter" '$1 ~ "^" c "([{]|$)" { n += $2 } END { printf "%.0f", n }'
}

wait_port() {
    for _ in $(seq 1 300); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    echo "nothing listens on port $1" >&2
    return 1
}

start_server() { # name env... ; sets SERVER_PID
    local name=$1
    shift
    local opts="-Xms$HEAP -Xmx$HEAP"
    if [ "$name" = tls ] && [ -n "$TLS_SERVER_OPTS" ]; then
        opts="$opts $TLS_SERVER_OPTS"
    fi
    if [ "$JFR" = on ]; then
        opts="$opts -XX:StartFlightRecording=filename=$OUT/server-$name.jfr,settings=profile,dumponexit=true"
    fi
    mkdir -p "$WORK/$name"
    (cd "$WORK/$name" && exec env IGGY_SYSTEM_PATH="$WORK/$name/local_data" IGGY_HTTP_ENABLED=false IGGY_KAFKA_ENABLED=false \
        JAVA_OPTS="$opts" "$@" \
        "$DIST/bin/iggy-server" --with-default-root-credentials > "$OUT/server-$name.log" 2>&1) &
    SERVER_PID=$!
}

# transport -> "pid metrics-port iggy-bench transport arguments"
target() {
    case "$1" in
        tcp) echo "$PLAIN_PID $((BASE_PORT + 5)) tcp --server-address 127.0.0.1:$BASE_PORT" ;;
        ws) echo "$PLAIN_PID $((BASE_PORT + 5)) websocket --server-address 127.0.0.1:$((BASE_PORT + 2))" ;;
        quic) echo "$PLAIN_PID $((BASE_PORT + 5)) quic --server-address 127.0.0.1:$((BASE_PORT + 3))" ;;
        tcp-tls) echo "$TLS_PID $((BASE_PORT + 15)) tcp --server-address 127.0.0.1:$((BASE_PORT + 10)) --tls" ;;
        wss) echo "$TLS_PID $((BASE_PORT + 15)) websocket --server-address 127.0.0.1:$((BASE_PORT + 12)) --tls" ;;
        *) echo "unknown transport $1" >&2; return 2 ;;
    esac
}

settle() { # the servers' dirty pages written back now rather than during the next run (SETTLE)
    if [ "$SETTLE" = on ]; then
        find "$WORK/plain" "$WORK/tls" -type f -print0 2>/dev/null | xargs -0 -r sync -- 2>/dev/null || true
    fi
}

bench() { # transport scenario-args... ; runs with the global NAME and MODE (record|warm)
    local transport=$1 pid metrics args before after moved_before moved rate
    shift
    settle
    read -r pid metrics args <<< "$(target "$transport")"
    moved_before=$(messages_moved "$metrics" "$1")
    before=$(cpu_seconds "$pid")
    # shellcheck disable=SC2086
    "$BENCH" ${CLIENT_WARMUP:+-w "$CLIENT_WARMUP"} --warmup-messages "$WARMUP_MESSAGES" \
        -m "$MSG_SIZE" -P "$BATCH" -b $((MESSAGES / BATCH)) "$@" $args output -o "$OUT/$NAME" > "$OUT/$NAME.log" 2>&1
    after=$(cpu_seconds "$pid")
    moved=$(($(messages_moved "$metrics" "$1") - moved_before))
    if [ "$moved" -lt 0 ]; then moved=0; fi # a counter that restarted: no CPU column rather than a wrong one
    rate=$(python3 -c 'import json,sys; print("%.1f" % json.load(open(sys.argv[1]))["groups"][0]["messages_per_second"])' \
        "$OUT/$NAME/report.json")
    if [ "$MODE" = record ]; then
        printf '%s\t%s\t%s\t%s\t%s\n' "${NAME%-*-*}" "$1" "$rate" \
            "$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')" "$moved" >> "$RESULTS"
        log "$(printf '%-8s %-16s %10.0f msg/s (%5.0f MiB/s)' "${NAME%-*-*}" "$1" "$rate" \
            "$(awk -v r="$rate" -v s="$MSG_SIZE" 'BEGIN { print r * s / 1048576 }')")"
    fi
}

one() { # transport round [variant-index]
    local v=${3:-1} label opts name=$1
    IFS=';' read -r -a variants <<< "$CLIENT_VARIANTS"
    label=${variants[$((v - 1))]%%:*}
    opts=${variants[$((v - 1))]#*:}
    if [ "$v" -gt 1 ]; then name="$1+$label"; fi
    JAVA_OPTS="$CLIENT_JAVA_OPTS $opts" NAME="$name-produce-$2" bench "$1" pinned-producer -p 1
    JAVA_OPTS="$CLIENT_JAVA_OPTS $opts" NAME="$name-consume-$2" bench "$1" pinned-consumer -c 1
}

start_server plain IGGY_TCP_ADDRESS="127.0.0.1:$BASE_PORT" \
    IGGY_WEBSOCKET_ADDRESS="127.0.0.1:$((BASE_PORT + 2))" IGGY_QUIC_ADDRESS="127.0.0.1:$((BASE_PORT + 3))" \
    IGGY_METRICS_ADDRESS="127.0.0.1:$((BASE_PORT + 5))"
PLAIN_PID=$SERVER_PID
start_server tls IGGY_TCP_ADDRESS="127.0.0.1:$((BASE_PORT + 10))" IGGY_METRICS_ADDRESS="127.0.0.1:$((BASE_PORT + 15))" \
    IGGY_WEBSOCKET_ADDRESS="127.0.0.1:$((BASE_PORT + 12))" IGGY_QUIC_ENABLED=false \
    IGGY_TCP_TLS_ENABLED=true IGGY_TCP_TLS_SELF_SIGNED=true IGGY_WEBSOCKET_TLS_ENABLED=true \
    IGGY_WEBSOCKET_TLS_SELF_SIGNED=true
TLS_PID=$SERVER_PID
for port in "$BASE_PORT" $((BASE_PORT + 2)) $((BASE_PORT + 5)) $((BASE_PORT + 10)) $((BASE_PORT + 12)) \
    $((BASE_PORT + 15)); do
    wait_port "$port"
done
log "servers up (plaintext pid $PLAIN_PID, TLS pid $TLS_PID); results in $OUT"
grep -h "listening" "$OUT"/server-*.log | sed 's/^/    /' >&2 || true

MODE=warm
for t in $TRANSPORTS; do
    log "warming up $t"
    one "$t" warm
done
MODE=record
# Other work on the machine moves every rate: the table says how loaded it was while measuring.
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
JIT_START="$(jit_seconds "$PLAIN_PID") $(jit_seconds "$TLS_PID")"
VARIANT_COUNT=$(awk -F';' '{ print NF }' <<< "$CLIENT_VARIANTS")
PAIRS=""
for t in $TRANSPORTS; do
    for v in $(seq 1 "$VARIANT_COUNT"); do PAIRS="$PAIRS $t:$v"; done
done
for round in $(seq 1 "$ROUNDS"); do
    order=$PAIRS
    if [ $((round % 2)) -eq 0 ]; then order=$(echo $PAIRS | tr ' ' '\n' | tac | tr '\n' ' '); fi
    log "round $round of $ROUNDS: $order"
    for pair in $order; do
        one "${pair%%:*}" "$round" "${pair#*:}"
    done
done

LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
read -r jit_plain jit_tls <<< "$JIT_START"
JIT=$(awk -v a="$(jit_seconds "$PLAIN_PID")" -v b="$jit_plain" -v c="$(jit_seconds "$TLS_PID")" -v d="$jit_tls" \
    'BEGIN { printf "%.1f s plaintext server, %.1f s TLS server", a - b, c - d }')

python3 - "$RESULTS" "$MESSAGES" "$ROUNDS" "$CLIENT_WARMUP" "$WARMUP_MESSAGES" "$LOAD_START" "$LOAD_END" "$JIT" "$SETTLE" <<'EOF' \
    | tee "$OUT/table.md"
import sys
from collections import defaultdict
from statistics import median
results, messages, rounds, client_warmup = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
warmup_messages = int(sys.argv[5])
load_start, load_end, jit, settle = sys.argv[6], sys.argv[7], sys.argv[8], sys.argv[9]
rates = defaultdict(list)
cpu = defaultdict(float)
moved = defaultdict(int)
for line in open(results):
    transport, scenario, rate, cpu_s, count = line.rstrip("\n").split("\t")
    rates[(transport, scenario)].append(float(rate))
    cpu[(transport, scenario)] += float(cpu_s)
    moved[(transport, scenario)] += int(count or 0)
print(f"{messages} messages of 1 KiB per run, 1000 per batch, one producer or consumer, one partition; "
      f"median and best of {rounds} rounds"
      + (f"; iggy-bench moved {warmup_messages} messages unmeasured first in each run" if warmup_messages else "")
      + (f"; iggy-bench warmed up {client_warmup} per run" if client_warmup else "")
      + ("; server CPU per GiB over every message it moved, warm-up included"
         if warmup_messages or client_warmup else "")
      + ("; the servers' files synced before every run" if settle == "on" else "")
      + f"; load average {load_start} -> {load_end} while measuring; servers' JIT compiler threads during the rounds: "
      + f"{jit}\n")
print("| transport | workload | median MiB/s | best MiB/s | / plain TCP (median) | server CPU s/GiB |")
print("|---|---|---:|---:|---:|---:|")
for scenario in ("pinned-producer", "pinned-consumer"):
    base = median(rates[("tcp", scenario)]) if ("tcp", scenario) in rates else None
    for (transport, s), values in rates.items():
        if s != scenario:
            continue
        m = median(values)
        ratio = f"{m / base:.2f}" if base else "-"
        gib = moved[(transport, s)] * 1024 / 2**30
        per_gib = f"{cpu[(transport, s)] / gib:.2f}" if gib else "-"
        print(f"| {transport} | {'produce' if 'producer' in s else 'consume'} | {m * 1024 / 2**20:,.0f} "
              f"| {max(values) * 1024 / 2**20:,.0f} | {ratio} | {per_gib} |")
EOF
