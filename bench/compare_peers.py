#!/usr/bin/env python3
"""sendpolicy against general policy engines on the same request stream, in one run.

    python3 bench/compare_peers.py [--build build/bench] [-n 100000] [--seed 42]

/work/shared/bench-peers holds one simple WhatsApp send policy encoded in
Cedar, CEL, json-rules-engine and json-logic, plus the hand-written JavaScript
a developer would write inline, and a generator of requests in the sendpolicy
wire format. This script, in one run and on one stream:

 1. copies the peers' *.js and package*.json into <build>/peers (never into
    the shared directory), runs `npm ci` there once, and `node gen.js N seed`;
 2. runs the peers' `node bench.js` (agreement with their baseline, then
    in-memory and end-to-end ns per decision, medians of 5);
 3. runs sendpolicy: in memory with bench/stream_bench (requests pre-parsed
    from the same stream with sendpolicy::wire, evaluate() timed, median of 5)
    and end to end with `sendpolicy audit` (JSON Lines in, JSON Lines out,
    wall and CPU time, median of --runs), on 1 and 2 threads;
 4. compares every sendpolicy decision with the peers' baseline and lists the
    categories where they differ, with counts (sendpolicy differs on purpose:
    see the "differences" section of docs/performance.md);
 5. runs `sendpolicy audit` and the parse-and-print floor (bench/floor)
    interleaved, --runs times each, and prints their CPU ns/line, the ratio
    and lines per CPU-second (bench/audit_floor.py);
 6. prints one Markdown table with the ratios.

Needs node and npm (the npm registry, for `npm ci` the first time).
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import audit_floor  # noqa: E402  (bench/audit_floor.py: the floor comparison)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def prepare_peers(src, work):
    os.makedirs(work, exist_ok=True)
    for name in sorted(os.listdir(src)):
        if name.endswith(".js") or (name.startswith("package") and name.endswith(".json")):
            shutil.copyfile(os.path.join(src, name), os.path.join(work, name))
    shutil.copyfile(os.path.join(ROOT, "bench", "peer_baseline.mjs"),
                    os.path.join(work, "peer_baseline.mjs"))
    if not os.path.isdir(os.path.join(work, "node_modules")):
        log("npm ci in " + work)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=work, check=True,
                       stdout=sys.stderr)


def run_timed(args, stdout=subprocess.DEVNULL):
    """Wall and CPU (user + sys) seconds and max RSS (KiB) of one child run."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=stdout)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if status != 0 and os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit("%s failed: %d" % (" ".join(args), status))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def peer_table(text):
    """Rows of bench.js's Markdown table: name -> (in-memory ns, e2e ns, agreement)."""
    rows = {}
    for line in text.splitlines():
        m = re.match(r"\| ([^|]+) \| (\d+) \| (\d+) \| ([^|]+) \|", line)
        if m:
            rows[m.group(1).strip()] = (float(m.group(2)), float(m.group(3)),
                                        m.group(4).strip())
    return rows


