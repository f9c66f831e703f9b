#!/usr/bin/env python3
"""sendpolicy audit against the parse-and-print floor, CPU time per line.

    python3 bench/audit_floor.py [--build build/bench] [-n 100000] [--seed 42] [--runs 11]
                                 [--threads 1,2] [--requests FILE] [--repeat N]
                                 [--baseline OLD_BINARY] [--no-pin]

Runs `sendpolicy audit` and bench/floor (bench/floor.cc: simdjson On-Demand
over every field of every line, timestamps parsed, a fixed 391-byte line
written per input) on the same JSON Lines stream, interleaved (every program
once per round, in an order shuffled each round; one-thread runs pinned to
one CPU) so a change in the machine's load hits all alike, and prints the
median over --runs of each one's CPU time (user + system, from wait4) per
line, their ratio (of the medians, and the median of the per-round ratios)
and lines per CPU-second. Both write to
/dev/null. With --threads 1,2 it also runs `audit --threads 2` in the same
interleaving and reports its CPU per line and wall-clock speed-up, beside
two independent one-thread audits run at once (the cost of sharing the
machine by itself, which no thread pool can avoid). --baseline runs an
older binary at every thread count in the same interleaving.

The stream is the peers' generator (`node gen.js N seed`, as
bench/compare_peers.py makes it) unless --requests names a file; --repeat N
audits it N times over as one file, where start-up weighs less.
bench/compare_peers.py calls measure() and prints the same lines.
"""
import argparse
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def run_timed(args, copies=1, cpu=None):
    """Wall and CPU (user + sys) seconds of `copies` children run at once
    (CPU summed over them), output discarded; pinned to `cpu` if given."""
    pin = None if cpu is None else (lambda: os.sched_setaffinity(0, {cpu}))
    start = time.monotonic()
    procs = [subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              preexec_fn=pin)
             for _ in range(copies)]
    cpu = 0.0
    for proc in procs:
        _, status, usage = os.wait4(proc.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # audit exits 1 when a line is denied/invalid
            raise SystemExit("%s failed: %d" % (" ".join(args), code))
        cpu += usage.ru_utime + usage.ru_stime
    return time.monotonic() - start, cpu


def generate(peers, path, n, seed):
    with open(path, "wb") as f:
        subprocess.run(["node", os.path.join(peers, "gen.js"), str(n), str(seed)], stdout=f,
                       check=True)


def count_lines(path):
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def pinned_cpu():
    """The CPU one-thread runs are pinned to: the last this process may use."""
    return max(os.sched_getaffinity(0))


def measure(cli, floor, requests, runs, threads=(1,), baseline=None, pin=True):
    """Interleaved runs; returns {name: (median wall s, median CPU s per copy,
    median over the rounds of CPU / the floor's CPU in the same round)}.

    One-thread programs run pinned to one CPU (pinned_cpu()) unless `pin` is
    false: on the 2-vCPU VM this was written on, unpinned runs of one
    program alternated between ~850 and ~1,240 ns/line from one run to the
    next (the scheduler's placement), so with two programs interleaved one
    of them always drew the slow runs; pinned, runs agree within ~3%. The
    order of the programs is also shuffled every round (fixed seed), so no
    program keeps a place in any such rhythm."""
    cpu = pinned_cpu() if pin else None
    # name: (command, copies run at once, pinned)
    commands = {"floor": ([floor, requests, "-o", "/dev/null"], 1, True)}
    for t in threads:
        audit = ["audit", "--no-progress", "--threads", str(t), requests, "-o", "/dev/null"]
        commands["audit-%d" % t] = ([cli] + audit, 1, t == 1)
        if baseline:
            commands["baseline-%d" % t] = ([baseline] + audit, 1, t == 1)
    if 2 in threads:
        # The machine's own cost of running two at once (shared caches, memory
        # bandwidth, a hypervisor's cores): two independent one-thread audits
        # side by side. --threads 2 cannot do better than this.
        commands["pair-1"] = ([cli, "audit", "--no-progress", "--threads", "1", requests,
                               "-o", "/dev/null"], 2, False)
    samples = {name: ([], []) for name in commands}
    rng = random.Random(20261202)
    for _ in range(runs):
        order = list(commands.items())
        rng.shuffle(order)
        for name, (args, copies, pinned) in order:
            wall, used = run_timed(args, copies, cpu if pinned else None)
            samples[name][0].append(wall)
            samples[name][1].append(used / copies)
    # Each round runs every program once, so a ratio taken within a round
    # cancels a slow phase of the machine that lasts a round or more.
    floor_cpu = samples["floor"][1]
    return {name: (median(w), median(c), median([x / f for x, f in zip(c, floor_cpu)]))
            for name, (w, c) in samples.items()}


def report(results, lines, runs):
    """Markdown lines: CPU ns/line, ratio to the floor, lines per CPU-second."""
    floor_cpu = results["floor"][1]
    out = ["| program | CPU ns/line | times the floor | times the floor, per round | "
           "lines per CPU-second | wall ms |",
           "|---|---:|---:|---:|---:|---:|"]
    for name in sorted(results, key=lambda k: (k != "floor", k)):
        wall, cpu, per_round = results[name]
        kind, count = name.split("-") if "-" in name else (name, "")
        label = ("floor (bench/floor)" if name == "floor"
                 else "baseline (--baseline) audit --threads %s" % count if kind == "baseline"
                 else "two one-thread audits at once (each)" if kind == "pair"
                 else "sendpolicy audit --threads %s" % count)
        out.append("| %s | %.0f | %.2f | %.2f | %.2f M | %.0f |"
                   % (label, cpu * 1e9 / lines, cpu / floor_cpu, per_round, lines / cpu / 1e6,
                      wall * 1e3))
    if "audit-1" in results and "audit-2" in results:
        w1, c1, _ = results["audit-1"]
        w2, c2, _ = results["audit-2"]
        out.append("")
        out.append("--threads 2: %.2fx one thread's wall-clock throughput, CPU per line %+.1f%% "
                   "of one thread's." % (w1 / w2, 100.0 * (c2 / c1 - 1)))
        if "pair-1" in results:
            wp, cp, _ = results["pair-1"]
            out.append("Two independent one-thread audits at once: CPU per line %+.1f%% of one "
                       "alone (what sharing the machine costs by itself), both done in %.2fx "
                       "one's wall clock%s."
                       % (100.0 * (cp / c1 - 1), wp / w1,
                          " (about 2: the second core was busy, so no --threads figure of "
                          "this run means anything)" if wp / w1 > 1.6 else ""))
    out.append("")
    out.append("Medians of %d interleaved runs, %d lines, load average %.1f on %d cores."
               % (runs, lines, os.getloadavg()[0], os.cpu_count()))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "bench"),
                    help="build directory with examples/cli/sendpolicy and bench/floor")
    ap.add_argument("--peers", default="/work/shared/bench-peers",
                    help="folder with the peers' gen.js")
    ap.add_argument("--requests", help="a JSON Lines file instead of the generated stream")
    ap.add_argument("-n", type=int, default=100000, help="requests in the generated stream")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeat", type=int, default=1,
                    help="audit the stream this many times over, as one file: a longer run, "
                    "so start-up weighs less (docs/performance.md, round 6)")
    ap.add_argument("--runs", type=int, default=11, help="interleaved runs (at least 5)")
    ap.add_argument("--threads", default="1", help="audit thread counts, e.g. 1,2")
    ap.add_argument("--baseline", help="another sendpolicy binary (an older build) to time in "
                    "the same interleaving, for a before/after figure")
    ap.add_argument("--no-pin", action="store_true",
                    help="do not pin one-thread runs to one CPU (see measure())")
    args = ap.parse_args()
    if args.runs < 5:
        raise SystemExit("--runs: at least 5")

    cli = os.path.join(args.build, "examples", "cli", "sendpolicy")
    floor = os.path.join(args.build, "bench", "floor")
    for path in (cli, floor):
        if not os.access(path, os.X_OK):
            raise SystemExit("missing %s: cmake --preset bench && cmake --build --preset bench"
                             % path)
    requests = args.requests
    if requests is None:
        os.makedirs(os.path.join(args.build, "peers"), exist_ok=True)
        requests = os.path.join(args.build, "peers", "requests-%d-%d.jsonl" % (args.n, args.seed))
        if not os.path.exists(requests):
            generate(args.peers, requests, args.n, args.seed)
    if args.repeat < 1:
        raise SystemExit("--repeat: at least 1")
    if args.repeat > 1:
        base, ext = os.path.splitext(os.path.basename(requests))
        repeated = os.path.join(args.build, "peers", "%s-x%d%s" % (base, args.repeat, ext))
        os.makedirs(os.path.dirname(repeated), exist_ok=True)
        with open(requests, "rb") as f:
            text = f.read()
        if not text.endswith(b"\n"):
            text += b"\n"
        with open(repeated, "wb") as f:
            for _ in range(args.repeat):
                f.write(text)
        requests = repeated
    lines = count_lines(requests)
    threads = tuple(int(t) for t in args.threads.split(","))
    log("%s: %d lines, %d interleaved runs" % (requests, lines, args.runs))
    results = measure(cli, floor, requests, args.runs, threads, args.baseline, not args.no_pin)
    out = report(results, lines, args.runs)
    if not args.no_pin:
        out.append("One-thread runs pinned to CPU %d; the order shuffled every round." % pinned_cpu())
    print("\n".join(out))


if __name__ == "__main__":
    main()
