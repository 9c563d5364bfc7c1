#!/usr/bin/env bash
# A/B of the Kafka plugin's Produce path: two builds of the server (single node, Kafka listener on, clients
# without SASL acting as the root user), both up for the whole run; Kafka's ProducerPerformance writes
# MESSAGES records of 1 KiB (the compare-kafka.sh producer settings: batch.size 1 MiB, linger 10 ms,
# acks=1, no compression) into a fresh one-partition topic of A and of B alternately, the order swapped
# every round. Prints per run the tool's MiB/s and the server's CPU seconds per GiB (utime + stime of
# /proc/<pid>/stat over the run), the same for its event-loop and shard threads alone (the Produce path
# itself, without the JIT compiler's and the garbage collector's share), with the load average, and at the end each server's CPU seconds per
# thread over the whole run. On a loaded machine the MiB/s are noise but the CPU per GiB holds up; the
# first rounds include the JIT's work (WARMUP runs each, unrecorded, go first).
#
#   benchmarks/kafka-produce-ab.sh <distribution dir A> <distribution dir B>
#
#   ROUNDS     rounds [8]
#   MESSAGES   records per run [200000]
#   WARMUP     unrecorded runs per server before the rounds [1]
#   AB_PORT    Kafka port of A; B listens on AB_PORT+1 [19201]
#   JFR_B      a .jfr path: record B with settings=profile (see benchmarks/jfr-hot-frames.py)
#   OUT        where server logs stay [a new temporary directory]
# Needs Kafka's tools: mvn -B -q -f benchmarks/kafka/pom.xml dependency:copy-dependencies
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-8}
MESSAGES=${MESSAGES:-200000}
WARMUP=${WARMUP:-1}
AB_PORT=${AB_PORT:-19201}
OUT=${OUT:-$(mktemp -d)}
# shellcheck source=kafka-ab.sh
. "$ROOT/benchmarks/kafka-ab.sh"

io_cpu() { # pid -> CPU seconds of its event-loop and shard threads (iggy-io-*, iggy-shard-*)
    local task s name ticks=0
    for task in /proc/"$1"/task/*; do
        s=$(cat "$task/stat" 2>/dev/null) || continue
        name=${s#*(}
        name=${name%%)*}
        case "$name" in iggy-io-*|iggy-shard-*) ;; *) continue ;; esac
        s=${s##*) }
        set -- $s
        ticks=$((ticks + ${12} + ${13}))
    done
    awk -v t="$ticks" -v c="$CLK" 'BEGIN { printf "%.3f", t / c }'
}

produce() { # port topic -> records/s
    produce_records "$1" "$2" | grep "records sent" | tail -1 | sed -E 's/.* sent, ([0-9.]+) records\/sec.*/\1/'
}

# Topics are deleted outside the measured runs, so no run pays for another's files.
drop() { # port topic
    tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$1" --delete --topic "$2" \
        > /dev/null 2>&1
}

kafka_ab_start "$1" "$2"
for w in $(seq 1 "$WARMUP"); do
    for port in "$PORT_A" "$PORT_B"; do
        produce "$port" "warm$w" > /dev/null
        drop "$port" "warm$w"
    done
done
for round in $(seq 1 "$ROUNDS"); do
    order="A B"
    [ $((round % 2)) -eq 0 ] && order="B A"
    for side in $order; do
        if [ "$side" = A ]; then port=$PORT_A pid=$PID_A; else port=$PORT_B pid=$PID_B; fi
        before=$(cpu "$pid")
        io_before=$(io_cpu "$pid")
        rate=$(produce "$port" "r$round")
        after=$(cpu "$pid")
        io_after=$(io_cpu "$pid")
        awk -v r="$round" -v s="$side" -v m="${rate:-0}" -v a="$after" -v b="$before" -v n="$MESSAGES" \
            -v ia="$io_after" -v ib="$io_before" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
            g = n * 1024 / 1073741824
            printf "round %d %s %.1f MiB/s, %.2f CPU s/GiB (io+shard threads %.2f), load %s\n",
            r, s, m * 1024 / 1048576, (a - b) / g, (ia - ib) / g, l }'
        drop "$port" "r$round"
    done
done
kafka_ab_threads
