#!/usr/bin/env bash
# A/B of the server's CPU seconds per GiB: two builds of the server (single node), both up for the
# whole run, measured alternately with the iggyj workloads of `benchmarks/compare-kafka.sh` (1 KiB
# messages, 1000 per batch, consumers polling POLL_MESSAGES per request; produce/consume p1: pinned-producer -p 1 / pinned-consumer -c 1; produce/
# consume p4: balanced-producer -p 2 over 4 partitions / balanced-consumer-group -c 1). CPU is utime +
# stime of the server process (/proc/<pid>/stat) over each run, and per thread group
# (/proc/<pid>/task/*, digits in thread names folded to N) so a run shows where the seconds went. On a
# loaded machine throughput is noise but CPU per GiB holds up; the order of A and B is swapped every
# round. Prints one line per run and, at the end, each workload's median for A and B and the ratio.
# Each thread group's figure is user+system seconds per GiB, followed by the system part in brackets
# (socket and file system calls, page-cache copies), e.g. "iggy-io-N=0.40(0.31)". The totals (user +
# system) are the scheduler's run time of each thread (/proc/<pid>/task/*/schedstat, nanoseconds), not
# the clock ticks of stat, which count 10 ms at a time: a shard thread of a consume run has only a few
# ticks; the system part in brackets is still stat's ticks.
#
#   benchmarks/server-cpu-ab.sh <distribution dir A> <distribution dir B>
#
#   ROUNDS     measured rounds, after one unmeasured warm-up round [3]
#   MESSAGES   messages per run [500000]
#   HEAP       heap of each server [1g]
#   AB_PORT    TCP port of A; B listens on AB_PORT+1 [27391]
#   BENCH      iggy-bench launcher [tools/bench/target/iggy-bench/bin/iggy-bench]
#   OUT        where server logs, bench reports and results.tsv stay [a new temporary directory]
#   LOGIN_TTL  [auth] verified_password_ttl of both servers: one Argon2id password check (0.07-0.16 s of
#              CPU) covers every login of the run and falls in the warm-up round; with the server's default
#              "60 s" it lands once a minute in whichever run comes next, 0.15-0.33 s/GiB of that run ["1 d"]
#   FSYNC      on: both servers ack a batch only after an fsync covering it (enforce_fsync), as the
#              fsync row of compare-kafka.sh; the four workloads then become the single "produce-p1"
#              one [off]
#   POLL_MESSAGES messages a consumer asks for per poll, as compare-kafka.sh's consumers: what Kafka's
#              consumer fetches per partition per request (10 MiB) in messages of 1 KiB [10240]
#   BENCH_OPTS_A, BENCH_OPTS_B  extra iggy-bench options of each server's runs, space-separated (e.g.
#              --in-flight 4; with the same distribution as A and B, an A/B of a client option, e.g.
#              BENCH_OPTS_A="--poll-messages 1000" BENCH_OPTS_B="--poll-messages 10240") []
#   PRODUCE_ONLY on: only the produce workloads [off]
#   WORKLOADS  only these of produce-p1 consume-p1 produce-p4 consume-p4, space-separated, in that order
#              each round; a consume row reads what its produce row wrote (and consume-p4's group commits
#              its offset), so list both, e.g. "produce-p4 consume-p4" for the group consumer [all four]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
A=${1:?distribution directory A}
B=${2:?distribution directory B}
ROUNDS=${ROUNDS:-3}
MESSAGES=${MESSAGES:-500000}
HEAP=${HEAP:-1g}
AB_PORT=${AB_PORT:-27391}
BENCH=${BENCH:-$ROOT/tools/bench/target/iggy-bench/bin/iggy-bench}
FSYNC=${FSYNC:-off}
LOGIN_TTL=${LOGIN_TTL:-1 d}
OUT=${OUT:-$(mktemp -d)}
MSG_SIZE=1024
BATCH=1000
POLL_MESSAGES=${POLL_MESSAGES:-10240}
CLK_TCK=$(getconf CLK_TCK)
RESULTS="$OUT/results.tsv"
mkdir -p "$OUT"
: > "$RESULTS"
declare -A DIST=([A]="$A" [B]="$B") PORT=([A]=$AB_PORT [B]=$((AB_PORT + 1))) PID=()

start() { # A|B
    local data="$OUT/data-$1"
    rm -rf "$data" && mkdir -p "$data"
    (cd "$data" && IGGY_SYSTEM_PATH="$data/local_data" IGGY_TCP_ADDRESS="127.0.0.1:${PORT[$1]}" \
        IGGY_HTTP_ENABLED=false IGGY_QUIC_ENABLED=false IGGY_WEBSOCKET_ENABLED=false IGGY_KAFKA_ENABLED=false \
        IGGY_METRICS_ADDRESS=127.0.0.1:0 IGGY_AUTH_VERIFIED_PASSWORD_TTL="$LOGIN_TTL" \
        IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC=$([ "$FSYNC" = on ] && echo true || echo false) JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
        exec "${DIST[$1]}/bin/iggy-server" --with-default-root-credentials > "$OUT/server-$1.log" 2>&1) &
    PID[$1]=$!
}

stop() {
    local s
    for s in A B; do
        if [ -n "${PID[$s]:-}" ]; then kill "${PID[$s]}" 2>/dev/null || true; wait "${PID[$s]}" 2>/dev/null || true; fi
    done
}
trap stop EXIT

wait_port() {
    local i
    for i in $(seq 1 120); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 1
    done
    echo "nothing listens on port $1" >&2
    exit 1
}

