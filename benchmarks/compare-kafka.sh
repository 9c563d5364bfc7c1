#!/usr/bin/env bash
# Side by side: Apache Kafka (KRaft broker + its ProducerPerformance / ConsumerPerformance) and this
# server (the built distribution + iggy-bench), same machine, same loopback, same workload, runs
# alternating between the two. Prints one table with the ratios (iggyj / Kafka), the loopback TCP
# bandwidth, the disk's sequential write bandwidth with an fsync per MiB and each server's CPU seconds
# per GiB moved. Method and latest results: docs/benchmarks.md.
#
#   mvn -B -DskipTests package            # the distribution and iggy-bench
#   benchmarks/compare-kafka.sh            # fetches Kafka from Maven Central on first use
#
# Environment (defaults in brackets):
#   MESSAGES     messages of 1 KiB per producer run, all producers together [200000]
#   BATCH        messages per batch [1000]
#   ROUNDS       rounds of each workload; each round runs both systems, the order alternating [2]
#   PARTITIONS   partition counts to run ["1 4"]
#   FSYNC_MODES  "off" and/or "on" (fsync per batch) ["off on"]
#   RATE         messages/s of the fixed-rate latency run, 0 to skip [50000]
#   HEAP         heap of both servers [1g]
#   KAFKA_PORT, IGGY_PORT  loopback ports [19092 (+1 for the controller), 18090]
#   OUT          where the table and the raw outputs go [a new temp dir, printed]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MESSAGES=${MESSAGES:-200000}
BATCH=${BATCH:-1000}
ROUNDS=${ROUNDS:-2}
PARTITIONS=${PARTITIONS:-"1 4"}
FSYNC_MODES=${FSYNC_MODES:-"off on"}
RATE=${RATE:-50000}
HEAP=${HEAP:-1g}
KAFKA_PORT=${KAFKA_PORT:-19092}
CONTROLLER_PORT=$((KAFKA_PORT + 1))
IGGY_PORT=${IGGY_PORT:-18090}
MSG_SIZE=1024

DIST=$(ls -d "$ROOT"/distribution/target/iggy-server-*/ 2>/dev/null | head -1 || true)
BENCH="$ROOT/tools/bench/target/iggy-bench/bin/iggy-bench"
KAFKA_LIB="$ROOT/benchmarks/kafka/target/lib"
if [ -z "$DIST" ] || [ ! -x "$BENCH" ]; then
    echo "build first: mvn -B -DskipTests package" >&2
    exit 2
fi
if [ ! -d "$KAFKA_LIB" ]; then
    echo "fetching Kafka and its tools (Maven Central) into $KAFKA_LIB"
    mvn -B -q -f "$ROOT/benchmarks/kafka/pom.xml" dependency:copy-dependencies
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/iggyj-vs-kafka.XXXXXX")
OUT=${OUT:-$WORK/results}
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
: > "$RESULTS"
KAFKA_PID=""
IGGY_PID=""
CLK_TCK=$(getconf CLK_TCK)

