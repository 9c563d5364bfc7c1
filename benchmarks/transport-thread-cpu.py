#!/usr/bin/env python3
"""Where each run of a transport spends its CPU, per thread group, on both ends.

A plaintext and a TLS server side by side from a built distribution (optionally a second TLS server with
other JVM options, "tcp-tls-b"), one unmeasured run per transport, then ROUNDS rounds of iggy-bench's
pinned-producer -p 1 and pinned-consumer -c 1 per transport, the order reversed every other round, as
compare-transports.sh. For every run it prints one JSON line (also appended to OUT/runs.jsonl): the rate,
and for the bench JVM (its /proc/<pid>/task/* sampled every 0.1 s until it exits) and the server (before
and after) the CPU seconds of each thread group (jit, gc, io, shard, actor, main), and for the I/O, shard
and actor threads the seconds spent waiting for a core (schedstat) and the voluntary and involuntary
context switches. docs/benchmarks-history.md, "Twelfth session (issue #11): TLS".

  benchmarks/transport-thread-cpu.py DIST BENCH OUT ROUNDS BASE_PORT
      DIST   distribution/target/iggy-server-*/        BENCH  tools/bench/target/iggy-bench/bin/iggy-bench
  Environment: MESSAGES [1000000], TRANSPORTS ["tcp tcp-tls"; also ws, wss, tcp-tls-b],
  BENCH_OPTS / TLS_SERVER_OPTS (JVM options of the bench / the TLS server), TLS_SERVER_OPTS_B and
  BENCH_OPTS_B (the second TLS server and the bench runs against it; setting TLS_SERVER_OPTS_B starts it).
"""
import json, os, subprocess, sys, time, re, glob, shutil, tempfile, signal
signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
from collections import defaultdict

dist, bench, out = sys.argv[1], sys.argv[2], sys.argv[3]
rounds = int(sys.argv[4]); base = int(sys.argv[5])
messages = int(os.environ.get("MESSAGES", "1000000"))
bench_opts = os.environ.get("BENCH_OPTS", "")
tls_opts = os.environ.get("TLS_SERVER_OPTS", "")
os.makedirs(out, exist_ok=True)
TCK = os.sysconf("SC_CLK_TCK")
work = tempfile.mkdtemp(prefix="spread.", dir=out)

def group(comm):
    if comm.startswith("C1 Compiler") or comm.startswith("C2 Compiler"): return "jit"
    if "GC" in comm or comm.startswith("G1") or comm.startswith("VM Periodic"): return "gc"
    if comm.startswith("iggy-client"): return "io"
    if comm.startswith("iggy-io"): return "io"
    if "shard" in comm: return "shard"
    if comm.startswith("iggy-bench-act"): return "actor"
    if comm == "main" or comm == "java": return "main"
    return "other:" + comm

def threads(pid):
    res = {}
    for t in glob.glob(f"/proc/{pid}/task/*"):
        try:
            comm = open(t + "/comm").read().strip()
            st = open(t + "/stat").read()
        except OSError:
            continue
        f = st[st.rindex(")") + 2:].split()
        try:
            ss = open(t + "/schedstat").read().split()
            wait = int(ss[1]) / 1e9
            stx = open(t + "/status").read()
            vol = int(re.search(r"^voluntary_ctxt_switches:\s+(\d+)", stx, re.M).group(1))
            inv = int(re.search(r"^nonvoluntary_ctxt_switches:\s+(\d+)", stx, re.M).group(1))
        except (OSError, AttributeError):
            wait, vol, inv = 0.0, 0, 0
        res[t.rsplit("/", 1)[1]] = (comm, (int(f[11]) + int(f[12])) / TCK, wait, vol, inv)
    return res

def grouped(before, after):
    g = defaultdict(float)
    for tid, (comm, cpu, wait, vol, inv) in after.items():
        b = before.get(tid, (comm, 0.0, 0.0, 0, 0))
        k = group(comm)
        g[k] += cpu - b[1]
        if k in ("io", "shard", "actor"):
            g[k + ".wait"] += wait - b[2]
            g[k + ".vcs"] += vol - b[3]
            g[k + ".ics"] += inv - b[4]
    return g

def start(name, env, opts):
    d = os.path.join(work, name); os.makedirs(d, exist_ok=True)
    e = dict(os.environ, IGGY_SYSTEM_PATH=d + "/local_data", IGGY_HTTP_ENABLED="false",
             IGGY_KAFKA_ENABLED="false", JAVA_OPTS="-Xms1g -Xmx1g " + opts, **env)
    return subprocess.Popen([dist + "/bin/iggy-server", "--with-default-root-credentials"], cwd=d, env=e,
                            stdout=open(f"{out}/server-{name}.log", "w"), stderr=subprocess.STDOUT)

