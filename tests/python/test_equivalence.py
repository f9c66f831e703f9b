"""The same generated stream through every way in: the CLI (the C++ API,
one thread and two), the C API (examples/c/c_audit.c), the Python module
(audit() and evaluate()) and the Dask example. Decisions must be
byte-identical, and so must the summaries.

The stream is the repository's campaign generator's output, the hostile
lines, and, when Node and the shared peers' generator are there
(SENDPOLICY_GEN_JS or ../shared/bench-peers/gen.js), `node gen.js 20000 7`.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import sendpolicy

from support import C_AUDIT, CAMPAIGN_POLICY, HOSTILE, cli_audit, read, src

try:
    import distributed  # noqa: F401
    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False


def gen_js():
    candidates = [os.environ.get("SENDPOLICY_GEN_JS", ""),
                  src("..", "shared", "bench-peers", "gen.js"),
                  "/work/shared/bench-peers/gen.js"]
    for path in candidates:
        if path and os.path.exists(path) and shutil.which("node"):
            return path
    return None


class EquivalenceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "stream.jsonl")
        campaign = subprocess.run([sys.executable, src("examples", "data", "generate_campaign.py")],
                                  stdout=subprocess.PIPE, check=True).stdout
        stream = campaign + HOSTILE + b"\n"
        js = gen_js()
        cls.used_gen_js = js is not None
        if js:
            stream += subprocess.run(["node", js, "20000", "7"], stdout=subprocess.PIPE,
                                     check=True).stdout
        with open(cls.path, "wb") as f:
            f.write(stream)
        cls.summary_file = os.path.join(cls.tmp.name, "cli-summary.txt")
        cls.want = cli_audit(cls.path, policy=CAMPAIGN_POLICY, summary_file=cls.summary_file)
        cls.want_summary = read(cls.summary_file, "r")
        cls.policy = sendpolicy.Policy.from_json(read(CAMPAIGN_POLICY, "r"))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_stream_is_big_enough(self):
        self.assertGreater(self.want.count(b"\n"), 2000)

    def test_cli_threads(self):
        self.assertEqual(cli_audit(self.path, policy=CAMPAIGN_POLICY, threads=2), self.want)

    def test_c_api(self):
        summary = os.path.join(self.tmp.name, "c-summary.txt")
        with open(self.path, "rb") as f:
            got = subprocess.run([C_AUDIT, "--policy", CAMPAIGN_POLICY, "--summary-file", summary,
                                  "--source", self.path], stdin=f, stdout=subprocess.PIPE,
                                 check=True).stdout
        self.assertEqual(got, self.want)
        self.assertEqual(read(summary, "r"), self.want_summary)

    def test_python_audit(self):
        summary = sendpolicy.Summary()
        with open(self.path, "rb") as f:
            got = b"".join(sendpolicy.audit(self.policy, f, summary=summary))
        self.assertEqual(got, self.want)
        self.assertEqual(summary.format(self.path), self.want_summary)

    def test_python_evaluate(self):
        # evaluate() answers one request; the CLI adds "line N: " to the
        # messages of unreadable lines, so those are compared by audit().
        want = self.want.split(b"\n")
        compared = 0
        with open(self.path, "rb") as f:
            for line, expected in zip(f, want):
                if b'"message":"line ' in expected:
                    continue
                self.assertEqual(sendpolicy.evaluate(self.policy, line).json.encode(), expected)
                compared += 1
        self.assertGreater(compared, 1900)

    @unittest.skipUnless(HAVE_DASK, "python3-distributed is not installed")
    def test_dask(self):
        out_dir = os.path.join(self.tmp.name, "dask")
        summary = os.path.join(self.tmp.name, "dask-summary.txt")
        subprocess.run([sys.executable, src("examples", "dask_audit.py"), self.path,
                        "--out-dir", out_dir, "--policy", CAMPAIGN_POLICY, "--workers", "2",
                        "--summary-file", summary], check=True)
        parts = sorted(glob.glob(os.path.join(out_dir, "part-*.jsonl")))
        self.assertGreater(len(parts), 1)
        self.assertEqual(b"".join(read(p) for p in parts), self.want)
        self.assertEqual(read(summary, "r"), self.want_summary)


if __name__ == "__main__":
    unittest.main(verbosity=2)
