#!/usr/bin/env bash
# Side by side: Apache Kafka (KRaft broker + its ProducerPerformance / ConsumerPerformance) and this
# server (the built distribution + iggy-bench), same machine, same loopback, same workload, both servers
# warmed up with the same volume, rounds alternating which system goes first. Prints one table with each
# side's median and best, the ratios (iggyj / Kafka), each server's CPU seconds per GiB moved, the loopback
# TCP bandwidth and the disk's sequential write bandwidth with an fsync per MiB. Method and latest results:
# docs/benchmarks.md.
#
#   mvn -B -DskipTests package            # the distribution and iggy-bench
#   benchmarks/compare-kafka.sh            # fetches Kafka from Maven Central on first use
#
# Rows (each run by both systems, 1 KiB messages, BATCH messages per batch):
#   produce p1          one producer, one partition, no fsync (Kafka acks=1)
#   consume p1          one consumer reading what that producer wrote
#   produce p4          P4_PRODUCERS producers over one topic of 4 partitions (Kafka acks=1; iggyj balanced)
#   consume p4          one consumer reading the 4 partitions
#   produce p1 fsync    one producer, one partition, fsync per batch before the ack (Kafka flush.messages=1)
#   p1 RATE/s p99       fixed-rate latency (only when RATE > 0)
#
# Environment (defaults in brackets):
#   MESSAGES     messages of 1 KiB per run, all producers together [2000000; MODE=kafka-protocol 200000].
#                Each run starts a new client JVM on both sides; shorter runs time the tools' start-up more
#                than the servers (docs/benchmarks-history.md, "Twelfth session (issue #11): Kafka's own rates")
#   WARMUP       messages each server takes per workload, unmeasured, after it starts [MESSAGES]
#   BATCH        messages per batch [1000]
#   POLL_MESSAGES messages an iggyj consumer asks for per poll: as many as Kafka's consumer fetches per
#                partition per request (ConsumerPerformance --fetch-size, 10 MiB, in messages of 1 KiB) [10240]
#   POLLS_IN_FLIGHT polls an iggyj consumer keeps in flight (iggy-bench --polls-in-flight) [2]: Kafka's
#                consumer sends its next fetch before handing the records of the last one to the
#                application, so the broker answers it while the tool iterates them; two polls in flight are
#                the same overlap, 1 the closed loop of earlier sessions
#   CDS          "1": each consumer tool's warm-up run dumps an AppCDS archive its measured runs load [1]
#   IGGY_CONSUMER_JAVA_OPTS, KAFKA_CONSUMER_JAVA_OPTS  JVM options of the two consumer tools
#                [none, none: both JVMs' default JIT]; see "the consumers' JVMs" below
#   ROUNDS       rounds of each workload; each round runs both systems, the order alternating [3]
#   P4_PRODUCERS producers of the 4-partition row [2]
#   FSYNC        "on" to run the fsync-per-batch row, anything else to skip it [on]
#   RATE         messages/s of the fixed-rate latency row, 0 to skip [0]
#   HEAP         heap of both servers [1g]
#   KAFKA_PORT, IGGY_PORT  loopback ports [19092 (+1 for the controller), 18090]
#   OUT          where the table and the raw outputs go [a new temp dir, printed]
#   IGGY_DIST    the iggyj distribution directory to run [distribution/target/iggy-server-*]
#   LOGIN_TTL    iggyj's [auth] verified_password_ttl: one Argon2id password check covers the run's logins,
#                so it falls in the warm-up, as Kafka's PLAINTEXT listener checks none ["1 d"; "60 s" is
#                the server's default, which lands a check once a minute in whichever iggyj row runs then]
#   MODE         "replicated": Kafka with 3 brokers (RF 3, acks=all) vs 3 iggyj nodes vs 1 iggyj node,
#                producer rows only (section "replicated mode" below); "kafka-protocol": Kafka's perf
#                tools against Kafka and iggyj's Kafka plugin (see kafka_protocol_run; IGGY_KAFKA_PORT
#                [19192], KP_CONSUME_MESSAGES [1000000]); anything else: the rows above [single]
#   PIN          "1": every server JVM (broker, iggyj, the sink) on CPU PIN_SERVER_CPU [1], every client
#                (Kafka's tools, iggy-bench) on PIN_CLIENT_CPU [0], with taskset, as client and server on
#                two machines of one core each; "0": all share the machine's cores [0]. Applies to the
#                single and kafka-protocol modes (not replicated). Both sides get the same: the same JVM
#                flags and heap as unpinned, the broker's thread settings left at Kafka's defaults
#                (num.network.threads 3, num.io.threads 8: Kafka's docs size them by disks and clients,
#                not cores), the same warm-up. A JVM started pinned sees one processor, so its ergonomics
#                (GC and JIT threads, Netty's and iggyj's thread counts) follow, the same for every server.
#                Why both modes are printed: docs/kafka.md, "Tenth pass".
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=cluster-config.sh
. "$ROOT/benchmarks/cluster-config.sh"
if [ "${MODE:-single}" = kafka-protocol ]; then MESSAGES=${MESSAGES:-200000}; else MESSAGES=${MESSAGES:-2000000}; fi
WARMUP=${WARMUP:-$MESSAGES}
BATCH=${BATCH:-1000}
ROUNDS=${ROUNDS:-3}
P4_PRODUCERS=${P4_PRODUCERS:-2}
FSYNC=${FSYNC:-on}
RATE=${RATE:-0}
HEAP=${HEAP:-1g}
LOGIN_TTL=${LOGIN_TTL:-1 d}
KAFKA_PORT=${KAFKA_PORT:-19092}
CONTROLLER_PORT=$((KAFKA_PORT + 1))
IGGY_PORT=${IGGY_PORT:-18090}
MSG_SIZE=1024
# What Kafka's consumer may fetch per partition in one request, and so what iggyj's consumer asks for
# per poll: both servers answer a consumer with as much per partition per request.
KAFKA_PARTITION_FETCH_BYTES=10485760
POLL_MESSAGES=${POLL_MESSAGES:-$((KAFKA_PARTITION_FETCH_BYTES / MSG_SIZE))}
POLLS_IN_FLIGHT=${POLLS_IN_FLIGHT:-2}
CDS=${CDS:-1}
IGGY_CONSUMER_JAVA_OPTS=${IGGY_CONSUMER_JAVA_OPTS:-}
KAFKA_CONSUMER_JAVA_OPTS=${KAFKA_CONSUMER_JAVA_OPTS:-}
PIN=${PIN:-0}
SERVER_PIN=()
CLIENT_PIN=()
if [ "$PIN" = 1 ]; then
    SERVER_PIN=(taskset -c "${PIN_SERVER_CPU:-1}")
    CLIENT_PIN=(taskset -c "${PIN_CLIENT_CPU:-0}")
fi

# IGGY_DIST: another build of the distribution (a directory), e.g. for an A/B of two branches
DIST=${IGGY_DIST:-$(ls -d "$ROOT"/distribution/target/iggy-server-*/ 2>/dev/null | head -1 || true)}
BENCH="$ROOT/tools/bench/target/iggy-bench/bin/iggy-bench"
KAFKA_LIB="$ROOT/benchmarks/kafka/target/lib"
if [ -z "$DIST" ] || { [ ! -x "$BENCH" ] && [ "${MODE:-}" != kafka-protocol ]; }; then
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
trap "exit 130" INT TERM

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
kafka_logging() { # brokers log WARN and above into OUT/kafka-server.log
    cat > "$WORK/log4j2.yaml" <<LOG
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
LOG
}

