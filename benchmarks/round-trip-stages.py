"""Median stage times of a closed-loop round trip, from `perf script` output of raw_syscalls tracepoints
recorded on an iggyj server and an iggy-bench load generator (benchmarks/round-trip-stages.sh).

Threads by name: iggy-client-* (the load generator's event loop), iggy-io-* (the server's event loop),
iggy-shard-* (the partition's owner). A produce round trip runs from one large client send to the
next; a consume round trip from one small client send (the poll) to the next. Times in microseconds.

    python3 round-trip-stages.py trace.txt produce|consume
"""
import re, sys, statistics
SYS = {0:'read',1:'write',18:'pwrite',20:'writev',40:'sendfile',44:'sendto',45:'recvfrom',46:'sendmsg',47:'recvmsg',202:'futex',232:'epoll_wait',281:'epoll_pwait',441:'epoll_pwait2',75:'fdatasync',74:'fsync'}
pat = re.compile(r'^\s*(.+?)\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+([\w:]+):\s*(.*)$')
open_, calls = {}, []
names, running, oncpu = {}, {}, []  # oncpu: (start, end, thread group)
for line in open(sys.argv[1]):
    m = pat.match(line)
    if not m: continue
    comm, tid, cpu, ts, name, rest = m.groups(); tid = int(tid); ts = float(ts)
    if name == 'sched:sched_switch':
        sw = re.search(r'prev_comm=(.*?) prev_pid=(\d+) .* next_comm=(.*?) next_pid=(\d+)', rest)
        if sw:
            prev, nxt = int(sw.group(2)), int(sw.group(4))
            if prev in running:
                oncpu.append((running.pop(prev), ts, re.sub(r'\d+', 'N', sw.group(1))))
            running[nxt] = ts
        continue
    if name == 'raw_syscalls:sys_enter':
        open_[tid] = (ts, int(re.search(r'NR (\d+)', rest).group(1)))
    elif name == 'raw_syscalls:sys_exit' and tid in open_:
        st, nr = open_.pop(tid); r = re.search(r'= (-?\d+)', rest)
        g = re.sub(r'\d+', 'N', comm.strip())
        calls.append((st, ts, g, SYS.get(nr, str(nr)), int(r.group(1)) if r else 0))
calls.sort()
mode = sys.argv[2]
io, cl, sh = 'iggy-io-N-N', 'iggy-client-N-N', 'iggy-shard-N-N-'
def first(after, pred):
    for c in calls:
        if c[0] >= after and pred(c): return c
    return None
stages = {}
counts = []
def add(k, v): stages.setdefault(k, []).append(v * 1e6)
CPU_GROUPS = {'iggy-client-N-N': 'client event loop', 'iggy-bench-acto': 'client actor',
              'iggy-io-N-N': 'server event loop', 'iggy-shard-N-N-': 'server shard'}
def add_cpu(t0, t1):
    # on-CPU time of each thread group inside the round trip [t0, t1)
    for group, label in CPU_GROUPS.items():
        add('9 on-CPU: ' + label, sum(max(0, min(e, t1) - max(s, t0)) for s, e, g in oncpu
                                     if g == group and e > t0 and s < t1))
if mode == 'produce':
    sends = [c for c in calls if c[2] == cl and c[3] in ('writev', 'write', 'sendto') and c[4] > 100000]
    for a, b in zip(sends, sends[1:]):
        w = first(a[0], lambda c: c[2] == sh and c[3] in ('writev', 'write', 'pwrite') and c[4] > 100000)
        if not w or w[0] > b[0]: continue
        reads = [c for c in calls if a[0] <= c[0] < w[0] and c[2] == io and c[3] in ('recvfrom', 'read')]
        rep = first(w[1], lambda c: c[2] == io and c[3] in ('sendto', 'write', 'writev'))
        got = first(rep[1] if rep else w[1], lambda c: c[2] == cl and c[3] in ('recvfrom', 'read'))
        if not reads or not rep or not got or got[0] > b[0]: continue
        add('0 round trip', b[0] - a[0])
        add_cpu(a[0], b[0])
        add('1 client send syscall (copy + loopback TCP)', a[1] - a[0])
        add('2 server reads (first read start to last read end)', reads[-1][1] - reads[0][0])
        add('2a   of which inside recvfrom', sum(c[1] - c[0] for c in reads))
        add('3 last read end to .log write start (hop to shard, validate, stamp, XXH3)', w[0] - reads[-1][1])
        add('4 .log write syscall (page-cache copy)', w[1] - w[0])
        add('5 .log write end to reply send start (index write, ack, hop back)', rep[0] - w[1])
        add('6 reply send to client read', got[0] - rep[0])
        add('7 client read to next send (wake actor, restamp, record, write)', b[0] - got[0])
else:
    polls = [c for c in calls if c[2] == cl and c[3] in ('writev', 'write', 'sendto') and 0 < c[4] < 1000]
    for a, b in zip(polls, polls[1:]):
        r = first(a[0], lambda c: c[2] == io and c[3] in ('recvfrom', 'read'))
        sf = first(a[0], lambda c: c[2] == io and c[3] == 'sendfile')
        if not r or not sf or sf[0] > b[0]: continue
        hdr = first(r[1], lambda c: c[2] == io and c[3] in ('writev', 'write', 'sendto'))
        creads = [c for c in calls if a[0] <= c[0] < b[0] and c[2] == cl and c[3] in ('recvfrom', 'read')]
        if not creads or not hdr: continue
        add('0 round trip', b[0] - a[0])
        add_cpu(a[0], b[0])
        add('1 poll send to server read', r[0] - a[0])
        add('2 server read end to reply header write (hop to shard, index lookup, hop back)', hdr[0] - r[1])
        add('3 sendfile syscall (1 MB, loopback TCP)', sf[1] - sf[0])
        add('4 client reads (first start to last end)', creads[-1][1] - creads[0][0])
        add('4a   of which inside recvfrom', sum(c[1] - c[0] for c in creads))
        counts.append(len(creads))
        add('5 sendfile end to client last read end', creads[-1][1] - sf[1])
        add('6 client last read to next poll send (wake actor, walk 1000 headers, write)', b[0] - creads[-1][1])
print('round trips:', len(stages.get('0 round trip', [])))
if counts:
    print('client reads per reply: median', statistics.median(counts))
for k in sorted(stages):
    v = sorted(stages[k])
    print('%-82s median %7.1f  p25 %7.1f  p75 %7.1f' % (k, statistics.median(v), v[len(v) // 4], v[3 * len(v) // 4]))