cleanup() {
    stop_kafka
    stop_iggy
    rm -rf "$WORK/kafka-data" "$WORK/iggy-data" "$WORK/disk-test"
    case "$OUT" in
        "$WORK"/*) ;;
        *) rm -rf "$WORK" ;;
    esac
}
trap cleanup EXIT

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# utime + stime of a process, in seconds (fields 14 and 15 of /proc/<pid>/stat; the command name,
# field 2, may hold spaces, so count from the closing parenthesis).
cpu_seconds() {
    local stat
    stat=$(cat "/proc/$1/stat")
    stat=${stat##*) }
    # after "pid (comm) ", field 3 is the first: utime is the 12th remaining, stime the 13th
    set -- $stat
    awk -v u="${12}" -v s="${13}" -v t="$CLK_TCK" 'BEGIN { printf "%.3f", (u + s) / t }'
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

# ---------------------------------------------------------------- Kafka
start_kafka() {
    rm -rf "$WORK/kafka-data"
    mkdir -p "$WORK/kafka-data"
    cat > "$WORK/kafka.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$WORK/kafka-data
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=10485760
replica.fetch.max.bytes=10485760
log.segment.bytes=1073741824
EOF
    cat > "$WORK/log4j2.yaml" <<EOF
Configuration:
  Appenders:
    File:
      name: file
      fileName: "$OUT/kafka-server.log"
      PatternLayout:
        pattern: "%d %p %c{1} %m%n"
  Loggers:
    Root:
      level: WARN
      AppenderRef:
        ref: file
EOF
    local id
    id=$(java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    java -cp "$KAFKA_LIB/*" -Dlog4j2.configurationFile="$WORK/log4j2.yaml" kafka.tools.StorageTool format \
        -t "$id" -c "$WORK/kafka.properties" > "$OUT/kafka-format.log" 2>&1
    # The JVM options of Kafka's own kafka-server-start.sh, with the same heap as the other server.
    java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
        -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$WORK/log4j2.yaml" \
        -cp "$KAFKA_LIB/*" kafka.Kafka "$WORK/kafka.properties" > "$OUT/kafka-stdout.log" 2>&1 &
    KAFKA_PID=$!
    wait_port "$KAFKA_PORT"
}

stop_kafka() {
    if [ -n "$KAFKA_PID" ]; then
        kill "$KAFKA_PID" 2>/dev/null || true
        wait "$KAFKA_PID" 2>/dev/null || true
        KAFKA_PID=""
    fi
}

kafka_tool() {
    java -Xmx"$HEAP" -Dlog4j2.configurationFile="$WORK/log4j2.yaml" -cp "$KAFKA_LIB/*" "$@"
}

kafka_topic() { # name partitions fsync
    local config=()
    if [ "$3" = on ]; then
        config=(--config flush.messages=1)
    fi
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --create \
        --topic "$1" --partitions "$2" --replication-factor 1 "${config[@]}" > /dev/null
}

# A producer batch holds ~1000 records of 1 KiB: batch.size is 1000 records with their v2 overhead.
KAFKA_PRODUCER_PROPS=(bootstrap.servers=127.0.0.1:$KAFKA_PORT acks=all linger.ms=5 compression.type=none
    batch.size=$((BATCH * (MSG_SIZE + 16))) max.request.size=10485760 buffer.memory=134217728)

kafka_produce() { # topic messages rate -> "msg/s p99ms"
    local line
    kafka_tool org.apache.kafka.tools.ProducerPerformance --topic "$1" --num-records "$2" \
        --record-size "$MSG_SIZE" --throughput "$3" --producer-props "${KAFKA_PRODUCER_PROPS[@]}" \
        > "$OUT/kafka-produce-$1-$3.log" 2>&1
    line=$(grep "records sent" "$OUT/kafka-produce-$1-$3.log" | tail -1)
    # "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, p50 ms 50th, p95 ms 95th, p99 ms 99th, ..."
    echo "$line" | sed -E 's/.* sent, ([0-9.]+) records\/sec.*, ([0-9.]+) ms 99th.*/\1 \2/'
}

kafka_consume() { # topic messages -> "msg/s"
    cat > "$WORK/consumer.properties" <<EOF
max.poll.records=$BATCH
max.partition.fetch.bytes=10485760
fetch.max.bytes=52428800
EOF
    kafka_tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
        --topic "$1" --messages "$2" --group "perf-$1-$RANDOM" --timeout 60000 \
        --consumer.config "$WORK/consumer.properties" > "$OUT/kafka-consume-$1.log" 2>&1
    # CSV: start, end, MB, MB/s, nMsg, nMsg/s, rebalance ms, fetch ms, fetch MB/s, fetch nMsg/s.
    # fetch nMsg/s leaves the group join out, in Kafka's favour.
    grep -E '^[0-9]{4}-' "$OUT/kafka-consume-$1.log" | tail -1 | awk -F', *' '{ print $10 }'
}

# ---------------------------------------------------------------- iggyj
start_iggy() { # fsync on|off
    rm -rf "$WORK/iggy-data"
    mkdir -p "$WORK/iggy-data"
    local fsync=false
    if [ "$1" = on ]; then
        fsync=true
    fi
    (cd "$WORK/iggy-data" && IGGY_SYSTEM_PATH="$WORK/iggy-data/local_data" IGGY_TCP_ADDRESS="127.0.0.1:$IGGY_PORT" \
        IGGY_HTTP_ENABLED=false IGGY_QUIC_ENABLED=false IGGY_WEBSOCKET_ENABLED=false \
        IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC=$fsync JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
        exec "$DIST/bin/iggy-server" --with-default-root-credentials > "$OUT/iggy-server-$1.log" 2>&1) &
    IGGY_PID=$!
    wait_port "$IGGY_PORT"
}