# socket.send.buffer.bytes=-1: the broker's sockets autotune their send buffer as iggyj's do (Kafka's
# default fixes it at 100 KiB, which caps what a fetch reply has in flight); it sizes only what the
# broker sends, so of the rows only the consumers' can feel it ("Fourteenth session (issue #11)").
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
log.segment.delete.delay.ms=1000
socket.send.buffer.bytes=-1
EOF
    kafka_logging
    local id
    id=$(java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    java -cp "$KAFKA_LIB/*" -Dlog4j2.configurationFile="$WORK/log4j2.yaml" kafka.tools.StorageTool format \
        -t "$id" -c "$WORK/kafka.properties" > "$OUT/kafka-format.log" 2>&1
    # The JVM options of Kafka's own kafka-server-start.sh, with the same heap as the other server.
    "${SERVER_PIN[@]}" java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
        -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$WORK/log4j2.yaml" \
        -cp "$KAFKA_LIB/*" kafka.Kafka "$WORK/kafka.properties" > "$OUT/kafka-stdout.log" 2>&1 &
    KAFKA_PID=$!
    wait_port "$KAFKA_PORT"
}

# stop_server VAR: kills and waits for the server whose pid VAR holds, if any, and clears VAR.
stop_server() {
    local pid=${!1}
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    printf -v "$1" '%s' ''
}

stop_kafka() { stop_server KAFKA_PID; }

kafka_tool() { # TOOL_JAVA_OPTS: more JVM options (consumer_jvm)
    # shellcheck disable=SC2086
    "${CLIENT_PIN[@]}" java -Xmx"$HEAP" ${TOOL_JAVA_OPTS:-} -Dlog4j2.configurationFile="$WORK/log4j2.yaml" -cp "$KAFKA_LIB/*" "$@"
}


kafka_topic() { # name partitions fsync(on|off)
    local config=()
    if [ "$3" = on ]; then
        config=(--config flush.messages=1)
    fi
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --create \
        --topic "$1" --partitions "$2" --replication-factor 1 "${config[@]}" > /dev/null
}

# A deleted topic's directories are renamed "*-delete" and removed log.segment.delete.delay.ms later
# (Kafka's default: a minute, so the removal of half a GiB of files and their page cache landed in whichever
# Kafka row ran then, against Kafka); the single broker removes them after a second and the script waits
# for that here, outside any measured run, as iggyj's stream is deleted by iggy_delete_stream.
kafka_delete_topic() {
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --delete \
        --topic "$1" > /dev/null 2>&1 || true
    local _
    for _ in $(seq 1 30); do
        compgen -G "$WORK/kafka-data/$1-*" > /dev/null || return 0
        sleep 0.5
    done
}

# The producer as Kafka's own docs tune it for throughput: batches of at least 1 MiB (one batch holds a
# whole iggy-bench batch of BATCH records with their v2 overhead), a linger of 10 ms, no compression, and
# acks=1 for the rows without fsync (the leader's append is the ack, as iggyj's). The fsync row uses
# acks=all; with one replica its ack, like acks=1's, follows the flush that flush.messages=1 forces.
kafka_producer_props() { # fsync(on|off)
    local batch_bytes=$((BATCH * (MSG_SIZE + 16)))
    [ "$batch_bytes" -ge 1048576 ] || batch_bytes=1048576
    local acks=1
    [ "$1" = on ] && acks=all
    echo "bootstrap.servers=127.0.0.1:$KAFKA_PORT acks=$acks linger.ms=10 compression.type=none" \
        "batch.size=$batch_bytes max.request.size=10485760 buffer.memory=134217728"
}

kafka_produce() { # name topic messages rate fsync -> "msg/s p99ms"
    local line
    # shellcheck disable=SC2046
    kafka_tool org.apache.kafka.tools.ProducerPerformance --topic "$2" --num-records "$3" \
        --record-size "$MSG_SIZE" --throughput "$4" --producer-props $(kafka_producer_props "$5") \
        > "$OUT/kafka-$1.log" 2>&1
    line=$(grep "records sent" "$OUT/kafka-$1.log" | tail -1)
    # "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, p50 ms 50th, p95 ms 95th, p99 ms 99th, ..."
    echo "$line" | sed -E 's/.* sent, ([0-9.]+) records\/sec.*, ([0-9.]+) ms 99th.*/\1 \2/'
}

# P producers at once, each its share of the messages -> summed msg/s. Summing the processes' own
# rates leaves their JVM start-ups out and never counts an idle gap between them, in Kafka's favour.
kafka_produce_parallel() { # name topic messages producers
    local pids=() total=0 i rate
    for i in $(seq 1 "$4"); do
        kafka_produce "$1-$i" "$2" $(($3 / $4)) -1 off > "$OUT/kafka-$1-$i.rate" &
        pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i"; done
    for i in $(seq 1 "$4"); do
        rate=$(cut -d' ' -f1 "$OUT/kafka-$1-$i.rate")
        total=$(awk -v a="$total" -v b="$rate" 'BEGIN { print a + b }')
    done
    echo "$total"
}

# ConsumerPerformance sets max.partition.fetch.bytes from its own --fetch-size (default 1 MiB) after
# reading --consumer.config, so the size must be passed as --fetch-size: until the twelfth session the
# properties file asked for 10 MiB and the tool fetched 1 MiB per partition, while iggyj polled 10 MiB
# (docs/benchmarks-history.md, "Twelfth session (issue #11): Kafka's own rates here").
#
# check.crcs=false and receive.buffer.bytes=-1 are Kafka's own throughput settings, and each removes an
# asymmetry in our favour: iggy-bench verifies no message checksum (Kafka's consumer checks every batch's
# CRC32C by default), and its socket's receive buffer autotunes (Kafka's consumer fixes it at 64 KiB).
kafka_consume() { # name topic messages -> "msg/s"
    cat > "$WORK/consumer.properties" <<PROPS
max.poll.records=$BATCH
fetch.max.bytes=52428800
check.crcs=false
receive.buffer.bytes=-1
PROPS
    TOOL_JAVA_OPTS="$(consumer_jvm kafka "$KAFKA_CONSUMER_JAVA_OPTS")" \
        kafka_tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
        --topic "$2" --messages "$3" --group "perf-$1-$RANDOM" --timeout 60000 \
        --fetch-size "$KAFKA_PARTITION_FETCH_BYTES" \
        --consumer.config "$WORK/consumer.properties" > "$OUT/kafka-$1.log" 2>&1
    # CSV: start, end, MB, MB/s, nMsg, nMsg/s, rebalance ms, fetch ms, fetch MB/s, fetch nMsg/s.
    # fetch nMsg/s leaves the group join out, in Kafka's favour.
    grep -E '^[0-9]{4}-' "$OUT/kafka-$1.log" | tail -1 | awk -F', *' '{ print $10 }'
}

