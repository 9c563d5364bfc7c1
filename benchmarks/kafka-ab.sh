#!/usr/bin/env bash
# Shared by kafka-consume-ab.sh and kafka-produce-ab.sh (sourced, not run): two single-node builds with
# the Kafka listener on (clients without SASL act as the root user), Kafka's tools from
# benchmarks/kafka/target/lib, the server's CPU seconds from /proc, and the per-thread report at the end.
# Reads ROOT, AB_PORT, OUT and JFR_B from the sourcing script; kafka_ab_start sets PORT_A, PORT_B, PID_A, PID_B.

LIB=$ROOT/benchmarks/kafka/target/lib
CLK=$(getconf CLK_TCK)
mkdir -p "$OUT"
printf 'Configuration:\n  status: warn\n  Loggers:\n    Root:\n      level: warn\n' > "$OUT/log4j2.yaml"

tool() { java -Xmx1g -Dlog4j2.configurationFile="$OUT/log4j2.yaml" -cp "$LIB/*" "$@"; }

# port topic -> ProducerPerformance's output: MESSAGES records of 1 KiB into a new one-partition topic, with
# compare-kafka.sh's producer settings (batch.size 1 MiB, linger 10 ms, acks=1, no compression)
produce_records() {
    tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$1" --create --topic "$2" \
        --partitions 1 --replication-factor 1 > /dev/null 2>&1
    tool org.apache.kafka.tools.ProducerPerformance --topic "$2" --num-records "$MESSAGES" --record-size 1024 \
        --throughput -1 --producer-props "bootstrap.servers=127.0.0.1:$1" acks=1 linger.ms=10 \
        compression.type=none batch.size=1048576 max.request.size=10485760 buffer.memory=134217728 2>&1
}

cpu() { # pid -> CPU seconds
    local s
    s=$(cat "/proc/$1/stat")
    s=${s##*) }
    set -- $s
    awk -v u="${12}" -v s="${13}" -v t="$CLK" 'BEGIN { printf "%.3f", (u + s) / t }'
}

start() { # name dist port jvm-options -> pid
    mkdir -p "$OUT/$1"
    (cd "$OUT/$1" && IGGY_SYSTEM_PATH="$OUT/$1/data" IGGY_TCP_ADDRESS=127.0.0.1:0 IGGY_HTTP_ENABLED=false \
        IGGY_QUIC_ENABLED=false IGGY_WEBSOCKET_ENABLED=false IGGY_KAFKA_ENABLED=true \
        IGGY_KAFKA_ADDRESS="127.0.0.1:$3" IGGY_KAFKA_ANONYMOUS_USERNAME=iggy IGGY_KAFKA_ANONYMOUS_PASSWORD=iggy \
        IGGY_METRICS_ADDRESS=127.0.0.1:0 IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC=false JAVA_OPTS="-Xms1g -Xmx1g $4" \
        exec "$2/bin/iggy-server" --with-default-root-credentials > "$OUT/$1.log" 2>&1) &
    echo $!
}

wait_port() {
    for _ in $(seq 1 240); do
        (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.5
    done
    echo "port $1 never opened" >&2
    return 1
}

kafka_ab_start() { # <distribution dir A> <distribution dir B>
    local dist_a dist_b
    dist_a=$(cd "${1:?distribution directory A}" && pwd)
    dist_b=$(cd "${2:?distribution directory B}" && pwd)
    PORT_A=$AB_PORT
    PORT_B=$((AB_PORT + 1))
    PID_A=$(start A "$dist_a" "$PORT_A" "")
    PID_B=$(start B "$dist_b" "$PORT_B" "${JFR_B:+-XX:StartFlightRecording=filename=$JFR_B,settings=profile}")
    trap 'kill "$PID_A" "$PID_B" 2>/dev/null; wait 2>/dev/null' EXIT
    wait_port "$PORT_A"
    wait_port "$PORT_B"
}

kafka_ab_threads() { # the eight busiest threads of each server over the whole run
    local side pid task s name
    for side in A B; do
        pid=$PID_A
        [ "$side" = B ] && pid=$PID_B
        echo "CPU ticks per thread of $side (whole run, $CLK per second):"
        for task in /proc/"$pid"/task/*; do
            s=$(cat "$task/stat")
            name=${s#*(}
            name=${name%%)*}
            s=${s##*) }
            set -- $s
            echo "$((${12} + ${13})) $name"
        done | sort -rn | head -8
    done
}