plain = start("plain", {"IGGY_TCP_ADDRESS": f"127.0.0.1:{base}", "IGGY_WEBSOCKET_ADDRESS": f"127.0.0.1:{base+2}",
                        "IGGY_QUIC_ENABLED": "false", "IGGY_METRICS_ADDRESS": f"127.0.0.1:{base+5}"}, "")
tls = start("tls", {"IGGY_TCP_ADDRESS": f"127.0.0.1:{base+10}", "IGGY_WEBSOCKET_ADDRESS": f"127.0.0.1:{base+12}",
                    "IGGY_QUIC_ENABLED": "false", "IGGY_METRICS_ADDRESS": f"127.0.0.1:{base+15}",
                    "IGGY_TCP_TLS_ENABLED": "true", "IGGY_TCP_TLS_SELF_SIGNED": "true",
                    "IGGY_WEBSOCKET_TLS_ENABLED": "true", "IGGY_WEBSOCKET_TLS_SELF_SIGNED": "true"}, tls_opts)
tls_b = None
if os.environ.get("TLS_SERVER_OPTS_B") is not None:
    tls_b = start("tls-b", {"IGGY_TCP_ADDRESS": f"127.0.0.1:{base+20}", "IGGY_WEBSOCKET_ADDRESS": f"127.0.0.1:{base+22}",
                    "IGGY_QUIC_ENABLED": "false", "IGGY_METRICS_ADDRESS": f"127.0.0.1:{base+25}",
                    "IGGY_TCP_TLS_ENABLED": "true", "IGGY_TCP_TLS_SELF_SIGNED": "true",
                    "IGGY_WEBSOCKET_TLS_ENABLED": "true", "IGGY_WEBSOCKET_TLS_SELF_SIGNED": "true"},
                  os.environ["TLS_SERVER_OPTS_B"])
import socket
for p in (base, base + 10, base + 12) + ((base + 20,) if tls_b else ()):
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", p), 1).close(); break
        except OSError:
            time.sleep(0.2)
TARGET = {"tcp": (plain, ["tcp", "--server-address", f"127.0.0.1:{base}"]),
          "tcp-tls": (tls, ["tcp", "--server-address", f"127.0.0.1:{base+10}", "--tls"]),
          "tcp-tls-b": (tls_b, ["tcp", "--server-address", f"127.0.0.1:{base+20}", "--tls"]),
          "ws": (plain, ["websocket", "--server-address", f"127.0.0.1:{base+2}"]),
          "wss": (tls, ["websocket", "--server-address", f"127.0.0.1:{base+12}", "--tls"])}
transports = os.environ.get("TRANSPORTS", "tcp tcp-tls").split()
rows = open(f"{out}/runs.jsonl", "a")

def run(t, scen, tag):
    server, args = TARGET[t]
    name = f"{t}-{scen}-{tag}"
    sargs = ["pinned-producer", "-p", "1"] if scen == "produce" else ["pinned-consumer", "-c", "1"]
    sb = threads(server.pid); load = open("/proc/loadavg").read().split()[0]
    env = dict(os.environ, JAVA_OPTS=os.environ.get("BENCH_OPTS_B", "") if t == "tcp-tls-b" else bench_opts)
    p = subprocess.Popen([bench, "-m", "1024", "-P", "1000", "-b", str(messages // 1000)] + sargs + args
                         + ["output", "-o", f"{out}/{name}"], env=env,
                         stdout=open(f"{out}/{name}.log", "w"), stderr=subprocess.STDOUT)
    last = {}
    try:
        while p.poll() is None:
            last.update(threads(p.pid))
            time.sleep(0.1)
    finally:
        if p.poll() is None:
            p.kill()
    sa = threads(server.pid)
    rep = json.load(open(f"{out}/{name}/report.json"))
    g = rep["groups"][0]
    mibs = g["messages_per_second"] * 1024 / 2**20
    gib = messages * 1024 / 2**30
    b = grouped({}, last); s = grouped(sb, sa)
    row = {"t": t, "scen": scen, "tag": tag, "load": load, "mibs": round(mibs, 1),
           "bench": {k: round(v, 2) for k, v in sorted(b.items()) if v >= 0.05 or "cs" in k},
           "server": {k: round(v, 2) for k, v in sorted(s.items()) if v >= 0.05 or "cs" in k},
           "wall": round(g["wall_time_seconds"], 3), "p50ms": g["latency_ms"].get("p50") if isinstance(g.get("latency_ms"), dict) else None}
    rows.write(json.dumps(row) + "\n"); rows.flush()
    print(json.dumps(row), flush=True)

try:
    for t in transports:
        run(t, "produce", "warm"); run(t, "consume", "warm")
    for r in range(1, rounds + 1):
        order = transports if r % 2 else list(reversed(transports))
        for t in order:
            run(t, "produce", str(r)); run(t, "consume", str(r))
finally:
    for s in (plain, tls, tls_b):
        if s is None: continue
        s.terminate()
        try: s.wait(20)
        except Exception: s.kill()
    shutil.rmtree(work, ignore_errors=True)