# ---------------------------------------------------------------- the consumers' JVMs
# Both consumer tools are new JVMs per run, and a consume p1 run of 2,000,000 messages is over in 2-4 s, so
# each tool's own start-up shows in its rate: the classes it loads once the first records arrive and the
# JIT compiling its poll loop. The same for both tools: each one's first consumer run (a warm-up, never
# recorded) dumps the classes it loaded into an archive (AppCDS, -XX:ArchiveClassesAtExit), and its
# measured runs load them from it pre-parsed (CDS=0: neither does). Both keep the JVM's default tiered
# JIT: C1 only (IGGY_CONSUMER_JAVA_OPTS=-XX:TieredStopAtLevel=1) was not ahead of it per round for
# iggy-bench (median 0.99 of 15 rounds under load) nor for Kafka's tool (docs/benchmarks-history.md,
# "Fourteenth session (issue #11): consume p1"); each tool has its own variable to try another policy.
consumer_jvm() { # tool options -> the JVM options of one consumer run of that tool
    local archive="$WORK/$1-consumer.jsa" opts=$2
    if [ "$CDS" = 1 ]; then
        if [ -f "$archive" ]; then
            opts+=" -XX:SharedArchiveFile=$archive"
        else
            opts+=" -XX:ArchiveClassesAtExit=$archive"
        fi
    fi
    echo "$opts"
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
        IGGY_HTTP_ENABLED=false IGGY_QUIC_ENABLED=false IGGY_WEBSOCKET_ENABLED=false IGGY_KAFKA_ENABLED=false \
        IGGY_METRICS_ADDRESS=127.0.0.1:0 IGGY_AUTH_VERIFIED_PASSWORD_TTL="$LOGIN_TTL" \
        IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC=$fsync JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
        exec "${SERVER_PIN[@]}" "$DIST/bin/iggy-server" --with-default-root-credentials > "$OUT/iggy-server-$1.log" 2>&1) &
    IGGY_PID=$!
    wait_port "$IGGY_PORT"
}

stop_iggy() { stop_server IGGY_PID; }

