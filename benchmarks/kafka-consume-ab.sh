#!/usr/bin/env bash
# A/B of the Kafka plugin's Fetch path: two builds of the server (single node, Kafka listener on, clients
# without SASL acting as the root user), both up for the whole run, each holding the same topic (one
# partition, MESSAGES records of 1 KiB written by Kafka's ProducerPerformance); Kafka's
# ConsumerPerformance then reads it from A and B alternately, in a fresh group each time, the order
# swapped every round. Prints per run the tool's fetch-phase MiB/s and the server's CPU seconds per GiB
# (utime + stime of /proc/<pid>/stat over the run) with the load average, and at the end each server's
# CPU seconds per thread (/proc/<pid>/task/*) over the whole run. On a loaded machine the MiB/s are
# noise but the CPU per GiB holds up; the first rounds include the JIT's work.
#
#   benchmarks/kafka-consume-ab.sh <distribution dir A> <distribution dir B>
#
#   ROUNDS     rounds [8]
#   MESSAGES   records in the topic, read whole by every run [200000]
#   AB_PORT    Kafka port of A; B listens on AB_PORT+1 [19201]
#   JFR_B      a .jfr path: record B with settings=profile (see benchmarks/jfr-hot-frames.py)
#   METRICS    1: print per run the consumer's Fetch count, records and bytes per Fetch and fetch latency
#              (ConsumerPerformance --print-metrics, consumer-fetch-manager-metrics)
#   OUT        where server logs stay [a new temporary directory]
# Needs Kafka's tools: mvn -B -q -f benchmarks/kafka/pom.xml dependency:copy-dependencies
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-8}
MESSAGES=${MESSAGES:-200000}
AB_PORT=${AB_PORT:-19201}
OUT=${OUT:-$(mktemp -d)}
# shellcheck source=kafka-ab.sh
. "$ROOT/benchmarks/kafka-ab.sh"

consume() { # port group -> records/s of the fetch phase (the tool's whole output in $OUT/consume-<group>.txt)
    tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "127.0.0.1:$1" --topic t \
        --messages "$MESSAGES" --group "$2" --timeout 60000 --consumer.config "$OUT/consumer.properties" \
        ${METRICS:+--print-metrics} > "$OUT/consume-$2.txt" 2>&1
    grep -E '^[0-9]{4}-' "$OUT/consume-$2.txt" | tail -1 | awk -F', *' '{ print $10 }'
}

fetch_metrics() { # group -> the client's Fetch count, records and bytes per Fetch, fetch latency (ms)
    grep -E 'consumer-fetch-manager-metrics:(fetch-total|records-per-request-avg|fetch-size-avg|fetch-latency-avg):' \
        "$OUT/consume-$1.txt" | grep -v 'topic=' | awk -F'[:{ ]+' '{ printf "  %s %s", $2, $NF } END { print "" }'
}

kafka_ab_start "$1" "$2"
for port in "$PORT_A" "$PORT_B"; do
    produce_records "$port" t > /dev/null
done
printf 'max.poll.records=1000\nmax.partition.fetch.bytes=10485760\nfetch.max.bytes=52428800\n' \
    > "$OUT/consumer.properties"
for round in $(seq 1 "$ROUNDS"); do
    order="A B"
    [ $((round % 2)) -eq 0 ] && order="B A"
    for side in $order; do
        if [ "$side" = A ]; then port=$PORT_A pid=$PID_A; else port=$PORT_B pid=$PID_B; fi
        before=$(cpu "$pid")
        rate=$(consume "$port" "g$side$round")
        after=$(cpu "$pid")
        awk -v r="$round" -v s="$side" -v m="${rate:-0}" -v a="$after" -v b="$before" -v n="$MESSAGES" \
            -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { printf "round %d %s %.1f MiB/s, %.2f CPU s/GiB, load %s\n",
            r, s, m * 1024 / 1048576, (a - b) / (n * 1024 / 1073741824), l }'
        [ -n "${METRICS:-}" ] && fetch_metrics "g$side$round"
    done
done
kafka_ab_threads
