#!/usr/bin/env python3
"""Where a JFR recording's Java samples fall: per thread group (thread names with their digits removed),
its share of all samples and its hottest top frames and its hottest frames anywhere on the stack; and how
many samples' top frame ran in the interpreter rather than in JIT-compiled code (a high share means the
profile measured warm-up, not a long-running server's steady state).

    python3 benchmarks/jfr-hot-frames.py server-plain.jfr [frames per group, default 8]

Uses the JDK's `jfr` tool (jfr print --json --events jdk.ExecutionSample).
"""
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    raw = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    groups = Counter()
    kinds = Counter()
    interpreted = Counter()
    leaf = defaultdict(Counter)
    inclusive = defaultdict(Counter)
    for event in events:
        values = event["values"]
        thread = values.get("sampledThread") or {}
        name = re.sub(r"\d+", "N", thread.get("javaName") or thread.get("osName") or "?")
        frames = (values.get("stackTrace") or {}).get("frames") or []
        groups[name] += 1
        if frames:
            kinds[frames[0].get("type", "?")] += 1
            interpreted[name] += frames[0].get("type") == "Interpreted"
        seen = set()
        for i, frame in enumerate(frames):
            method = frame["method"]
            label = method["type"]["name"].split(".")[-1] + "." + method["name"]
            if i == 0:
                leaf[name][label] += 1
            if label not in seen:
                inclusive[name][label] += 1
                seen.add(label)
    total = sum(groups.values())
    print(f"{total} Java samples in {path}; top frame: "
          + ", ".join(f"{kind} {count / max(1, total):.0%}" for kind, count in kinds.most_common()))
    for name, count in groups.most_common():
        if count < total * 0.02:
            continue
        print(f"\n## {name}: {count / total:.0%} of samples, {interpreted[name] / count:.0%} of them interpreted")
        print("top frames: " + "; ".join(f"{m} {c / count:.0%}" for m, c in leaf[name].most_common(top)))
        print("on the stack: " + "; ".join(f"{m} {c / count:.0%}" for m, c in inclusive[name].most_common(top * 3)
                                            if not m.startswith(("Thread.", "FastThreadLocalRunnable.",
                                                                 "ThreadExecutorMap", "SingleThreadEventExecutor"))))


if __name__ == "__main__":
    main()