stop_iggy() {
    if [ -n "$IGGY_PID" ]; then
        kill "$IGGY_PID" 2>/dev/null || true
        wait "$IGGY_PID" 2>/dev/null || true
        IGGY_PID=""
    fi
}

# iggy_bench name scenario actors-flag actors [extra global options] -> "msg/s p99ms" of the first group
iggy_bench() {
    local name=$1 scenario=$2 flag=$3 actors=$4
    shift 4
    local batches=$((MESSAGES / BATCH / actors))
    "$BENCH" -m "$MSG_SIZE" -P "$BATCH" -b "$batches" "$@" "$scenario" "$flag" "$actors" \
        tcp --server-address "127.0.0.1:$IGGY_PORT" output -o "$OUT/iggy-$name" > "$OUT/iggy-$name.log" 2>&1
    python3 - "$OUT/iggy-$name/report.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
group = report["groups"][0]
print(f'{group["messages_per_second"]:.1f} {group["latency_ms"]["p99"]:.3f}')
EOF
}

# ---------------------------------------------------------------- measuring
# record system workload metric value cpu_seconds gib
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"; }

gib() { awk -v m="$1" -v s="$MSG_SIZE" 'BEGIN { printf "%.4f", m * s / 1073741824 }'; }

run_kafka_round() { # partitions fsync round
    local topic="t$1-$2-$3" before after result
    kafka_topic "$topic" "$1" "$2"
    before=$(cpu_seconds "$KAFKA_PID")
    result=$(kafka_produce "$topic" "$MESSAGES" -1)
    after=$(cpu_seconds "$KAFKA_PID")
    record kafka "p$1 fsync-$2" produce "${result%% *}" "$(awk -v a="$after" -v b="$before" 'BEGIN{print a-b}')" \
        "$(gib "$MESSAGES")"
    log "kafka    produce p$1 fsync-$2: ${result%% *} msg/s"
    if [ "$2" = off ]; then
        before=$(cpu_seconds "$KAFKA_PID")
        result=$(kafka_consume "$topic" "$MESSAGES")
        after=$(cpu_seconds "$KAFKA_PID")
        record kafka "p$1" consume "$result" "$(awk -v a="$after" -v b="$before" 'BEGIN{print a-b}')" \
            "$(gib "$MESSAGES")"
        log "kafka    consume p$1: $result msg/s"
    fi
}

run_iggy_round() { # partitions fsync round
    local name="p$1-$2-$3" before after result
    before=$(cpu_seconds "$IGGY_PID")
    result=$(iggy_bench "produce-$name" pinned-producer -p "$1")
    after=$(cpu_seconds "$IGGY_PID")
    record iggyj "p$1 fsync-$2" produce "${result%% *}" "$(awk -v a="$after" -v b="$before" 'BEGIN{print a-b}')" \
        "$(gib "$MESSAGES")"
    log "iggyj    produce p$1 fsync-$2: ${result%% *} msg/s"
    if [ "$2" = off ]; then
        before=$(cpu_seconds "$IGGY_PID")
        result=$(iggy_bench "consume-$name" pinned-consumer -c "$1")
        after=$(cpu_seconds "$IGGY_PID")
        record iggyj "p$1" consume "${result%% *}" "$(awk -v a="$after" -v b="$before" 'BEGIN{print a-b}')" \
            "$(gib "$MESSAGES")"
        log "iggyj    consume p$1: ${result%% *} msg/s"
    fi
}

rate_round() { # round: fixed-rate producer latency, 1 partition, no fsync
    local messages=$((RATE * 10)) result
    [ "$messages" -gt "$MESSAGES" ] || messages=$MESSAGES
    if [ $(($1 % 2)) -eq 0 ]; then order="kafka iggyj"; else order="iggyj kafka"; fi
    for system in $order; do
        if [ "$system" = kafka ]; then
            kafka_topic "rate-$1" 1 off
            result=$(kafka_produce "rate-$1" "$messages" "$RATE")
            record kafka "p1 ${RATE}/s" p99ms "${result##* }" 0 0
            log "kafka    ${RATE} msg/s: p99 ${result##* } ms (per record)"
        else
            result=$(MESSAGES=$messages iggy_bench "rate-$1" pinned-producer -p 1 -r "$((RATE * MSG_SIZE))")
            record iggyj "p1 ${RATE}/s" p99ms "${result##* }" 0 0
            log "iggyj    ${RATE} msg/s: p99 ${result##* } ms (per batch)"
        fi
    done
}

