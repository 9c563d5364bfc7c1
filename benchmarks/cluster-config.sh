# Sourced by the benchmark scripts that start a 3-node iggyj cluster on this machine.
#
# cluster_node_config DATA_DIR BASE_PORT CLUSTER_NAME SELF -> the server.toml of node SELF (1, 2 or 3):
# node i serves TCP on BASE_PORT + 10 i and replicates on the port one above; every node names the
# other two.
cluster_node_config() {
    local data=$1 base=$2 name=$3 self=$4 i
    printf '[system]\npath = "%s"\n\n[tcp]\naddress = "127.0.0.1:%s"\n\n' "$data" $((base + 10 * self))
    printf '[cluster]\nenabled = true\nname = "%s"\n\n[cluster.node.current]\nname = "node%s"\n' "$name" "$self"
    printf 'ip = "127.0.0.1"\n\n[cluster.node.current.ports]\nreplication = %s\n' $((base + 10 * self + 1))
    for i in 1 2 3; do
        [ "$i" = "$self" ] && continue
        printf '\n[[cluster.node.others]]\nname = "node%s"\nip = "127.0.0.1"\n\n[cluster.node.others.ports]\n' "$i"
        printf 'tcp = %s\nreplication = %s\n' $((base + 10 * i)) $((base + 10 * i + 1))
    done
}

# cluster_addresses BASE_PORT -> the three nodes' TCP addresses, comma-separated (iggy-bench --server-address)
cluster_addresses() {
    echo "127.0.0.1:$(($1 + 10)),127.0.0.1:$(($1 + 20)),127.0.0.1:$(($1 + 30))"
}

# node_send_entries LOG... -> "entries sends": the send entries the nodes whose logs are given submitted and
# the sends they carried, summed from each node's /metrics (the address its metrics plugin logged; builds
# before the eleventh session logged it as http:///host:port).
node_send_entries() {
    local log url
    for log in "$@"; do
        url=$(grep -o 'metrics endpoint listening on http://[^ ]*' "$log" | tail -1 | cut -d' ' -f5 | sed 's,///,//,')
        [ -n "$url" ] && curl -s --max-time 5 "$url" || true
    done | awk '/^iggy_cluster_send_entries_total[ {]/ { e += $NF } /^iggy_cluster_send_entries_sends_total[ {]/ { s += $NF }
        END { print e + 0, s + 0 }'
}