# iggy_bench name messages scenario [scenario options] -> "msg/s p99ms" of the first group.
# Actors split the messages; --messages-per-batch is exact.
iggy_bench() {
    local name=$1 messages=$2 scenario=$3 actors=1
    shift 3
    local args=("$@") i extra=()
    for ((i = 0; i < ${#args[@]}; i++)); do
        case "${args[$i]}" in -p|-c) actors=${args[$((i + 1))]} ;; esac
    done
    if [ -n "${IGGY_RATE:-}" ]; then extra=(-r "$IGGY_RATE"); fi
    local jvm=""
    case "$scenario" in *consumer*) jvm=$(consumer_jvm iggyj "$IGGY_CONSUMER_JAVA_OPTS") ;; esac
    JAVA_OPTS="$jvm" "${CLIENT_PIN[@]}" "$BENCH" -m "$MSG_SIZE" -P "$BATCH" -b $((messages / BATCH / actors)) --poll-messages "$POLL_MESSAGES" \
        --polls-in-flight "$POLLS_IN_FLIGHT" "${extra[@]}" "$scenario" "$@" tcp --server-address "127.0.0.1:$IGGY_PORT" output -o "$OUT/iggy-$name" > "$OUT/iggy-$name.log" 2>&1
    python3 - "$OUT/iggy-$name/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
group = report["groups"][0]
print(f'{group["messages_per_second"]:.1f} {group["latency_ms"]["p99"]:.3f}')
PY
}

# ---------------------------------------------------------------- measuring
# record system row value cpu_seconds gib
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"; }

gib() { awk -v m="$1" -v s="$MSG_SIZE" 'BEGIN { printf "%.4f", m * s / 1073741824 }'; }

minus() { awk -v a="$1" -v b="$2" 'BEGIN { print a - b }'; }

# measure system pid row messages command... : runs the command, records its first field as the row's
# value and the server's CPU seconds over it.
measure() {
    local system=$1 pid=$2 row=$3 messages=$4 before after result
    shift 4
    before=$(cpu_seconds "$pid")
    result=$("$@")
    after=$(cpu_seconds "$pid")
    record "$system" "$row" "${result%% *}" "$(minus "$after" "$before")" "$(gib "$messages")"
    log "$(printf '%-6s %-18s %12.0f msg/s' "$system" "$row" "${result%% *}")"
}

# One system's turn at a group of rows; "warm" runs the same workloads unrecorded.
kafka_p1() { # tag record|warm messages
    local topic="p1-$1"
    kafka_topic "$topic" 1 off
    if [ "$2" = record ]; then
        measure kafka "$KAFKA_PID" "produce p1" "$3" kafka_produce "produce-$topic" "$topic" "$3" -1 off
        measure kafka "$KAFKA_PID" "consume p1" "$3" kafka_consume "consume-$topic" "$topic" "$3"
    else
        kafka_produce "produce-$topic" "$topic" "$3" -1 off > /dev/null
        kafka_consume "consume-$topic" "$topic" "$3" > /dev/null
    fi
    kafka_delete_topic "$topic"
}

kafka_p4() { # tag record|warm messages
    local topic="p4-$1"
    kafka_topic "$topic" 4 off
    if [ "$2" = record ]; then
        measure kafka "$KAFKA_PID" "produce p4" "$3" kafka_produce_parallel "produce-$topic" "$topic" "$3" "$P4_PRODUCERS"
        measure kafka "$KAFKA_PID" "consume p4" "$3" kafka_consume "consume-$topic" "$topic" "$3"
    else
        kafka_produce_parallel "produce-$topic" "$topic" "$3" "$P4_PRODUCERS" > /dev/null
        kafka_consume "consume-$topic" "$topic" "$3" > /dev/null
    fi
    kafka_delete_topic "$topic"
}

kafka_fsync() { # tag record|warm messages
    local topic="fsync-$1"
    kafka_topic "$topic" 1 on
    if [ "$2" = record ]; then
        measure kafka "$KAFKA_PID" "produce p1 fsync" "$3" kafka_produce "produce-$topic" "$topic" "$3" -1 on
    else
        kafka_produce "produce-$topic" "$topic" "$3" -1 on > /dev/null
    fi
    kafka_delete_topic "$topic"
}

# Deletes the bench's stream after a group's runs, outside the measured interval, as kafka_delete_topic
# does for Kafka's topics (Kafka even defers the files' deletion by a minute): otherwise the next
# producer run's iggy-bench deletes it at its start and the server's CPU for dropping the previous run's
# files (~0.1 s/GiB: the page cache of half a GiB) lands in that run's measurement.
iggy_delete_stream() {
    "$DIST/bin/iggy" -a "127.0.0.1:$IGGY_PORT" -u iggy -p iggy --session-file "$WORK/iggy-cli-session" \
        stream delete bench-stream-1 > /dev/null 2>&1 || true
}

iggy_p1() { # tag record|warm messages
    if [ "$2" = record ]; then
        measure iggyj "$IGGY_PID" "produce p1" "$3" iggy_bench "produce-p1-$1" "$3" pinned-producer -p 1
        measure iggyj "$IGGY_PID" "consume p1" "$3" iggy_bench "consume-p1-$1" "$3" pinned-consumer -c 1
    else
        iggy_bench "produce-p1-$1" "$3" pinned-producer -p 1 > /dev/null
        iggy_bench "consume-p1-$1" "$3" pinned-consumer -c 1 > /dev/null
    fi
    iggy_delete_stream
}

iggy_p4() { # tag record|warm messages
    local produce=(balanced-producer -p "$P4_PRODUCERS" -s 1 -a 4)
    local consume=(balanced-consumer-group -c 1 -s 1 -g 1)
    if [ "$2" = record ]; then
        measure iggyj "$IGGY_PID" "produce p4" "$3" iggy_bench "produce-p4-$1" "$3" "${produce[@]}"
        measure iggyj "$IGGY_PID" "consume p4" "$3" iggy_bench "consume-p4-$1" "$3" "${consume[@]}"
    else
        iggy_bench "produce-p4-$1" "$3" "${produce[@]}" > /dev/null
        iggy_bench "consume-p4-$1" "$3" "${consume[@]}" > /dev/null
    fi
    iggy_delete_stream
}

iggy_fsync() { # tag record|warm messages
    if [ "$2" = record ]; then
        measure iggyj "$IGGY_PID" "produce p1 fsync" "$3" iggy_bench "produce-fsync-$1" "$3" pinned-producer -p 1
    else
        iggy_bench "produce-fsync-$1" "$3" pinned-producer -p 1 > /dev/null
    fi
    iggy_delete_stream
}

# A round of one workload group on both systems; the first system alternates with the round number
# and the group, so neither always runs on the page cache the other left.
both() { # group round offset
    local first=kafka second=iggy
    if [ $((($2 + $3) % 2)) -eq 1 ]; then first=iggy second=kafka; fi
    "${first}_$1" "r$2" record "$MESSAGES"
    "${second}_$1" "r$2" record "$MESSAGES"
}

rate_round() { # round: fixed-rate producer latency, 1 partition, no fsync
    local messages=$((RATE * 10)) result
    [ "$messages" -gt "$MESSAGES" ] || messages=$MESSAGES
    kafka_topic "rate-$1" 1 off
    result=$(kafka_produce "rate-$1" "rate-$1" "$messages" "$RATE" off)
    record kafka "p1 ${RATE}/s p99 ms" "${result##* }" 0 0
    kafka_delete_topic "rate-$1"
    result=$(IGGY_RATE=$((RATE * MSG_SIZE)) iggy_bench "rate-$1" "$messages" pinned-producer -p 1)
    record iggyj "p1 ${RATE}/s p99 ms" "${result##* }" 0 0
    log "p99 at ${RATE}/s: see results"
}

machine() {
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    echo "memory: $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "kafka: $(ls "$KAFKA_LIB" | sed -n 's/^kafka_2.13-\(.*\)\.jar$/\1/p')"
    if [ "$PIN" = 1 ]; then
        echo "pinned: servers on CPU ${SERVER_PIN[2]}, clients on CPU ${CLIENT_PIN[2]} (taskset)"
    else
        echo "pinned: no, servers and clients share the $(nproc) CPUs"
    fi
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

loopback() { # -> MB/s
    if command -v iperf3 > /dev/null; then
        iperf3 -s -1 -p 15201 > /dev/null 2>&1 &
        local server=$!
        sleep 0.5
        iperf3 -c 127.0.0.1 -p 15201 -t 5 -J > "$OUT/iperf3.json" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%.0f" % (r["end"]["sum_received"]["bits_per_second"]/8e6))' \
            "$OUT/iperf3.json"
    else
        java "$ROOT/benchmarks/LoopbackBandwidth.java" | sed -E 's/^([0-9,.]+) MB\/s.*/\1/; s/,//g'
    fi
}

# closed_loop -> "produce N MB/s, consume N MB/s (sendfile N MB/s), ping N us": loopback TCP with one
# request in flight (benchmarks/ClosedLoopBandwidth.java), the ceiling of a single-partition producer
# or consumer that waits for each reply; printed next to the loopback figure, the % column stays of loopback
closed_loop() {
    java "$ROOT/benchmarks/ClosedLoopBandwidth.java" 2 > "$OUT/closed-loop.txt" 2>&1 || true
    python3 - "$OUT/closed-loop.txt" <<'PY'
import re, sys
found = dict(re.findall(r"^([a-z-]+): ([0-9.]+)", open(sys.argv[1]).read(), re.M))
if "produce" in found:
    print(f'produce {float(found["produce"]):,.0f} MB/s, consume {float(found["consume"]):,.0f} MB/s '
          f'(sendfile {float(found["consume-sendfile"]):,.0f} MB/s), ping {found["ping"]} us')
else:
    print("-")
PY
}

disk() { # sequential write, 1 MiB writes each followed by an fsync (dd oflag=dsync)
    mkdir -p "$WORK/disk-test"
    local mib=$((MESSAGES * MSG_SIZE / 1048576))
    [ "$mib" -ge 64 ] || mib=64
    dd if=/dev/zero of="$WORK/disk-test/f" bs=1M count="$mib" oflag=dsync 2>&1 | tail -1 \
        | sed -E 's/.*, ([0-9.]+ [kMG]?B\/s)$/\1 (dd, 1 MiB writes, fsync each)/'
    rm -f "$WORK/disk-test/f"
}

# ---------------------------------------------------------------- replicated mode (MODE=replicated)
# Kafka with 3 brokers (KRaft, each broker also a controller), topic replication factor 3, acks=all,
# min.insync.replicas=2, the producer tuned as above; against 3 iggyj nodes (the cluster plugin: Raft on
# Ratis, a send acknowledged after a majority commit) and against one iggyj node alone. All on this
# machine, all seven servers up for the whole run, the same workload and warm-up for each, rounds
# rotating which system goes first. Rows: produce p1 (one producer, one partition) and produce p4
# (P4_PRODUCERS producers over 4 partitions), throughput and p99 of each. Defaults: REP_MESSAGES 100000,
# ROUNDS 3; the run prints its duration (15.6 min on 2 cores at load average 35-57, of which 3.5 min
# starting the seven JVMs; meant to stay under 10 minutes on a quiet machine).
#
#   MODE=replicated benchmarks/compare-kafka.sh
#
#   REP_MESSAGES    messages of 1 KiB per run in this mode [100000]
#   REP_WARMUP      messages each system takes per row, unmeasured, before the rounds [1000000]. Both
#                   sides get the same; with one run's size (100 entries of 1 MiB) most of a node's
#                   per-entry code was still interpreted and the JIT was ~half of its CPU (docs/cluster.md,
#                   "Ninth round"), which measured three JVMs' warm-up, not replication.
#   REP_KAFKA_PORT  base port of the brokers: broker i on base+10i, its controller on base+10i+1 [29200]
#   REP_IGGY_PORT   base port of the iggyj nodes: node i TCP on base+10i, Raft on base+10i+1; the single
#                   node on base+40 [28200]. The run stops at once if any of these ports is taken.
#   HEAP            heap of every server JVM [1g]
#   REP_IN_FLIGHT   sends each iggyj producer keeps in flight on its connection (iggy-bench --in-flight; the
#                   nodes' [tcp] max_in_flight_sends is 4) [1, as the published rows]. Kafka's producer keeps
#                   up to 5 requests in flight per broker connection (max.in.flight.requests.per.connection,
#                   its default); the table header says what each side kept.
REP_IN_FLIGHT=${REP_IN_FLIGHT:-1}
REP_KAFKA_PORT=${REP_KAFKA_PORT:-29200}
REP_IGGY_PORT=${REP_IGGY_PORT:-28200}
REP_KAFKA_PIDS=()
REP_IGGY_PIDS=()

rep_check_ports_free() {
    local i port
    for i in 1 2 3; do
        for port in $((REP_KAFKA_PORT + 10 * i)) $((REP_KAFKA_PORT + 10 * i + 1)) $((REP_IGGY_PORT + 10 * i)) \
            $((REP_IGGY_PORT + 10 * i + 1)) $((REP_IGGY_PORT + 40)); do
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
                echo "port $port is taken: choose other REP_KAFKA_PORT / REP_IGGY_PORT" >&2
                exit 2
            fi
        done
    done
}

rep_kafka_bootstrap() {
    echo "127.0.0.1:$((REP_KAFKA_PORT + 10)),127.0.0.1:$((REP_KAFKA_PORT + 20)),127.0.0.1:$((REP_KAFKA_PORT + 30))"
}

rep_start_kafka() {
    local voters="" i id port dir
    for i in 1 2 3; do
        voters="$voters${voters:+,}$i@127.0.0.1:$((REP_KAFKA_PORT + 10 * i + 1))"
    done
    id=$(java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    for i in 1 2 3; do
        port=$((REP_KAFKA_PORT + 10 * i))
        dir="$WORK/rep/kafka-$i"
        mkdir -p "$dir/data"
        cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$((port + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
auto.create.topics.enable=false
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
message.max.bytes=10485760
replica.fetch.max.bytes=10485760
log.segment.bytes=1073741824
PROPS
        java -cp "$KAFKA_LIB/*" -Dlog4j2.configurationFile="$WORK/log4j2.yaml" kafka.tools.StorageTool format \
            -t "$id" -c "$dir/server.properties" > "$OUT/rep-kafka-$i-format.log" 2>&1
        java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
            -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
            -Dlog4j2.configurationFile="$WORK/log4j2.yaml" \
            -cp "$KAFKA_LIB/*" kafka.Kafka "$dir/server.properties" > "$OUT/rep-kafka-$i-stdout.log" 2>&1 &
        REP_KAFKA_PIDS+=($!)
    done
    for i in 1 2 3; do wait_port $((REP_KAFKA_PORT + 10 * i)); done
}

rep_iggy_config() { # node -> its cluster config, naming the other two
    cluster_node_config "$WORK/rep/iggy-$1/local_data" "$REP_IGGY_PORT" bench-cluster "$1"
}

rep_iggy_addresses() {
    cluster_addresses "$REP_IGGY_PORT"
}

# Extra JVM options of the 3 iggyj nodes only, e.g. -XX:G1HeapRegionSize=4m or -Draft.<ratis key>=<value>
# (docs/cluster.md, "Performance": what they changed when measured).
REP_IGGY_JVM_OPTS=${REP_IGGY_JVM_OPTS:-}

rep_start_iggy_cluster() {
    local i
    for i in 1 2 3; do
        mkdir -p "$WORK/rep/iggy-$i"
        rep_iggy_config "$i" > "$WORK/rep/iggy-$i/node.toml"
        (cd "$WORK/rep/iggy-$i" && IGGY_CONFIG_PATH="$WORK/rep/iggy-$i/node.toml" \
            IGGY_HTTP_ENABLED=false IGGY_QUIC_ENABLED=false IGGY_WEBSOCKET_ENABLED=false IGGY_KAFKA_ENABLED=false \
            IGGY_METRICS_ADDRESS=127.0.0.1:0 JAVA_OPTS="-Xms$HEAP -Xmx$HEAP $REP_IGGY_JVM_OPTS" \
            exec "$DIST/bin/iggy-server" --with-default-root-credentials > "$OUT/rep-iggy-$i.log" 2>&1) &
        REP_IGGY_PIDS+=($!)
    done
    for i in 1 2 3; do wait_port $((REP_IGGY_PORT + 10 * i)); done
    for _ in $(seq 1 120); do
        if "$DIST/bin/iggy" --address "$(rep_iggy_addresses)" -u iggy -p iggy cluster metadata 2>/dev/null \
            | grep -q leader; then
            return 0
        fi
        sleep 1
    done
    echo "the iggyj cluster elected no leader; logs in $OUT/rep-iggy-*.log" >&2
    return 1
}

rep_stop() {
    local pid
    for pid in "${REP_KAFKA_PIDS[@]}" "${REP_IGGY_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${REP_KAFKA_PIDS[@]}" "${REP_IGGY_PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    REP_KAFKA_PIDS=()
    REP_IGGY_PIDS=()
    rm -rf "$WORK/rep"
}

rep_cpu() { # pids... -> their CPU seconds together
    local total=0 pid
    for pid in "$@"; do
        total=$(awk -v a="$total" -v b="$(cpu_seconds "$pid")" 'BEGIN { print a + b }')
    done
    echo "$total"
}

rep_kafka_produce() { # name topic messages -> "msg/s p99ms"
    local batch_bytes=$((BATCH * (MSG_SIZE + 16))) line
    [ "$batch_bytes" -ge 1048576 ] || batch_bytes=1048576
    kafka_tool org.apache.kafka.tools.ProducerPerformance --topic "$2" --num-records "$3" \
        --record-size "$MSG_SIZE" --throughput -1 --producer-props "bootstrap.servers=$(rep_kafka_bootstrap)" \
        acks=all linger.ms=10 compression.type=none "batch.size=$batch_bytes" max.request.size=10485760 \
        buffer.memory=134217728 > "$OUT/rep-kafka-$1.log" 2>&1
    line=$(grep "records sent" "$OUT/rep-kafka-$1.log" | tail -1)
    echo "$line" | sed -E 's/.* sent, ([0-9.]+) records\/sec.*, ([0-9.]+) ms 99th.*/\1 \2/'
}

rep_kafka_row() { # name topic messages producers -> "msg/s p99ms" (rates summed, the worst p99)
    local i pids=()
    for i in $(seq 1 "$4"); do
        rep_kafka_produce "$1-$i" "$2" $(($3 / $4)) > "$OUT/rep-kafka-$1-$i.result" &
        pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i"; done
    cat "$OUT"/rep-kafka-"$1"-*.result | awk '{ rate += $1; if ($2 > p99) p99 = $2 } END { print rate, p99 }'
}

rep_iggy_bench() { # addresses name messages scenario [options] -> "msg/s p99ms"
    local addresses=$1 name=$2 messages=$3 scenario=$4 actors=1
    shift 4
    local args=("$@") i
    for ((i = 0; i < ${#args[@]}; i++)); do
        case "${args[$i]}" in -p) actors=${args[$((i + 1))]} ;; esac
    done
    "$BENCH" -m "$MSG_SIZE" -P "$BATCH" -b $((messages / BATCH / actors)) --in-flight "$REP_IN_FLIGHT" \
        "$scenario" "$@" tcp --server-address "$addresses" --prefer-leader output -o "$OUT/rep-iggy-$name" \
        > "$OUT/rep-iggy-$name.log" 2>&1
    python3 - "$OUT/rep-iggy-$name/report.json" <<'PY'
import json, sys
group = json.load(open(sys.argv[1]))["groups"][0]
print(f'{group["messages_per_second"]:.1f} {group["latency_ms"]["p99"]:.3f}')
PY
}

rep_send_entries() { # -> "entries sends" of the 3 iggyj nodes (cluster-config.sh, node_send_entries)
    node_send_entries "$OUT/rep-iggy-1.log" "$OUT/rep-iggy-2.log" "$OUT/rep-iggy-3.log"
}

rep_turn() { # system row tag record|warm messages: one system's run of one row
    local system=$1 row=$2 tag=$3 mode=$4 messages=$5 result before after pids=() entries_before entries_after
    local producers=1 partitions=1
    if [ "$row" = p4 ]; then producers=$P4_PRODUCERS partitions=4; fi
    case "$system" in
        kafka-rf3) pids=("${REP_KAFKA_PIDS[@]}") ;;
        iggyj-3) pids=("${REP_IGGY_PIDS[@]}") ;;
        iggyj-1) pids=("$IGGY_PID") ;;
    esac
    if [ "$system" = kafka-rf3 ]; then
        kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$(rep_kafka_bootstrap)" --create \
            --topic "$row-$tag" --partitions "$partitions" --replication-factor 3 \
            --config min.insync.replicas=2 > /dev/null
    fi
    [ "$system" = iggyj-3 ] && entries_before=$(rep_send_entries)
    before=$(rep_cpu "${pids[@]}")
    if [ "$system" = kafka-rf3 ]; then
        result=$(rep_kafka_row "$row-$tag" "$row-$tag" "$messages" "$producers")
    else
        local addresses="127.0.0.1:$IGGY_PORT" scenario=(pinned-producer -p 1)
        [ "$system" = iggyj-3 ] && addresses=$(rep_iggy_addresses)
        [ "$row" = p4 ] && scenario=(balanced-producer -p "$P4_PRODUCERS" -s 1 -a 4)
        result=$(rep_iggy_bench "$addresses" "$system-$row-$tag" "$messages" "${scenario[@]}")
    fi
    after=$(rep_cpu "${pids[@]}")
    if [ "$system" = kafka-rf3 ]; then
        kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$(rep_kafka_bootstrap)" --delete \
            --topic "$row-$tag" > /dev/null 2>&1 || true
    fi
    if [ "$mode" = record ]; then
        record "$system" "produce $row" "${result%% *}" "$(minus "$after" "$before")" "$(gib "$messages")"
        record "$system" "produce $row p99 ms" "${result##* }" 0 0
        log "$(printf '%-9s produce %-3s %10.0f msg/s  p99 %8.1f ms' "$system" "$row" "${result%% *}" "${result##* }")"
        if [ "$system" = iggyj-3 ]; then
            # How many sends one Raft entry carried (coalescing; docs/cluster.md, "Eleventh round").
            entries_after=$(rep_send_entries)
            local per_entry
            # shellcheck disable=SC2086
            per_entry=$(set -- $entries_before $entries_after
                awk -v e0="$1" -v s0="$2" -v e1="$3" -v s1="$4" 'BEGIN { if (e1 > e0) printf "%.2f", (s1 - s0) / (e1 - e0); else print "nan" }')
            record "$system" "produce $row sends per entry" "$per_entry" 0 0
            log "$(printf '%-9s produce %-3s %s sends per Raft entry' "$system" "$row" "$per_entry")"
        fi
    fi
}

rep_table() { # the results as a markdown table
    python3 - "$RESULTS" "$OUT/machine.txt" "$MESSAGES" "$ROUNDS" "$WARMUP" "$REP_IN_FLIGHT" <<'PY'
import sys
from collections import defaultdict
from statistics import median
results, machine, messages, rounds, warmup, in_flight = sys.argv[1:7]
values = defaultdict(lambda: defaultdict(list))
cpu = defaultdict(lambda: [0.0, 0.0])
for line in open(results):
    system, row, value, cpu_s, gib = line.rstrip("\n").split("\t")
    values[row][system].append(float(value))
    if float(gib) > 0:
        cpu[(row, system)][0] += float(cpu_s)
        cpu[(row, system)][1] += float(gib)
print(open(machine).read().strip().replace("\n", "  \n") + "  ")
print(f"{messages} messages of 1 KiB per run after a warm-up of {warmup} per row; median of {rounds} rounds "
      "(best in brackets). Kafka RF3: 3 brokers, replication factor 3, acks=all, min.insync.replicas=2. "
      "iggyj 3 nodes: acknowledged after a majority commit (Raft log fsynced on the majority). "
      "iggyj 1 node: no fsync. In flight per producer connection: Kafka up to 5 requests "
      f"(max.in.flight.requests.per.connection default), iggyj {in_flight} send(s) (iggy-bench --in-flight).\n")
print("| row | Kafka RF3 | iggyj 3 nodes | iggyj 1 node | iggyj-3 / Kafka-RF3 (target >= 2x) "
      "| iggyj-3 / iggyj-1 (target >= 50%) | server CPU s/GiB: Kafka RF3, iggyj-3, iggyj-1 |")
print("|---|---:|---:|---:|---:|---:|---:|")
for row in ("produce p1", "produce p4"):
    by, lat = values[row], values[row + " p99 ms"]
    def mib(s):
        v = by.get(s, [])
        return (median(v) * 1024 / 1048576, max(v) * 1024 / 1048576) if v else (float("nan"),) * 2
    def p99(s):
        v = lat.get(s, [])
        return median(v) if v else float("nan")
    def cell(m, s):
        return f"{m[0]:,.0f} MiB/s ({m[1]:,.0f}), p99 {p99(s):,.1f} ms"
    def per_gib(s):
        c = cpu[(row, s)]
        return f"{c[0] / c[1]:.1f}" if c[1] > 0 else "-"
    k, r, o = mib("kafka-rf3"), mib("iggyj-3"), mib("iggyj-1")
    print(f"| {row} | {cell(k, 'kafka-rf3')} | {cell(r, 'iggyj-3')} | {cell(o, 'iggyj-1')} "
          f"| {r[0] / k[0]:.2f}x | {r[0] / o[0]:.0%} "
          f"| {per_gib('kafka-rf3')}, {per_gib('iggyj-3')}, {per_gib('iggyj-1')} |")
per_entry = {row: values[row + " sends per entry"].get("iggyj-3", []) for row in ("produce p1", "produce p4")}
if any(per_entry.values()):
    print("\niggyj 3 nodes, sends per Raft entry (coalescing), median of rounds: " + ", ".join(
        f"{row.split()[1]} {median(v):.2f}" for row, v in per_entry.items() if v))
print("\np99: Kafka's is per record, send() to ack, time queued in the producer's buffer included "
      "(ProducerPerformance); iggyj's per batch, send to ack (iggy-bench).")
PY
}

run_replicated() {
    local started=$SECONDS systems=(kafka-rf3 iggyj-3 iggyj-1) round row k
    IGGY_PORT=$((REP_IGGY_PORT + 40))
    rep_check_ports_free
    trap 'rep_stop; cleanup' EXIT
    log "replicated mode: results in $OUT"
    machine > "$OUT/machine.txt"
    rm -rf "$WORK/rep"
    mkdir -p "$WORK/rep"
    kafka_logging
    rep_start_kafka
    rep_start_iggy_cluster
    start_iggy off
    log "up: 3 Kafka brokers (${REP_KAFKA_PIDS[*]}), 3 iggyj nodes (${REP_IGGY_PIDS[*]}), 1 iggyj node ($IGGY_PID)"
    log "warming each up with $WARMUP messages per row"
    for row in p1 p4; do
        for k in 0 1 2; do
            rep_turn "${systems[$k]}" "$row" warm warm "$WARMUP"
        done
    done
    for round in $(seq 1 "$ROUNDS"); do
        log "round $round of $ROUNDS"
        for row in p1 p4; do
            for k in 0 1 2; do
                rep_turn "${systems[$(((k + round) % 3))]}" "$row" "r$round" record "$MESSAGES"
            done
        done
    done
    rep_stop
    stop_iggy
    echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
    echo "run time: $((SECONDS - started)) s" >> "$OUT/machine.txt"
    rep_table | tee "$OUT/table.md"
    log "table: $OUT/table.md"
}

# ---------------------------------------------------------------- MODE=kafka-protocol
# Kafka's own perf tools, unchanged, against both servers: the Kafka broker (KAFKA_PORT) and iggyj's
# Kafka plugin (IGGY_KAFKA_PORT; clients without SASL act as the default root user, as the broker here
# has no authentication either). Same workload on both: a topic of one partition, MESSAGES records of
# 1 KiB produced by ProducerPerformance (batch.size 1 MiB, linger 10 ms, acks=1, no compression), then
# read by ConsumerPerformance in a fresh group (its fetch-phase rate, which leaves the group join out);
# each server warmed up with WARMUP records, ROUNDS rounds alternating which server goes first. Prints
# each side's median and best, the ratios (iggyj / Kafka) and each server's CPU seconds per GiB.
# The consume row reads KP_CONSUME_MESSAGES records (the topic topped up, unmeasured, after the produce
# row's MESSAGES): the tool times its fetch phase in steps of about a quarter second, so 200,000 records
# (1.1-1.7 s) left single runs 20% apart; 1,000,000 take 6-10 s on either server.
#
# SINK=1 adds a third server to the produce row: benchmarks/kafka/KafkaSink.java (SINK_PORT), which
# acknowledges every Produce without decoding or storing it, so its rate is the producer tool's own
# ceiling on this machine (docs/kafka.md, "seventh pass"); it stores nothing, so it has no consume row.
#
# PIN=1 runs the servers on one CPU and the tools on the other (see PIN above); print both modes, since
# shared, the tool's own CPU caps every server's rate (docs/kafka.md, "Tenth pass").
#
#   MODE=kafka-protocol benchmarks/compare-kafka.sh
#   MODE=kafka-protocol SINK=1 benchmarks/compare-kafka.sh
#   MODE=kafka-protocol SINK=1 PIN=1 benchmarks/compare-kafka.sh
IGGY_KAFKA_PORT=${IGGY_KAFKA_PORT:-19192}
SINK=${SINK:-0}
SINK_PORT=${SINK_PORT:-$((IGGY_KAFKA_PORT + 1))}
SINK_PID=""
KP_CONSUME_MESSAGES=${KP_CONSUME_MESSAGES:-1000000}
# Extra JVM options of the iggyj server in this mode, e.g. a flight recording:
#   KP_IGGY_JVM_OPTS="-XX:StartFlightRecording=filename=/some/dir/kafka.jfr,settings=profile"
KP_IGGY_JVM_OPTS=${KP_IGGY_JVM_OPTS:-}

start_iggy_kafka() {
    rm -rf "$WORK/iggy-data"
    mkdir -p "$WORK/iggy-data"
    (cd "$WORK/iggy-data" && IGGY_SYSTEM_PATH="$WORK/iggy-data/local_data" IGGY_TCP_ADDRESS=127.0.0.1:0 \
        IGGY_HTTP_ENABLED=false IGGY_QUIC_ENABLED=false IGGY_WEBSOCKET_ENABLED=false \
        IGGY_KAFKA_ENABLED=true IGGY_KAFKA_ADDRESS="127.0.0.1:$IGGY_KAFKA_PORT" \
        IGGY_KAFKA_ANONYMOUS_USERNAME=iggy IGGY_KAFKA_ANONYMOUS_PASSWORD=iggy \
        IGGY_METRICS_ADDRESS=127.0.0.1:0 IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC=false JAVA_OPTS="-Xms$HEAP -Xmx$HEAP $KP_IGGY_JVM_OPTS" \
        exec "${SERVER_PIN[@]}" "$DIST/bin/iggy-server" --with-default-root-credentials > "$OUT/iggy-server-kafka.log" 2>&1) &
    IGGY_PID=$!
    wait_port "$IGGY_KAFKA_PORT"
}

start_sink() {
    "${SERVER_PIN[@]}" java -Xms"$HEAP" -Xmx"$HEAP" -cp "$KAFKA_LIB/*" "$ROOT/benchmarks/kafka/KafkaSink.java" "$SINK_PORT" \
        > "$OUT/sink.log" 2>&1 &
    SINK_PID=$!
    wait_port "$SINK_PORT"
}

stop_sink() { stop_server SINK_PID; }

kp_topics() { # port --create|--delete topic
    local extra=()
    [ "$2" = --create ] && extra=(--partitions 1 --replication-factor 1)
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$1" "$2" --topic "$3" \
        "${extra[@]}" > "$OUT/topics-$1-$3$2.log" 2>&1
}

kp_produce() { # port name topic messages -> msg/s
    kafka_tool org.apache.kafka.tools.ProducerPerformance --topic "$3" --num-records "$4" \
        --record-size "$MSG_SIZE" --throughput -1 --producer-props "bootstrap.servers=127.0.0.1:$1" acks=1 \
        linger.ms=10 compression.type=none batch.size=1048576 max.request.size=10485760 \
        buffer.memory=134217728 > "$OUT/$2.log" 2>&1
    grep "records sent" "$OUT/$2.log" | tail -1 | sed -E 's/.* sent, ([0-9.]+) records\/sec.*/\1/'
}

kp_consume() { # port name topic messages -> msg/s of the fetch phase
    printf 'max.poll.records=%s\nmax.partition.fetch.bytes=%s\nfetch.max.bytes=52428800\n' "$BATCH" "$KAFKA_PARTITION_FETCH_BYTES" \
        > "$WORK/kp-consumer.properties"
    kafka_tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "127.0.0.1:$1" \
        --topic "$3" --messages "$4" --group "perf-$2" --timeout 60000 \
        --consumer.config "$WORK/kp-consumer.properties" > "$OUT/$2.log" 2>&1
    grep -E '^[0-9]{4}-' "$OUT/$2.log" | tail -1 | awk -F', *' '{ print $10 }'
}

kp_turn() { # kafka|iggyj|sink tag record|warm messages
    local port=$KAFKA_PORT pid=$KAFKA_PID topic="kp-$2"
    if [ "$1" = sink ]; then # every topic exists on the sink, and nothing can be read back
        if [ "$3" = record ]; then
            measure sink "$SINK_PID" "produce p1" "$4" kp_produce "$SINK_PORT" "sink-produce-$2" "$topic" "$4"
        else
            kp_produce "$SINK_PORT" "sink-produce-$2" "$topic" "$4" > /dev/null
        fi
        return
    fi
    if [ "$1" = iggyj ]; then port=$IGGY_KAFKA_PORT pid=$IGGY_PID; fi
    kp_topics "$port" --create "$topic"
    if [ "$3" = record ]; then
        measure "$1" "$pid" "produce p1" "$4" kp_produce "$port" "$1-produce-$2" "$topic" "$4"
        if [ "$KP_CONSUME_MESSAGES" -gt "$4" ]; then
            kp_produce "$port" "$1-topup-$2" "$topic" $((KP_CONSUME_MESSAGES - $4)) > /dev/null
        fi
        local reads=$(($4 > KP_CONSUME_MESSAGES ? $4 : KP_CONSUME_MESSAGES))
        measure "$1" "$pid" "consume p1" "$reads" kp_consume "$port" "$1-consume-$2" "$topic" "$reads"
    else
        kp_produce "$port" "$1-produce-$2" "$topic" "$4" > /dev/null
        kp_consume "$port" "$1-consume-$2" "$topic" "$4" > /dev/null
    fi
    kp_topics "$port" --delete "$topic"
}

kafka_protocol_run() {
    log "MODE=kafka-protocol: Kafka's perf tools against Kafka (:$KAFKA_PORT) and iggyj's Kafka plugin" \
        "(:$IGGY_KAFKA_PORT); results in $OUT"
    machine > "$OUT/machine.txt"
    start_kafka
    start_iggy_kafka
    local systems=(kafka iggyj) round k
    if [ "$SINK" = 1 ]; then
        trap 'stop_sink; cleanup' EXIT
        start_sink
        systems+=(sink)
    fi
    log "started (kafka pid $KAFKA_PID, iggyj pid $IGGY_PID${SINK_PID:+, sink pid $SINK_PID});" \
        "warming up with $WARMUP records each"
    for k in "${systems[@]}"; do
        kp_turn "$k" warm warm "$WARMUP"
    done
    # each round starts with another system: two alternate; three rotate
    for round in $(seq 1 "$ROUNDS"); do
        log "round $round of $ROUNDS"
        for k in $(seq 0 $((${#systems[@]} - 1))); do
            kp_turn "${systems[$(((k + round + 1) % ${#systems[@]}))]}" "r$round" record "$MESSAGES"
        done
    done
    stop_sink
    stop_iggy
    stop_kafka
    echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
    echo "run duration: ${SECONDS} s" >> "$OUT/machine.txt"
    python3 - "$RESULTS" "$OUT/machine.txt" "$MESSAGES" "$ROUNDS" "$WARMUP" "$KP_CONSUME_MESSAGES" <<'PY' | tee "$OUT/table.md"
import sys
from collections import defaultdict
from statistics import median
results, machine, messages, rounds, warmup, reads = sys.argv[1:7]
rows = defaultdict(lambda: defaultdict(list))
cpu = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
for line in open(results):
    system, row, value, cpu_s, gib = line.rstrip("\n").split("\t")
    rows[row][system].append(float(value))
    cpu[row][system][0] += float(cpu_s)
    cpu[row][system][1] += float(gib)
print(open(machine).read().strip().replace("\n", "  \n") + "  ")
print(f"Kafka's ProducerPerformance / ConsumerPerformance against both servers: {messages} records of "
      f"1 KiB produced, {max(int(messages), int(reads))} consumed, batch.size 1 MiB, acks=1, one partition; "
      f"warm-up {warmup} records; median and best of {rounds} rounds\n")
sink = any(by["sink"] for by in rows.values())
sink_head, sink_rule = ("| sink median | sink / Kafka (median) | sink CPU s/GiB ", "---:|---:|---:|") if sink else ("", "")
print("| row | Kafka median | Kafka best | iggyj median | iggyj best | iggyj / Kafka (median) | (best) "
      "| Kafka CPU s/GiB | iggyj CPU s/GiB " + sink_head + "|")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|" + sink_rule)
fmt = lambda v: f"{v * 1024 / 1048576:,.1f} MiB/s"
for row, by in rows.items():
    (km, kb), (im, ib), (sm, sb) = [(median(by[s]), max(by[s])) if by[s] else (float("nan"),) * 2
                                    for s in ("kafka", "iggyj", "sink")]
    per_gib = lambda s: f"{cpu[row][s][0] / cpu[row][s][1]:.2f}" if cpu[row][s][1] else "-"
    sink_cells = (f"| {fmt(sm)} | {sm / km:.2f}x | {per_gib('sink')} " if by["sink"] else "| - | - | - ") if sink else ""
    print(f"| {row} | {fmt(km)} | {fmt(kb)} | {fmt(im)} | {fmt(ib)} | {im / km:.2f}x | {ib / kb:.2f}x "
          f"| {per_gib('kafka')} | {per_gib('iggyj')} " + sink_cells + "|")
print()
for row, by in rows.items():
    for s in ("kafka", "iggyj", "sink"):
        if not by[s]:
            continue
        print(f"{row}, {s}, MiB/s per round: " + ", ".join(f"{v * 1024 / 1048576:.1f}" for v in by[s]) + "  ")
PY
    log "table: $OUT/table.md"
}

if [ "${MODE:-}" = kafka-protocol ]; then
    kafka_protocol_run
    exit 0
fi

# ---------------------------------------------------------------- the run
if [ "${MODE:-single}" = replicated ]; then
    if [ "$PIN" = 1 ]; then
        echo "PIN=1 applies to the single and kafka-protocol modes only" >&2
        exit 2
    fi
    MESSAGES=${REP_MESSAGES:-100000}
    WARMUP=${REP_WARMUP:-1000000}
    run_replicated
    exit 0
fi
log "results in $OUT"
log "consumers: Kafka fetches up to $KAFKA_PARTITION_FETCH_BYTES bytes per partition per request, iggyj polls $POLL_MESSAGES messages per request, $POLLS_IN_FLIGHT in flight"
machine > "$OUT/machine.txt"
LOOPBACK=$(loopback)
CLOSED_LOOP=$(closed_loop)
DISK=$(disk)
log "loopback: $LOOPBACK MB/s; closed loop: $CLOSED_LOOP; disk: $DISK"

start_kafka
log "kafka started (pid $KAFKA_PID); warming up with $WARMUP messages per workload"
kafka_p1 warm warm "$WARMUP"
kafka_p4 warm warm "$WARMUP"
start_iggy off
log "iggyj started (pid $IGGY_PID); warming up with $WARMUP messages per workload"
iggy_p1 warm warm "$WARMUP"
iggy_p4 warm warm "$WARMUP"
for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS"
    both p1 "$round" 0
    both p4 "$round" 1
    if [ "$RATE" -gt 0 ]; then
        rate_round "$round"
    fi
done
stop_iggy
if [ "$FSYNC" = on ]; then
    start_iggy on
    log "iggyj restarted with fsync per batch (pid $IGGY_PID); warming both up again"
    iggy_fsync warm warm "$WARMUP"
    kafka_fsync warm warm "$WARMUP"
    for round in $(seq 1 "$ROUNDS"); do
        both fsync "$round" 0
    done
    stop_iggy
fi
stop_kafka

python3 - "$RESULTS" "$OUT/machine.txt" "$LOOPBACK" "$DISK" "$MESSAGES" "$ROUNDS" "$WARMUP" "$CLOSED_LOOP" \
    "$KAFKA_PARTITION_FETCH_BYTES" "$POLL_MESSAGES $POLLS_IN_FLIGHT" <<'EOF' | tee "$OUT/table.md"
import sys
from collections import defaultdict
from statistics import median
results, machine, loopback, disk, messages, rounds, warmup, closed_loop, fetch_bytes, poll_messages = sys.argv[1:11]
rows = defaultdict(lambda: defaultdict(list))
cpu = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
for line in open(results):
    system, row, value, cpu_s, gib = line.rstrip("\n").split("\t")
    rows[row][system].append(float(value))
    if float(gib) > 0:
        c = cpu[row][system]
        c[0] += float(cpu_s)
        c[1] += float(gib)
loopback_mb = float(loopback)
print(open(machine).read().strip().replace("\n", "  \n") + "  ")
print(f"loopback TCP: {loopback_mb:,.0f} MB/s  \n"
      f"loopback closed loop, one 1 MiB request or reply in flight: {closed_loop}  \n"
      f"disk sequential write: {disk}  \n"
      f"{messages} messages of 1 KiB per run after a warm-up of {warmup} per workload; "
      f"median and best of {rounds} rounds  \n"
      f"consumers: Kafka fetches up to {fetch_bytes} bytes per partition per request, "
      f"iggyj polls {poll_messages.split()[0]} messages per request, {poll_messages.split()[1]} in flight  ")
# Both sides' rates include their load generator's start (a new JVM per run): Kafka's consumer read
# 2.2-4x faster over 2,500,000 records than over 500,000 (docs/benchmarks-history.md, "Twelfth session")
if int(messages) < 2000000:
    print(f"runs of {messages} messages time the load generators' start-up as well: the consume rows "
          f"below are not steady rates (MESSAGES=2000000 or more for those)")
print()
print("| row | Kafka median | Kafka best | iggyj median | iggyj best | iggyj / Kafka (median) | (best) "
      "| iggyj % of loopback | Kafka CPU s/GiB | iggyj CPU s/GiB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for row, by in rows.items():
    latency = row.endswith("ms")
    pick_best = min if latency else max
    def stats(system):
        values = by[system]
        return (median(values), pick_best(values)) if values else (float("nan"), float("nan"))
    (km, kb), (im, ib) = stats("kafka"), stats("iggyj")
    if latency:
        fmt = lambda v: f"{v:.1f} ms"
        ratio = lambda i, k: f"{i / k:.2f}" if k else "-"
        share = "-"
    else:
        fmt = lambda v: f"{v * 1024 / 1048576:,.0f} MiB/s"
        ratio = lambda i, k: f"{i / k:.2f}x" if k else "-"
        share = f"{im * 1024 / 1e6 / loopback_mb:.0%}" if loopback_mb else "-"
    def per_gib(system):
        c = cpu[row][system]
        return f"{c[0] / c[1]:.2f}" if c[1] > 0 else "-"
    print(f"| {row} | {fmt(km)} | {fmt(kb)} | {fmt(im)} | {fmt(ib)} | {ratio(im, km)} | {ratio(ib, kb)} "
          f"| {share} | {per_gib('kafka')} | {per_gib('iggyj')} |")
EOF
log "table: $OUT/table.md"
