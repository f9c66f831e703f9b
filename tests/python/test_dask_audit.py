"""examples/dask_audit.py on a LocalCluster with 2 workers: the parts,
concatenated, are the CLI's decisions and the summary is the CLI's."""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from support import CAMPAIGN, CAMPAIGN_POLICY, HOSTILE, cli_audit, read, src

try:
    import distributed  # noqa: F401  (python3-distributed)
    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False

sys.path.insert(0, src("examples"))
import dask_audit  # noqa: E402


class PartitionTest(unittest.TestCase):
    """The split into byte ranges, without a cluster: every line lands in
    exactly one partition, whatever the cut points."""

    def test_every_line_once(self):
        data = b'{"a":1}\n\n{"b":2}\r\nlast'
        with tempfile.NamedTemporaryFile() as f:
            f.write(data)
            f.flush()
            for parts in range(1, len(data) + 2):
                with self.subTest(parts=parts):
                    ranges = dask_audit._partitions(len(data), parts)
                    lines = [line for s, e in ranges for line in dask_audit._lines(f.name, s, e)]
                    self.assertEqual(b"".join(lines), data)
                    self.assertEqual([dask_audit.count_lines(f.name, s, e) for s, e in ranges],
                                     [len(list(dask_audit._lines(f.name, s, e))) for s, e in ranges])

    def test_trailing_newline_is_not_a_line(self):
        with tempfile.NamedTemporaryFile() as f:
            f.write(b"a\nb\n")
            f.flush()
            self.assertEqual(dask_audit.count_lines(f.name, 0, 4), 2)
            self.assertEqual(dask_audit._partitions(0, 3), [])


# A python3 on PATH that is not Debian's (pyenv, a venv), as users have.
OTHER_PYTHON = shutil.which("python3")
if OTHER_PYTHON and os.path.realpath(OTHER_PYTHON) == os.path.realpath("/usr/bin/python3"):
    OTHER_PYTHON = None


@unittest.skipUnless(HAVE_DASK, "python3-distributed is not installed")
class DaskAuditTest(unittest.TestCase):
    def run_example(self, input_path, tmp, *extra):
        out_dir = os.path.join(tmp, "out")
        summary = os.path.join(tmp, "dask-summary.txt")
        subprocess.run([sys.executable, src("examples", "dask_audit.py"), input_path,
                        "--out-dir", out_dir, "--workers", "2", "--summary-file", summary] +
                       list(extra), check=True)
        parts = sorted(glob.glob(os.path.join(out_dir, "part-*.jsonl")))
        return b"".join(read(p) for p in parts), read(summary, "r"), len(parts)

    def test_campaign_with_policy_equals_cli(self):
        with tempfile.TemporaryDirectory() as tmp:
            # the campaign twice plus the hostile lines: 4,000-odd lines, 7 partitions
            path = os.path.join(tmp, "campaign.jsonl")
            with open(path, "wb") as f:
                f.write(read(CAMPAIGN) + read(CAMPAIGN) + HOSTILE)
            cli_summary = os.path.join(tmp, "cli-summary.txt")
            want = cli_audit(path, policy=CAMPAIGN_POLICY, summary_file=cli_summary)
            got, summary, parts = self.run_example(path, tmp, "--policy", CAMPAIGN_POLICY,
                                                   "--partitions", "7")
            self.assertEqual(parts, 7)
            self.assertEqual(got, want)
            self.assertEqual(summary, read(cli_summary, "r"))

    def test_a_rerun_with_fewer_partitions_leaves_no_stale_parts(self):
        with tempfile.TemporaryDirectory() as tmp:
            want = cli_audit(CAMPAIGN)
            _, _, parts = self.run_example(CAMPAIGN, tmp, "--partitions", "5")
            self.assertEqual(parts, 5)
            got, _, parts = self.run_example(CAMPAIGN, tmp, "--partitions", "2")
            self.assertEqual(parts, 2)
            self.assertEqual(got, want)

    @unittest.skipIf(OTHER_PYTHON is None, "no python3 other than Debian's on PATH")
    def test_runs_under_another_python3_first_on_path(self):
        with tempfile.TemporaryDirectory() as tmp:
            out_dir = os.path.join(tmp, "out")
            env = dict(os.environ)
            env.pop("SENDPOLICY_REEXEC", None)
            subprocess.run([OTHER_PYTHON, src("examples", "dask_audit.py"), CAMPAIGN,
                            "--out-dir", out_dir, "--workers", "1", "--partitions", "2"],
                           check=True, env=env)
            parts = sorted(glob.glob(os.path.join(out_dir, "part-*.jsonl")))
            self.assertEqual(b"".join(read(p) for p in parts), cli_audit(CAMPAIGN))


if __name__ == "__main__":
    unittest.main(verbosity=2)