machine() {
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    echo "memory: $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "kafka: $(ls "$KAFKA_LIB" | sed -n 's/^kafka_2.13-\(.*\)\.jar$/\1/p')"
}

loopback() {
    if command -v iperf3 > /dev/null; then
        iperf3 -s -1 -p 15201 > /dev/null 2>&1 &
        local server=$!
        sleep 0.5
        iperf3 -c 127.0.0.1 -p 15201 -t 5 -J > "$OUT/iperf3.json" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%.0f MB/s (iperf3, 1 stream)" % (r["end"]["sum_received"]["bits_per_second"]/8e6))' \
            "$OUT/iperf3.json"
    else
        java "$ROOT/benchmarks/LoopbackBandwidth.java"
    fi
}

disk() { # sequential write, 1 MiB writes each followed by an fsync (dd oflag=dsync)
    mkdir -p "$WORK/disk-test"
    local mib=$((MESSAGES * MSG_SIZE / 1048576))
    [ "$mib" -ge 64 ] || mib=64
    dd if=/dev/zero of="$WORK/disk-test/f" bs=1M count="$mib" oflag=dsync 2>&1 | tail -1 \
        | sed -E 's/.*, ([0-9.]+ [kMG]?B\/s)$/\1 (dd, 1 MiB writes, fsync each)/'
    rm -f "$WORK/disk-test/f"
}

# ---------------------------------------------------------------- the run
log "results in $OUT"
machine > "$OUT/machine.txt"
LOOPBACK=$(loopback)
DISK=$(disk)
log "loopback: $LOOPBACK; disk: $DISK"

start_kafka
log "kafka started (pid $KAFKA_PID)"
for fsync in $FSYNC_MODES; do
    start_iggy "$fsync"
    log "iggyj started (pid $IGGY_PID, fsync $fsync)"
    for round in $(seq 1 "$ROUNDS"); do
        for p in $PARTITIONS; do
            if [ $(((round + p) % 2)) -eq 0 ]; then
                run_kafka_round "$p" "$fsync" "$round"
                run_iggy_round "$p" "$fsync" "$round"
            else
                run_iggy_round "$p" "$fsync" "$round"
                run_kafka_round "$p" "$fsync" "$round"
            fi
        done
        if [ "$fsync" = off ] && [ "$RATE" -gt 0 ]; then
            rate_round "$round"
        fi
    done
    stop_iggy
done
stop_kafka

python3 - "$RESULTS" "$OUT/machine.txt" "$LOOPBACK" "$DISK" "$MESSAGES" "$ROUNDS" <<'EOF' | tee "$OUT/table.md"
import sys
from collections import defaultdict
from statistics import median
results, machine, loopback, disk, messages, rounds = sys.argv[1:7]
rows = defaultdict(lambda: defaultdict(list))
cpu = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
for line in open(results):
    system, workload, metric, value, cpu_s, gib = line.rstrip("\n").split("\t")
    rows[(workload, metric)][system].append(float(value))
    if float(gib) > 0:
        c = cpu[(workload, metric)][system]
        c[0] += float(cpu_s)
        c[1] += float(gib)
print(open(machine).read().strip().replace("\n", "  \n"))
print(f"loopback TCP: {loopback}  \ndisk sequential write: {disk}  \n"
      f"{messages} messages of 1 KiB per run, median of {rounds} rounds\n")
print("| workload | metric | Kafka | iggyj | iggyj / Kafka | Kafka CPU s/GiB | iggyj CPU s/GiB |")
print("|---|---|---:|---:|---:|---:|---:|")
for (workload, metric), by in rows.items():
    k = median(by["kafka"]) if by["kafka"] else float("nan")
    i = median(by["iggyj"]) if by["iggyj"] else float("nan")
    if metric == "p99ms":
        ratio = f"{i / k:.2f}" if k else "-"
        fmt = lambda v: f"{v:.1f} ms"
    else:
        ratio = f"{i / k:.2f}x" if k else "-"
        fmt = lambda v: f"{v:,.0f} msg/s ({v * 1024 / 1e6:,.0f} MB/s)"
    def per_gib(system):
        c = cpu[(workload, metric)][system]
        return f"{c[0] / c[1]:.2f}" if c[1] > 0 else "-"
    print(f"| {workload} | {metric} | {fmt(k)} | {fmt(i)} | {ratio} | {per_gib('kafka')} | {per_gib('iggyj')} |")
EOF
log "table: $OUT/table.md"