# CPU per thread group of a process: "name run-time-ns system-ticks" lines (schedstat's first field;
# stat's field 15)
thread_ticks() {
    local task name stat run
    for task in /proc/"$1"/task/*; do
        name=$(tr ' ' '_' < "$task/comm" 2>/dev/null | sed 's/[0-9]\+/N/g') || continue
        stat=$(cat "$task/stat" 2>/dev/null) || continue
        run=$(cut -d' ' -f1 "$task/schedstat" 2>/dev/null) || continue
        stat=${stat##*) }
        set -- $stat
        echo "$name $run ${13}"
    done | awk '{ t[$1] += $2; k[$1] += $3 } END { for (n in t) printf "%s %.0f %d\n", n, t[n], k[n] }' | sort
}

bench() { # A|B scenario... -> messages per second
    local server=$1 actors=1 i
    shift
    local args=("$@")
    for ((i = 0; i < ${#args[@]}; i++)); do
        case "${args[$i]}" in -p|-c) actors=${args[$((i + 1))]} ;; esac
    done
    local opts_of="BENCH_OPTS_$server" opts
    read -r -a opts <<< "${!opts_of:-}"
    case " ${opts[*]+"${opts[*]}"} " in
        *" --poll-messages "*) ;;
        *) opts+=(--poll-messages "$POLL_MESSAGES") ;;
    esac
    "$BENCH" -m "$MSG_SIZE" -P "$BATCH" -b $((MESSAGES / BATCH / actors)) ${opts[@]+"${opts[@]}"} "$@" \
        tcp --server-address "127.0.0.1:${PORT[$server]}" output -o "$OUT/bench-$server" > "$OUT/bench-$server.log" 2>&1
    python3 -c 'import json, sys; print("%.0f" % json.load(open(sys.argv[1]))["groups"][0]["messages_per_second"])' \
        "$OUT/bench-$server/report.json"
}

run() { # round A|B workload scenario...
    local round=$1 server=$2 workload=$3 pid before after rate load gib
    shift 3
    pid=${PID[$server]}
    load=$(cut -d' ' -f1 /proc/loadavg)
    thread_ticks "$pid" > "$OUT/ticks-before"
    rate=$(bench "$server" "$@")
    thread_ticks "$pid" > "$OUT/ticks-after"
    gib=$(awk -v m="$MESSAGES" -v s="$MSG_SIZE" 'BEGIN { print m * s / 1073741824 }')
    join -a 2 -e 0 -o 0,1.2,2.2,1.3,2.3 "$OUT/ticks-before" "$OUT/ticks-after" | awk -v g="$gib" -v t="$CLK_TCK" \
        -v r="$round" -v s="$server" -v w="$workload" -v rate="$rate" -v load="$load" '
        { d = ($3 - $2) / 1e9 / g; k = ($5 - $4) / t / g; total += d; sys += k
          if (d >= 0.01) groups = groups sprintf(" %s=%.2f(%.2f)", $1, d, k) }
        END { printf "%s\t%s\t%s\t%.3f\t%s\t%s\tsys=%.2f%s\n", r, s, w, total, rate, load, sys, groups }' | tee -a "$RESULTS"
}

WORKLOADS=${WORKLOADS:-produce-p1 consume-p1 produce-p4 consume-p4}
if [ "${PRODUCE_ONLY:-off}" = on ]; then WORKLOADS=${WORKLOADS//consume-p[14]/}; fi

selected() { case " $WORKLOADS " in *" $1 "*) return 0 ;; esac; return 1; }

round() { # round A|B
    if [ "$FSYNC" = on ]; then run "$1" "$2" produce-p1-fsync pinned-producer -p 1; return; fi
    selected produce-p1 && run "$1" "$2" produce-p1 pinned-producer -p 1
    selected consume-p1 && run "$1" "$2" consume-p1 pinned-consumer -c 1
    selected produce-p4 && run "$1" "$2" produce-p4 balanced-producer -p 2 -s 1 -a 4
    selected consume-p4 && run "$1" "$2" consume-p4 balanced-consumer-group -c 1 -s 1 -g 1
    return 0
}

start A
start B
wait_port "${PORT[A]}"
wait_port "${PORT[B]}"
echo "start $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg); A=$A B=$B; polls of $POLL_MESSAGES;" \
    "A options: ${BENCH_OPTS_A:-none}; B options: ${BENCH_OPTS_B:-none}" | tee "$OUT/machine.txt"
echo "columns: round, server, workload, server CPU s/GiB, msg/s, load, system s/GiB, CPU s/GiB (system) per thread group"
round 0 A > /dev/null  # warm-up: in results.tsv as round 0, left out of the medians
round 0 B > /dev/null
for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then order="A B"; else order="B A"; fi
    for s in $order; do round "$r" "$s"; done
done
echo "end $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
python3 - "$RESULTS" <<'PY'
import statistics, sys
cpu = {}
for line in open(sys.argv[1]):
    r, s, w, c = line.split("\t")[:4]
    if r == "0":
        continue
    cpu.setdefault(w, {}).setdefault(s, []).append(float(c))
print("workload\tA median s/GiB\tB median s/GiB\tB/A")
for w, by in cpu.items():
    a, b = statistics.median(by.get("A", [0])), statistics.median(by.get("B", [0]))
    print(f"{w}\t{a:.2f}\t{b:.2f}\t{b / a if a else float('nan'):.2f}")
PY
