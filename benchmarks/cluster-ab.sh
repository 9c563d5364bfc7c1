# Sourced by the A/B scripts that run two builds of the server as two 3-node clusters on this machine
# (replicated-ab.sh, replicated-consume-ab.sh). The caller sets AB_PORT, HEAP, WORK and OUT first;
# cluster A's node i serves TCP on AB_PORT + 10 i, cluster B's 100 above.
# shellcheck shell=bash
# shellcheck source=cluster-config.sh
. "$(dirname "${BASH_SOURCE[0]}")/cluster-config.sh"

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
    rm -rf "$WORK"
}
trap stop EXIT

bench_result() { # report.json cpu-before cpu-after messages -> "msg/s p99ms cpu-s/GiB"
    python3 - "$@" <<'PY'
import json, sys
group = json.load(open(sys.argv[1]))["groups"][0]
gib = int(sys.argv[4]) * 1024 / 2**30
print(f'{group["messages_per_second"]:.0f} {group["latency_ms"]["p99"]:.1f} '
      f'{(float(sys.argv[3]) - float(sys.argv[2])) / gib:.1f}')
PY
}