def compare(ours_path, baseline_path):
    """Agreement of sendpolicy's decisions with the baseline, by category."""
    same = 0
    categories = collections.Counter()
    examples = {}
    warnings = collections.Counter()
    with open(ours_path) as ours, open(baseline_path) as base:
        for a, b in zip(ours, base):
            o, p = json.loads(a), json.loads(b)
            if o["id"] != p["id"]:
                raise SystemExit("decision order differs at %s / %s" % (o["id"], p["id"]))
            for w in o["warnings"]:
                warnings[w["code"]] += 1
            codes = sorted(r["code"] for r in o["reasons"])
            if o["verdict"] == p["verdict"] and codes == p["reasons"]:
                same += 1
                continue
            extra = sorted(set(codes) - set(p["reasons"]))
            missing = sorted(set(p["reasons"]) - set(codes))
            key = "sendpolicy %s, baseline %s; sendpolicy adds [%s], lacks [%s]" % (
                o["verdict"], p["verdict"], ", ".join(extra), ", ".join(missing))
            categories[key] += 1
            examples.setdefault(key, o["id"])
    return same, categories, examples, warnings


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "bench"),
                    help="build directory with examples/cli/sendpolicy and bench/stream_bench")
    ap.add_argument("--peers", default="/work/shared/bench-peers")
    ap.add_argument("-n", type=int, default=100000, help="requests in the stream")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--runs", type=int, default=5, help="timed runs of sendpolicy audit")
    args = ap.parse_args()

    cli = os.path.join(args.build, "examples", "cli", "sendpolicy")
    stream_bench = os.path.join(args.build, "bench", "stream_bench")
    floor = os.path.join(args.build, "bench", "floor")
    for path in (cli, stream_bench, floor):
        if not os.access(path, os.X_OK):
            raise SystemExit("missing %s: cmake --preset bench && cmake --build --preset bench"
                             % path)
    work = os.path.join(args.build, "peers")
    prepare_peers(args.peers, work)
    requests = os.path.join(work, "requests.jsonl")
    with open(requests, "wb") as f:
        subprocess.run(["node", "gen.js", str(args.n), str(args.seed)], cwd=work, stdout=f,
                       check=True)
    log("stream: %d requests, seed %d, %.1f MB" % (args.n, args.seed,
                                                 os.path.getsize(requests) / 1e6))

    log("peers: node bench.js (minutes: Cedar and json-rules-engine are slow)")
    peers_out = subprocess.run(["node", "bench.js", "requests.jsonl"], cwd=work, check=True,
                               stdout=subprocess.PIPE).stdout.decode()
    peers = peer_table(peers_out)
    baseline = os.path.join(work, "baseline.jsonl")
    with open(baseline, "wb") as f:
        subprocess.run(["node", "peer_baseline.mjs", "requests.jsonl"], cwd=work, stdout=f,
                       check=True)

    log("sendpolicy: in memory (stream_bench)")
    mem = json.loads(subprocess.run([stream_bench, requests, "5"], check=True,
                                    stdout=subprocess.PIPE).stdout)

    log("sendpolicy: end to end (audit), %d runs per thread count" % args.runs)
    ours = os.path.join(work, "sendpolicy.decisions.jsonl")
    e2e = {}
    for threads in (1, 2):
        walls, cpus, rss = [], [], []
        for _ in range(args.runs):
            w, c, r = run_timed([cli, "audit", "--no-progress", "--threads", str(threads),
                                 requests, "-o", ours])
            walls.append(w)
            cpus.append(c)
            rss.append(r)
        e2e[threads] = (median(walls), median(cpus), max(rss))

    log("sendpolicy against the floor, %d interleaved runs" % max(args.runs, 5))
    floor_results = audit_floor.measure(cli, floor, requests, max(args.runs, 5), (1, 2))

    same, categories, examples, warnings = compare(ours, baseline)
    n = args.n
    load = os.getloadavg()[0]

    print("Stream: `node gen.js %d %d` (%.1f MB), one run of bench/compare_peers.py; "
          "load average %.1f on %d cores." % (n, args.seed, os.path.getsize(requests) / 1e6,
                                             load, os.cpu_count()))
    print()
    print("| engine | in-memory ns/decision | end-to-end ns/request | in-memory: times sendpolicy"
          " | end-to-end: times sendpolicy | agrees with baseline |")
    print("|---|---:|---:|---:|---:|---|")
    ours_mem = mem["ns_per_decision"]
    ours_e2e = e2e[1][0] * 1e9 / n
    print("| **sendpolicy** (C++, 1 thread) | %.0f | %.0f (wall; %.0f CPU) | 1 | 1 | %d/%d "
          "(differences below) |" % (ours_mem, ours_e2e, e2e[1][1] * 1e9 / n, same, n))
    for name, (m, e, agree) in peers.items():
        print("| %s | %.0f | %.0f | %.0f× | %.1f× | %s (with the baseline) |"
              % (name, m, e, m / ours_mem, e / ours_e2e, agree))
    print()
    print("sendpolicy audit: 1 thread %.0f requests/s wall (%.0f per CPU-second), "
          "2 threads %.0f requests/s wall; max RSS %d / %d KiB; stream_bench %.1f ns/decision, "
          "%.1f ns stored into an array, %.3f allocations per decision, sizeof(SendDecision) %d"
          % (n / e2e[1][0], n / e2e[1][1], n / e2e[2][0], e2e[1][2], e2e[2][2], ours_mem,
             mem["ns_per_decision_stored"], mem["allocations_per_decision"],
             mem["sizeof_decision"]))
    print()
    print("sendpolicy audit against the parse-and-print floor (bench/floor: simdjson On-Demand "
          "over every field, timestamps parsed, a fixed 391-byte line out), CPU time:")
    print()
    print("\n".join(audit_floor.report(floor_results, n, max(args.runs, 5))))
    print()
    print("Agreement with the peers' baseline: %d of %d identical (verdict and reason codes)."
          % (same, n))
    for key, count in categories.most_common():
        print("- %d (%.2f%%): %s (e.g. %s)" % (count, 100.0 * count / n, key, examples[key]))
    if warnings:
        print("- warnings, which the baseline does not have: " +
              ", ".join("%s %d" % kv for kv in warnings.most_common()))
    print()
    print("Peers' own output:")
    print()
    print(peers_out.strip())


if __name__ == "__main__":
    main()
