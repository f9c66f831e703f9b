#!/usr/bin/env python3
"""The line auditor through every binding, CPU time per line, in one run.

    python3 bench/bindings_audit.py [--build build/gcc] [--requests FILE] [--runs 5]

Audits the same JSON Lines file (default: the peers' stream that
bench/audit_floor.py generates) with the default WhatsApp policy through

  - the CLI:      sendpolicy audit FILE -o /dev/null
  - the C API:    examples/c/c_audit (sendpolicy_audit_jsonl in 256 KiB chunks)
  - Python:       for _ in sendpolicy.audit(Policy.whatsapp(), file): pass
  - Node:         sendpolicy.auditLines(text) on the whole file, and on
                  256 KiB pieces read into one Buffer (firstLine numbering)

each as its own process, interleaved, and prints the median CPU time (user +
system, from wait4) per line and lines per CPU-second. The times include
each process's start-up and reading the file (Python and Node start an
interpreter: ~20-40 ms, ~0.2-0.4 µs per line of a 100,000-line file).
Needs a build with the bindings (SENDPOLICY_C_API, SENDPOLICY_PYTHON,
SENDPOLICY_NODE); a binding that is missing is skipped.
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import audit_floor  # noqa: E402


def cpu_of(args, env=None, stdin_path=None, ok_codes=(0, 1)):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(args, stdin=stdin, stdout=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        if stdin_path:
            stdin.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in ok_codes:
        raise SystemExit("%s failed: exit %d" % (" ".join(args), code))
    return usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "gcc"))
    ap.add_argument("--requests", help="JSON Lines file (default: the peers' stream)")
    ap.add_argument("--peers", default="/work/shared/bench-peers")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    # Absolute: Node resolves a relative addon path against the package.
    args.build = os.path.abspath(args.build)

    requests = args.requests
    if requests is None:
        os.makedirs(os.path.join(args.build, "peers"), exist_ok=True)
        requests = os.path.join(args.build, "peers", "requests-100000-42.jsonl")
        if not os.path.exists(requests):
            audit_floor.generate(args.peers, requests, 100000, 42)
    lines = audit_floor.count_lines(requests)

    cli = os.path.join(args.build, "examples", "cli", "sendpolicy")
    c_audit = os.path.join(args.build, "bindings", "c", "c_audit")
    python_dir = os.path.join(args.build, "python")
    node_addon = os.path.join(args.build, "node", "sendpolicy.node")
    node_package = os.path.join(ROOT, "bindings", "node")

    commands = {}
    if os.access(cli, os.X_OK):
        commands["CLI (sendpolicy audit)"] = ([cli, "audit", "--no-progress", requests,
                                               "-o", "/dev/null"], None, None)
    if os.access(c_audit, os.X_OK):
        commands["C API (examples/c/c_audit)"] = ([c_audit], None, requests)
    if os.path.isdir(python_dir):
        env = dict(os.environ, PYTHONPATH=python_dir)
        code = ("import sendpolicy,sys\n"
                "p=sendpolicy.Policy.whatsapp()\n"
                "with open(sys.argv[1],'rb') as f:\n"
                "    for _ in sendpolicy.audit(p, f): pass\n")
        commands["Python sendpolicy.audit()"] = (["python3", "-c", code, requests], env, None)
    if os.path.exists(node_addon):
        env = dict(os.environ, SENDPOLICY_NODE_ADDON=node_addon)
        code = ("const sp=require(process.argv[1]);"
                "const t=require('fs').readFileSync(process.argv[2]);"
                "sp.auditLines(t);")
        commands["Node auditLines()"] = (["node", "-e", code, node_package, requests], env, None)
        # The same file fed in 256 KiB pieces through one reused Buffer, cut
        # at line ends and numbered with firstLine (what the CLI's reader
        # does), the decisions written to /dev/null as they come.
        code = ("const sp=require(process.argv[1]);const fs=require('fs');"
                "const fd=fs.openSync(process.argv[2],'r');const out=fs.openSync('/dev/null','w');"
                "const buf=Buffer.allocUnsafe(256<<10);let kept=0,line=1;"
                "for(;;){const got=fs.readSync(fd,buf,kept,buf.length-kept,null);const end=kept+got;"
                "let cut=got===0?end:buf.lastIndexOf(10,end-1)+1;"
                "if(cut===0){if(end===buf.length)throw new Error('line over 256 KiB');cut=end;}"
                "if(cut>0){const piece=buf.subarray(0,cut);fs.writeSync(out,sp.auditLines(piece,{firstLine:line}));"
                "for(let i=piece.indexOf(10);i>=0;i=piece.indexOf(10,i+1))line++;}"
                "if(got===0)break;buf.copy(buf,0,cut,end);kept=end-cut;}")
        commands["Node auditLines(), 256 KiB pieces"] = (
            ["node", "-e", code, node_package, requests], env, None)

    samples = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, (argv, env, stdin_path) in commands.items():
            # The CLI and the C example exit 1 when a line is denied; an
            # interpreter's 1 is an uncaught exception, not a result.
            ok = (0, 1) if env is None else (0,)
            samples[name].append(cpu_of(argv, env, stdin_path, ok))
    print("| binding | CPU ns/line | lines per CPU-second |")
    print("|---|---:|---:|")
    for name, cpus in samples.items():
        cpu = audit_floor.median(cpus)
        print("| %s | %.0f | %.2f M |" % (name, cpu * 1e9 / lines, lines / cpu / 1e6))
    print()
    print("Medians of %d interleaved runs, %d lines (%s), load average %.1f on %d cores."
          % (args.runs, lines, os.path.basename(requests), os.getloadavg()[0], os.cpu_count()))


if __name__ == "__main__":
    main()
