#!/usr/bin/env python3
"""Audits a JSON Lines campaign on a Dask distributed cluster.

The file is cut into byte ranges; each partition audits the lines that start
in its range with the `sendpolicy` Python module and writes its decisions,
in input order, to OUT_DIR/part-NNNNN.jsonl. Concatenated, the parts are
byte for byte what `sendpolicy audit` writes for the same file and policy,
and the summary is the table `sendpolicy audit --summary` prints:

    # a local cluster of 2 worker processes
    python3 examples/dask_audit.py campaign.jsonl --out-dir decisions/ \\
        --policy examples/data/campaign-policy.json --workers 2 --summary-file summary.txt
    cat decisions/part-*.jsonl > decisions.jsonl

    # a running cluster (`dask scheduler`, `dask worker tcp://...` on each node)
    python3 examples/dask_audit.py /shared/campaign.jsonl --out-dir /shared/decisions \\
        --scheduler tcp://scheduler.example:8786

Line numbers in the messages for unreadable lines ("line 7: ...") are the
file's, as the CLI gives them: a first, cheap pass counts the lines of each
partition, and each partition is then audited knowing where it starts.

On a real cluster the workers open INPUT and write OUT_DIR themselves, so
both must be on storage every worker sees (NFS, a shared volume), and
`import sendpolicy` must work on every worker (docs/bindings.md).
"""
import argparse
import glob
import os
import sys

DEBIAN_PYTHON = "/usr/bin/python3"



def _rerun_under_debian_python():
    """`python3` may be another interpreter first on PATH (pyenv, a venv)
    without the module (built for Debian's python3) or Dask (python3-dask):
    run this script again under Debian's, once; else let the ImportError be."""
    if (__name__ == "__main__" and os.path.exists(DEBIAN_PYTHON) and
            os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) and
            not os.environ.get("SENDPOLICY_REEXEC")):
        os.environ["SENDPOLICY_REEXEC"] = "1"
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)


try:
    import sendpolicy
except ImportError:
    _rerun_under_debian_python()
    raise

READ_BYTES = 16 << 20


def _partitions(size, count):
    """[(start, end)] byte ranges covering [0, size), at most `count` of them."""
    if size == 0:
        return []
    step = max(1, -(-size // max(1, count)))
    return [(start, min(start + step, size)) for start in range(0, size, step)]


def count_lines(path, start, end):
    """The number of lines that start in [start, end): position 0, and each
    position after a '\\n' that is not the end of the file."""
    size = os.path.getsize(path)
    count = 1 if start == 0 and size > 0 else 0
    # Lines start at p in [max(start, 1), end) with data[p - 1] == '\n'.
    pos = max(start, 1) - 1
    stop = end - 1
    with open(path, "rb") as f:
        f.seek(pos)
        while pos < stop:
            chunk = f.read(min(READ_BYTES, stop - pos))
            if not chunk:
                break
            count += chunk.count(b"\n")
            pos += len(chunk)
    return count


def _lines(path, start, end):
    """The lines (bytes, with their '\\n') that start in [start, end)."""
    with open(path, "rb") as f:
        pos = start
        if start > 0:
            f.seek(start - 1)
            if f.read(1) != b"\n":  # mid-line: that line is the previous partition's
                pos += len(f.readline())
        while pos < end:
            line = f.readline()
            if not line:
                return
            pos += len(line)
            yield line


def audit_partition(path, start, end, first_line, policy_json, out_path):
    """Audits one partition into out_path; returns its sendpolicy.Summary."""
    policy = (sendpolicy.Policy.from_json(policy_json) if policy_json is not None
              else sendpolicy.Policy.whatsapp())
    summary = sendpolicy.Summary()
    tmp = out_path + ".tmp"
    with open(tmp, "wb") as out:
        out.writelines(sendpolicy.audit(policy, _lines(path, start, end), first_line=first_line,
                                        summary=summary))
    os.replace(tmp, out_path)  # a retried task never leaves half a part
    return summary


def run(client, path, out_dir, policy_json, partitions):
    """Audits `path` on `client`'s cluster; returns the merged Summary."""
    os.makedirs(out_dir, exist_ok=True)
    ranges = _partitions(os.path.getsize(path), partitions)
    counts = client.gather(client.map(count_lines, [path] * len(ranges),
                                      [s for s, _ in ranges], [e for _, e in ranges]))
    first_lines, next_line = [], 1
    for n in counts:
        first_lines.append(next_line)
        next_line += n
    outs = [os.path.join(out_dir, "part-%05d.jsonl" % i) for i in range(len(ranges))]
    # Parts of an earlier run with more partitions would be concatenated too.
    os.makedirs(out_dir, exist_ok=True)
    for stale in set(glob.glob(os.path.join(out_dir, "part-*.jsonl"))) - set(outs):
        os.remove(stale)
    futures = client.map(audit_partition, [path] * len(ranges), [s for s, _ in ranges],
                         [e for _, e in ranges], first_lines, [policy_json] * len(ranges), outs,
                         pure=False)
    total = sendpolicy.Summary()
    for summary in client.gather(futures):
        total.merge(summary)
    if total.requests != next_line - 1:
        raise RuntimeError("audited %d lines, counted %d" % (total.requests, next_line - 1))
    return total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input", help="JSON Lines file of wire-format requests")
    parser.add_argument("--out-dir", required=True, help="where part-NNNNN.jsonl are written")
    parser.add_argument("--policy", help="policy file (docs/cli.md); default: WhatsApp defaults")
    parser.add_argument("--scheduler", help="address of a running scheduler (tcp://host:8786)")
    parser.add_argument("--workers", type=int, default=2,
                        help="worker processes of the local cluster when no --scheduler (2)")
    parser.add_argument("--partitions", type=int, default=0,
                        help="number of partitions (default: 4 per worker thread)")
    parser.add_argument("--summary-file", help="write the summary here (default: stderr)")
    parser.add_argument("--source", help="name of the input in the summary (default: INPUT)")
    args = parser.parse_args(argv)

    try:  # here: --help works without Dask
        from dask.distributed import Client, LocalCluster
    except ImportError:
        _rerun_under_debian_python()
        raise

    policy_json = None
    if args.policy:
        with open(args.policy, encoding="utf-8") as f:
            policy_json = f.read()
        sendpolicy.Policy.from_json(policy_json)  # a bad file fails here, not on every worker
    if args.scheduler:
        cluster = None
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        threads = sum(client.nthreads().values()) or 1
        summary = run(client, args.input, args.out_dir, policy_json,
                      args.partitions or 4 * threads)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    text = summary.format(args.source or args.input)
    if args.summary_file:
        with open(args.summary_file, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stderr.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
