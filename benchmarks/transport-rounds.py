#!/usr/bin/env python3
"""Round-by-round view of compare-transports.sh outputs: for each round, a transport's rate against plain
TCP's in the same round, the same ratio over the second half of each run (iggy-bench's 10 ms series: how
much a run's own warm-up weighs), the median batch latencies and their ratio (one batch in flight, so the
p50 is the steady cost of one batch: a ratio that follows the rate ratio means slow batch after batch, not a
few stalls), and the server's CPU per GiB of that run (results.tsv).

  python3 benchmarks/transport-rounds.py [--transport tcp-tls] [--base tcp] OUT...

--base: the transport the ratios are taken against (ws for wss / ws).

OUT: directories compare-transports.sh wrote (results.tsv and one iggy-bench output per run).
docs/benchmarks-history.md, "Twelfth session (issue #11): TLS".
"""
import json
import os
import sys


def run(out, name):
    group = json.load(open(os.path.join(out, name, "report.json")))["groups"][0]
    series = group["series"]["throughput_megabytes_per_second"]
    start = next((i for i, v in enumerate(series) if v), len(series))
    series = series[start:]
    second_half = series[len(series) // 2:] or [0.0]
    return group["throughput_megabytes_per_second"], sum(second_half) / len(second_half), group["latency_ms"]["p50"]


def server_cpu(out):
    per_run, seen = {}, {}
    for line in open(os.path.join(out, "results.tsv")):
        transport, scenario, _, cpu, moved = line.rstrip("\n").split("\t")
        key = (transport, scenario)
        seen[key] = seen.get(key, 0) + 1
        gib = int(moved or 0) * 1024 / 2**30
        per_run[key + (str(seen[key]),)] = float(cpu) / gib if gib else float("nan")
    return per_run


def main(args):
    transport, base = "tcp-tls", "tcp"
    while args[:1] in (["--transport"], ["--base"]):
        if args[0] == "--transport":
            transport = args[1]
        else:
            base = args[1]
        args = args[2:]
    print(f"| run | workload | round | {transport} / {base} MiB/s | ratio | ratio, 2nd half of each run "
          f"| {base} p50 ms | {transport} p50 ms | p50 ratio | {transport} server CPU s/GiB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scenario, workload in (("pinned-producer", "produce"), ("pinned-consumer", "consume")):
        for out in args:
            cpu = server_cpu(out)
            for round_ in map(str, range(1, 100)):
                if not os.path.isdir(os.path.join(out, f"{transport}-{workload}-{round_}")):
                    break
                plain, other = run(out, f"{base}-{workload}-{round_}"), run(out, f"{transport}-{workload}-{round_}")
                print(f"| {os.path.basename(os.path.normpath(out))} | {workload} | {round_} "
                      f"| {other[0] / 1.048576:,.0f} / {plain[0] / 1.048576:,.0f} | {other[0] / plain[0]:.2f} "
                      f"| {other[1] / plain[1]:.2f} | {plain[2]:.2f} | {other[2]:.2f} | {plain[2] / other[2]:.2f} "
                      f"| {cpu.get((transport, scenario, round_), float('nan')):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
