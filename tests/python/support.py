"""Shared by the Python tests: where the build put things, and the CLI.

ctest sets SENDPOLICY_SOURCE_DIR, SENDPOLICY_CLI, SENDPOLICY_C_AUDIT and
PYTHONPATH (the build tree's python/ directory) for every test here.
"""
import os
import subprocess

SOURCE_DIR = os.environ.get("SENDPOLICY_SOURCE_DIR",
                            os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("SENDPOLICY_CLI", "")
C_AUDIT = os.environ.get("SENDPOLICY_C_AUDIT", "")
CAMPAIGN = os.path.join(SOURCE_DIR, "examples", "data", "campaign.jsonl")
CAMPAIGN_POLICY = os.path.join(SOURCE_DIR, "examples", "data", "campaign-policy.json")


def src(*parts):
    return os.path.join(SOURCE_DIR, *parts)


def cli_audit(path, policy=None, summary_file=None, threads=1):
    """What `sendpolicy audit` writes for `path` (bytes)."""
    args = [CLI]
    if policy:
        args += ["--policy", policy]
    args += ["audit", "--no-progress", "--threads", str(threads)]
    if summary_file:
        args += ["--summary-file", summary_file]
    args.append(path)
    return subprocess.run(args, stdout=subprocess.PIPE, check=True).stdout


def read(path, mode="rb"):
    with open(path, mode) as f:
        return f.read()


# Lines no sender should send, as tests/cli's malformed case has them, plus
# a few more; every binding must answer each with the CLI's bytes.
OK_LINE = (b'{"id":"ok","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},'
           b'"window":{"last_inbound_at":"2026-03-02T11:00:00Z"},"message":{"kind":"free_form"}}')
HOSTILE_LINES = [
    OK_LINE,
    OK_LINE + b"\r",
    b'{"id":"t1","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+39',
    b'{"id":"t3","now":"2026-03-02T12:00:00Z","recipient":{"phone":393471234567},'
    b'"message":{"kind":"free_form"}}',
    b"",
    b"   \t",
    b'{"id":"t7","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},'
    b'"history":[{"at":"2026-03-02T11:00:00Z","text":"\xff\xfe"}],"message":{"kind":"free_form"}}',
    b'{"id":"huge","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},'
    b'"message":{"kind":"free_form","purpose":"' + b"x" * (3 << 20) + b'"}}',
    b'{"id":"t9","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},'
    b'"message":{"kind":"free_form"}} {"id":"x"}',
    b'["not","an","object"]',
    b'{"id":"caf\xc3\xa9 \xe2\x98\x95","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},'
    b'"message":{"kind":"free_form"}}',
    b"\x00\x01garbage",
    b"[" * 50000 + b"]" * 50000,
    OK_LINE,  # the last line, without '\n'
]
HOSTILE = b"\n".join(HOSTILE_LINES)
