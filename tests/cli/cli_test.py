#!/usr/bin/env python3
"""Tests of the `sendpolicy` command line, run by ctest (one case per test).

    cli_test.py --cli PATH --source-dir DIR CASE
    cli_test.py --cli PATH --source-dir DIR --update   # rewrite golden files

Golden files live in tests/cli/golden/. After an intended change of output,
regenerate them with --update (or `cmake --build build/dev --target
update_cli_golden`), review the diff, and commit it.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ARGS = None


def run(args, stdin=None, expect_rc=None):
    proc = subprocess.run([ARGS.cli] + args, input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, cwd=ARGS.source_dir)
    if expect_rc is not None and proc.returncode != expect_rc:
        fail("%s: exit %d, expected %d\nstderr: %s" % (
            " ".join(args), proc.returncode, expect_rc, proc.stderr.decode(errors="replace")))
    return proc


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def src(*parts):
    return os.path.join(ARGS.source_dir, *parts)


def golden(name, actual):
    path = src("tests", "cli", "golden", name)
    if ARGS.update:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(actual)
        return
    with open(path, "rb") as f:
        expected = f.read()
    if expected != actual:
        a, e = actual.decode(errors="replace").splitlines(), expected.decode(errors="replace").splitlines()
        for i, (x, y) in enumerate(zip(a, e)):
            if x != y:
                fail("%s differs at line %d:\n  got:  %s\n  want: %s\n(rerun with --update if intended)"
                     % (name, i + 1, x[:400], y[:400]))
        fail("%s differs in length: %d lines, want %d" % (name, len(a), len(e)))


def decisions(data):
    lines = data.decode("utf-8").split("\n")
    assert lines[-1] == "", "output must end with a newline"
    return [json.loads(line) for line in lines[:-1]]


CAMPAIGN = ["--policy", "examples/data/campaign-policy.json", "audit", "--no-progress",
            "examples/data/campaign.jsonl"]


def case_golden_check():
    cases = sorted(os.listdir(src("tests", "cli", "cases")))
    for name in cases:
        stem = name.rsplit(".", 1)[0]
        rc = {"allow": 0, "deny": 1, "defer": 1, "invalid": 2}[stem.split("_")[0]]
        path = os.path.join("tests", "cli", "cases", name)
        out = run(["check", path], expect_rc=rc).stdout
        golden("check/%s.json" % stem, out)
        assert len(decisions(out)) == 1
        text = run(["check", "--format", "text", path], expect_rc=rc).stdout
        golden("check/%s.txt" % stem, text)
        with open(src(path), "rb") as f:
            same = run(["check", "-"], stdin=f.read(), expect_rc=rc).stdout
        if same != out:
            fail("check - (stdin) differs from check FILE for " + name)


def case_golden_audit():
    with tempfile.TemporaryDirectory() as tmp:
        summary = os.path.join(tmp, "summary.txt")
        out = run(CAMPAIGN + ["--summary-file", summary], expect_rc=0).stdout
        golden("campaign.decisions.jsonl", out)
        with open(summary, "rb") as f:
            golden("campaign.summary.txt", f.read())
    with open(src("examples", "data", "campaign.jsonl"), "rb") as f:
        inputs = f.read().split(b"\n")[:-1]
    got = decisions(out)
    if len(got) != len(inputs):
        fail("audit wrote %d decisions for %d lines" % (len(got), len(inputs)))
    for line, d in zip(inputs, got):  # ids echo in input order
        try:
            want = json.loads(line).get("id")
        except ValueError:
            continue
        if d["id"] != want:
            fail("decision for %s carries id %s" % (want, d["id"]))


# A call from a business number in a country without business-initiated
# calling: one policy is one sending number, so the campaign (an Italian
# number) cannot produce calling_not_available; this line and policy do.
US_NUMBER_POLICY = b'{"business_country": "US"}'
US_NUMBER_CALL = (b'{"id":"call-from-us","now":"2026-03-02T10:00:00Z",'
                  b'"recipient":{"phone":"+393475550001","call_permission":{"status":"granted",'
                  b'"granted_at":"2026-03-01T09:00:00Z"}},"message":{"kind":"call"}}\n')


def case_reason_coverage():
    out = run(CAMPAIGN, expect_rc=0).stdout
    seen = {r["code"] for d in decisions(out) for r in d["reasons"]}
    with tempfile.TemporaryDirectory() as tmp:
        policy = os.path.join(tmp, "us-number.json")
        with open(policy, "wb") as f:
            f.write(US_NUMBER_POLICY)
        us = decisions(run(["--policy", policy, "audit", "--no-progress", "-"],
                           stdin=US_NUMBER_CALL, expect_rc=0).stdout)
    if [r["code"] for r in us[0]["reasons"]] != ["calling_not_available"]:
        fail("a call from a US business number: %r" % us[0])
    seen |= {r["code"] for d in us for r in d["reasons"]}
    listed = run(["explain"], expect_rc=0).stdout.decode()
    catalogue = [l.strip() for l in listed.split("Warning codes")[0].splitlines()[1:]
                 if l.startswith("  ") and not l.startswith("      ")]
    missing = [c for c in catalogue if c not in seen]
    if missing:
        fail("the bundled campaign produces no " + ", ".join(missing))
    if not seen >= {"invalid_request"} or len(catalogue) < 19:
        fail("catalogue listing looks wrong: %r" % catalogue)


def case_threads():
    with open(src("examples", "data", "campaign.jsonl"), "rb") as f:
        data = f.read() * 6  # 12,000 lines: several batches
    one = run(["--policy", "examples/data/campaign-policy.json", "audit", "--threads", "1", "-"],
              stdin=data, expect_rc=0).stdout
    for threads in ("2", "3"):
        many = run(["--policy", "examples/data/campaign-policy.json", "audit", "--threads",
                    threads, "-"], stdin=data, expect_rc=0).stdout
        if many != one:
            fail("--threads %s output differs from --threads 1" % threads)
    if one.count(b"\n") != data.count(b"\n"):
        fail("line count changed")


HUGE = b'{"id":"huge","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"message":{"kind":"free_form","purpose":"' + b"x" * (3 << 20) + b'"}}'

OK_LINE = b'{"id":"ok","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"window":{"last_inbound_at":"2026-03-02T11:00:00Z"},"message":{"kind":"free_form"}}'

# (line bytes, expected verdict, substring of the first reason's message)
MALFORMED = [
    (OK_LINE, "allow", None),
    (OK_LINE + b"\r", "allow", None),  # CRLF
    (b'{"id":"t1","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+39', "deny", "line 3: malformed JSON"),
    (b'{"id":"t2","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"}', "deny", "line 4:"),
    (b'{"id":"t3","now":"2026-03-02T12:00:00Z","recipient":{"phone":393471234567},"message":{"kind":"free_form"}}', "deny", "recipient.phone: expected a string"),
    (b'{"id":"t4","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567","sent":{"marketing_24h":"2"}},"message":{"kind":"free_form"}}', "deny", "recipient.sent.marketing_24h: expected an integer"),
    (b'{"id":"t5","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"message":{"kind":"letter"}}', "deny", "message.kind: unknown value 'letter'"),
    (b'{"id":"t6","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"message":{"kind":"free_form"},"priority":1}', "deny", "priority: unknown field"),
    (b"", "deny", "line 9: is empty"),
    (b"   \t", "deny", "line 10: is empty"),
    (b'{"id":"t7","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"history":[{"at":"2026-03-02T11:00:00Z","text":"\xff\xfe"}],"message":{"kind":"free_form"}}', "deny", "not valid UTF-8"),
    (HUGE, "deny", "line 12: is longer than 1048576 bytes"),
    (b'{"id":"t8","now":"2026-03-02T12:00:00Z","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"message":{"kind":"free_form"}}', "deny", "now: duplicate field"),
    (b'{"id":"t9","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"message":{"kind":"free_form"}} {"id":"x"}', "deny", "unexpected content after the JSON object"),
    (b'["not","an","object"]', "deny", "expected a JSON object"),
    (b'{"id":"t10","now":null,"recipient":{"phone":"+393471234567"},"message":{"kind":"free_form"}}', "deny", "now: is required"),
    (b'{"id":"t11","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"history":[{"at":"2026-03-02T11:00:00Z","direction":"sideways"}],"message":{"kind":"free_form"}}', "deny", "history[0].direction: unknown value"),
    (b'{"id":"t12","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567","time_zone":"Mars/Olympus"},"message":{"kind":"free_form"}}', "deny", "recipient.time_zone: unknown IANA time zone"),
    (b'{"id":"t13","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"consent":{"phone":"+393471234567","granted_at":"2026-01-01T00:00:00Z","purposes":["a",7]},"message":{"kind":"free_form"}}', "deny", "consent.purposes[1]: expected a string"),
    (b'{"id":"t14","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"consent":null,"window":null,"history":null,"message":{"kind":"free_form","category":null,"tag":null,"template":null}}', "deny", "free-form messages need an open customer service window"),
    (b'\x00\x01garbage', "deny", "line 21:"),
    (OK_LINE, "allow", None),  # last line without '\n'
]


def case_malformed():
    data = b"\n".join(line for line, _, _ in MALFORMED)  # no newline at the end
    proc = run(["audit", "--no-progress", "-"], stdin=data, expect_rc=0)
    got = decisions(proc.stdout)
    if len(got) != len(MALFORMED):
        fail("%d decisions for %d lines" % (len(got), len(MALFORMED)))
    for i, ((line, verdict, message), d) in enumerate(zip(MALFORMED, got), start=1):
        if d["verdict"] != verdict:
            fail("line %d: verdict %s, want %s: %s" % (i, d["verdict"], verdict, d))
        if message is not None and message not in d["reasons"][0]["message"]:
            fail("line %d: message %r lacks %r" % (i, d["reasons"][0]["message"], message))
    # Every line of a small --max-line-bytes run is still answered.
    proc = run(["audit", "--max-line-bytes", "64", "-"], stdin=data, expect_rc=0)
    if len(decisions(proc.stdout)) != len(MALFORMED):
        fail("--max-line-bytes 64 lost lines")
    # --threads hands workers whole blocks of lines (LineReader::next_block)
    # and they split them: the same bytes as one thread, for CRLF, empty,
    # too-long and unterminated lines, in small inputs and in ones of many
    # blocks (1,000 copies of the short lines, ~2.3 MB: blocks end mid-line
    # and are carried over), and in runs of empty lines, where a block ends
    # at LineReader::kMaxBlockLines (4,096) lines instead.
    short = b"\n".join(line for line, _, _ in MALFORMED if len(line) < 4096)
    big = b"\n".join([short] * 1000)
    empties = (b"\n" * 5000 + OK_LINE + b"\n") * 3
    for text in (data, big, empties):
        for limit in ("0", "64", "300"):
            args = ["audit", "--no-progress", "--max-line-bytes", limit]
            one = run(args + ["--threads", "1", "-"], stdin=text, expect_rc=0).stdout
            for threads in ("2", "3"):
                many = run(args + ["--threads", threads, "-"], stdin=text, expect_rc=0).stdout
                if many != one:
                    fail("--threads %s --max-line-bytes %s differs from one thread (%d bytes in)"
                         % (threads, limit, len(text)))
    # Each worker keeps an input buffer that the reader reads its block into
    # (LineReader::take_block) and the reader goes on in another: lines
    # longer than a batch (256 KiB) but within the limit make the reader
    # grow its buffer, and those buffers change hands too.
    long_line = b'{"id":"' + b"x" * (1536 * 1024) + b'"}'
    mixed = b"\n".join([short, long_line, short, long_line + b"\r", short] * 3) + b"\n"
    args = ["audit", "--no-progress", "--max-line-bytes", str(4 << 20)]
    one = run(args + ["--threads", "1", "-"], stdin=mixed, expect_rc=0).stdout
    for threads in ("2", "3"):
        many = run(args + ["--threads", threads, "-"], stdin=mixed, expect_rc=0).stdout
        if many != one:
            fail("--threads %s differs from one thread on lines longer than a batch" % threads)
    if len(decisions(one)) != mixed.count(b"\n"):
        fail("lines longer than a batch: %d decisions for %d lines"
             % (len(decisions(one)), mixed.count(b"\n")))


def case_exit_codes():
    run(["check", "tests/cli/cases/allow_utility_in_window.json"], expect_rc=0)
    run(["check", "tests/cli/cases/deny_outside_window.json"], expect_rc=1)
    run(["check", "tests/cli/cases/invalid_truncated.json"], expect_rc=2)
    run(["check", "does/not/exist.json"], expect_rc=2)
    run(["check", "--format", "yaml", "tests/cli/cases/allow_utility_in_window.json"], expect_rc=2)
    run(["audit", "does/not/exist.jsonl"], expect_rc=2)
    run(["audit", "--threads", "-1", "-"], stdin=b"", expect_rc=2)
    run(["--no-such-flag"], expect_rc=2)
    run([], expect_rc=2)
    run(["--help"], expect_rc=0)
    run(["explain", "outside_service_window"], expect_rc=0)
    run(["explain", "no_such_code"], expect_rc=2)
    # An empty input is an empty output, not an error.
    if run(["audit", "-"], stdin=b"", expect_rc=0).stdout != b"":
        fail("audit of empty input printed something")


def case_policy():
    dump = run(["--policy", "examples/data/campaign-policy.json", "--policy-dump"],
               expect_rc=0).stdout
    golden("campaign-policy.dump.json", dump)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "p.json")
        with open(path, "wb") as f:
            f.write(dump)
        again = run(["--policy", path, "--policy-dump"], expect_rc=0).stdout
        if again != dump:
            fail("--policy-dump output read back is not the same policy")
        # A byte order mark before the object is not an error (issue 20).
        with open(path, "wb") as f:
            f.write(b"\xef\xbb\xbf" + dump)
        if run(["--policy", path, "--policy-dump"], expect_rc=0).stdout != dump:
            fail("a policy file with a BOM does not read as the same policy")
        # Loosening knobs are listed by the dump (docs/cli.md, Policy knobs).
        with open(path, "wb") as f:
            f.write(b'{"honour_marketing_opt_out":false,"packs":{"unbind":["eu_gdpr"]}}')
        loose = run(["--policy", path, "--policy-dump"], expect_rc=0).stdout
        for needle in [b'"honour_marketing_opt_out (marketing_opt_out_not_honoured)"',
                       b'"packs: eu_gdpr not bound for EEA (default_pack_unbound)"']:
            if needle not in loose:
                fail("--policy-dump of a loosening policy lacks %r" % needle)
        for text, needle in [
            (b'{"max_consent_age":"2y"}', b"max_consent_age: is not a duration"),
            (b'{"marketing_cap":2}', b"marketing_cap: unknown field"),
            (b'{"packs":["whatsapp"]}', b"packs: expected an object"),
            (b'{"packs":{"bind":{"US-CT":["us.tcpa.bogus"]}}}', b"packs.bind.US-CT[0]: unknown pack"),
            (b'{"packs":{"unbind":["whatsapp"]}}', b"packs.unbind[0]: 'whatsapp' is the platform pack"),
            (b'{"packs":{"bindings":{"usa":["us_tcpa"]}}}', b"packs.bindings.usa: is not a destination"),
            (b'{"packs":{"widen":{"channels":["fax"]}}}', b"packs.widen.channels[0]: unknown value 'fax'"),
            (b'{"packs":{"rebind":{}}}', b"packs.rebind: unknown field"),
            (b'{"version":2}', b"version: must be 1"),
            (b'{"require_double_opt_in":"yes"}', b"require_double_opt_in: expected true or false"),
            (b'{"window_openers":{"reactions":true,"reactions":false}}', b"window_openers.reactions: duplicate field"),
            # Issue 20: beyond a platform's limit is exit 2 with the key and the limit.
            (b'{"service_window":"30d"}', b"service_window: must be at most 24h"),
            (b'{"human_agent_window":"30d"}', b"human_agent_window: must be at most 7d"),
            (b'{"sendable_statuses":["approved","disabled"]}', b"sendable_statuses: 'disabled' cannot be sendable"),
            (b'{"us_marketing_pause_from":"2100-01-01T00:00:00Z"}', b"us_marketing_pause_from: must be at or before 2025-04-01T00:00:00Z"),
            (b'{"max_consent_age":"12000000d"}', b"max_consent_age: must be at most 36500d"),
            (b'{"packs":{"bind":{"UK":["us_fl"]}}}', b"packs.bind.UK: is not a destination"),
            (b'{\n  "service_window": "12h"\n  "x": 1}', b"line 3, column 3: malformed JSON: expected ',' or '}'"),
            (b'{"honour_marketing_opt_out":false,"loosened":[]}', b"loosened: does not match the policy"),
        ]:
            with open(path, "wb") as f:
                f.write(text)
            proc = run(["--policy", path, "--policy-dump"], expect_rc=2)
            if needle not in proc.stderr:
                fail("policy %r: stderr %r lacks %r" % (text, proc.stderr, needle))


def case_regenerate_campaign():
    proc = subprocess.run([sys.executable, src("examples", "data", "generate_campaign.py")],
                          stdout=subprocess.PIPE, check=True)
    with open(src("examples", "data", "campaign.jsonl"), "rb") as f:
        if f.read() != proc.stdout:
            fail("examples/data/campaign.jsonl is not what generate_campaign.py produces")
    if len(proc.stdout) >= 2 << 20:
        fail("campaign.jsonl grew past 2 MiB")


def case_explain():
    for code in ["invalid_request", "outside_service_window", "window_closing_soon"]:
        out = run(["explain", code], expect_rc=0).stdout.decode()
        if code not in out or "source:" not in out:
            fail("explain %s: %s" % (code, out))
    golden("explain.txt", run(["explain"], expect_rc=0).stdout)
    # Since when: the rule calendar's rows that decide a code, with their dates.
    for code, want in [("tag_not_allowed", "dated:      since 2026-04-27"),
                       ("destination_restricted", "dated:      since 2025-04-01"),
                       ("opt_in_not_informed", "no dated change")]:
        out = run(["explain", code], expect_rc=0).stdout.decode()
        if want not in out:
            fail("explain %s does not say %r:\n%s" % (code, want, out))
    golden("explain_tag_not_allowed.txt", run(["explain", "tag_not_allowed"], expect_rc=0).stdout)


def case_huge_line():
    """A 100 MB line between two good ones: answered in place, memory bounded."""
    import resource
    import tempfile
    good = b'{"id":"ok","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},' \
           b'"window":{"last_inbound_at":"2026-03-02T11:00:00Z"},"message":{"kind":"free_form"}}\n'
    # Written in chunks and read from a file, so this process stays small:
    # a forked child counts its parent's pages until it execs.
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as f:
        f.write(good)
        f.write(b'{"id":"huge","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},'
                b'"message":{"kind":"free_form","purpose":"')
        chunk = b"x" * (1 << 20)
        for _ in range(100):
            f.write(chunk)
        f.write(b'"}}\n')
        f.write(good)
        f.flush()
        proc = run(["audit", "--no-progress", f.name], expect_rc=0)
    out = decisions(proc.stdout)
    if len(out) != 3 or out[0]["id"] != "ok" or out[2]["id"] != "ok":
        fail("huge line: wrong output %r" % [d["id"] for d in out])
    if out[1]["verdict"] != "deny" or out[1]["reasons"][0]["code"] != "invalid_request":
        fail("huge line: not denied as invalid_request: %r" % out[1])
    if "line 2" not in out[1]["reasons"][0]["message"]:
        fail("huge line: message lacks the line number: %r" % out[1]["reasons"][0]["message"])
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if peak_mb > 64:
        fail("huge line: peak memory %.0f MB; the reader must not buffer the line" % peak_mb)


def case_webhook():
    """The issue's acceptance: examples/data/webhooks-day.jsonl (payloads after
    Meta's webhook references, docs/webhooks.md) through `sendpolicy webhook`."""
    proc = run(["webhook", "examples/data/webhooks-day.jsonl"], expect_rc=0)
    items = decisions(proc.stdout)
    kinds = ("history_event", "marketing_opted_out", "call_permission", "call_outcome",
             "delivery_failure", "identity_change")
    for item in items:
        present = [k for k in kinds if k in item]
        if len(present) != 1:
            fail("item must have exactly one kind, has %s: %s" % (present, item))
        if set(item["recipient"]) != {"phone", "user_id"}:
            fail("recipient must have phone and user_id: %s" % item)
    # An inbound STOP from a BSUID-only user, keyed by that user_id.
    stop = [i for i in items if i.get("history_event", {}).get("text") == "STOP"]
    if len(stop) != 1 or stop[0]["recipient"] != {"phone": None, "user_id": "IT.2002"} \
            or stop[0]["history_event"]["direction"] != "inbound" \
            or stop[0]["history_event"]["at"] != "2026-03-02T09:00:00Z":
        fail("BSUID-only STOP: %s" % stop)
    # A user_preferences stop: marketing_opted_out true, with its time.
    opted = [i for i in items if i.get("marketing_opted_out") is True and i["message_id"] is None]
    if len(opted) != 1 or opted[0]["at"] != "2026-03-02T10:00:00Z" \
            or opted[0]["recipient"]["phone"] != "+393471234567":
        fail("user_preferences stop: %s" % opted)
    # 131049: retry later, not an opt-out.
    limit = [i for i in items if i.get("delivery_failure", {}).get("code") == 131049]
    if len(limit) != 1:
        fail("131049: %s" % limit)
    failure = limit[0]["delivery_failure"]
    if failure["meaning"] != "retry_later_not_an_opt_out" or failure["retry_at"] != "2026-03-03T11:00:00Z" \
            or "not an opt-out" not in failure["advice"]:
        fail("131049 meaning: %s" % failure)
    if any(i.get("marketing_opted_out") and i["recipient"] == limit[0]["recipient"] for i in items):
        fail("131049 must not become an opt-out")
    # user_changed_number: an identity change from the old number to the new.
    changes = [i["identity_change"] for i in items if "identity_change" in i]
    if changes != [{"previous": {"phone": "+393470000001", "user_id": None},
                    "current": {"phone": "+393470000002", "user_id": None},
                    "at": "2026-03-02T12:00:00Z"}]:
        fail("user_changed_number: %s" % changes)
    err = proc.stderr.decode()
    for want in ("12 payloads, 13 items", "history_event 5", "delivery_failure 2",
                 "skipped 3", "status:delivered 1", "0 rejected, 0 unreadable"):
        if want not in err:
            fail("summary lacks %r:\n%s" % (want, err))
    # A malformed line is an error naming the input and line; the others go through.
    with open(src("examples", "data", "webhooks-day.jsonl"), "rb") as f:
        lines = f.read().split(b"\n")
    data = lines[0] + b"\n" + b'{"object":"whatsapp_business_account","entry":[' + b"\n" + lines[2] + b"\n"
    proc = run(["webhook", "-"], stdin=data, expect_rc=2)
    if len(decisions(proc.stdout)) != 2:
        fail("lines around a malformed one must still be read: %s" % proc.stdout)
    if "<stdin>:2: malformed JSON" not in proc.stderr.decode():
        fail("malformed line not named: %s" % proc.stderr.decode())
    # A rejected message names its path and exits 1; its neighbours still go through.
    bad = lines[0].replace(b'"timestamp":"1772438400"', b'"timestamp":"soon"')
    proc = run(["webhook", "-"], stdin=bad + b"\n" + lines[2] + b"\n", expect_rc=1)
    if len(decisions(proc.stdout)) != 1 or \
            "<stdin>:1: entry[0].changes[0].value.messages[0].timestamp" not in proc.stderr.decode():
        fail("rejected message: %s %s" % (proc.stdout, proc.stderr.decode()))


# --- Issue 17: output lost without an error, memory, messages ------------

GOOD = (b'{"id":"ok","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},'
        b'"window":{"last_inbound_at":"2026-03-02T11:00:00Z"},"message":{"kind":"free_form"}}\n')


def case_output_is_input():
    """Item 13: -o naming the input is refused before the input is emptied."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "c.jsonl")
        with open(path, "wb") as f:
            f.write(GOOD * 3)
        link = os.path.join(tmp, "link.jsonl")
        os.symlink(path, link)
        for args in (["audit", path, "-o", path], ["audit", path, "-o", link],
                     ["audit", link, "-o", path], ["audit", path, "--summary-file", path]):
            proc = run(args, expect_rc=2)
            if b"is the input" not in proc.stderr and b"the input" not in proc.stderr:
                fail("%s: stderr %r" % (args, proc.stderr))
            with open(path, "rb") as f:
                if f.read() != GOOD * 3:
                    fail("%s destroyed the input" % args)
        # Standard input that is the output file: refused too.
        with open(path, "rb") as f:
            proc = subprocess.run([ARGS.cli, "audit", "-", "-o", path], stdin=f,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode != 2:
            fail("audit - -o INPUT < INPUT: exit %d" % proc.returncode)
        with open(path, "rb") as f:
            if f.read() != GOOD * 3:
                fail("audit - -o INPUT < INPUT destroyed the input")
        # Another file is fine.
        other = os.path.join(tmp, "out.jsonl")
        run(["audit", "--no-progress", path, "-o", other], expect_rc=0)
        with open(other, "rb") as f:
            if len(decisions(f.read())) != 3:
                fail("audit -o OTHER lost decisions")


def case_write_errors():
    """Item 14: every command fails (exit 2) when its output cannot be written."""
    if not os.path.exists("/dev/full"):
        return
    commands = [
        ["check", "tests/cli/cases/allow_utility_in_window.json"],
        ["check", "--format", "text", "tests/cli/cases/deny_outside_window.json"],
        ["explain"],
        ["explain", "outside_service_window"],
        ["--policy-dump"],
        ["test", "tests/testing/scenarios/failing.json"],
        ["audit", "--no-progress", "examples/data/campaign.jsonl"],
        ["audit", "--no-progress", "--threads", "3", "examples/data/campaign.jsonl"],
        ["audit", "--no-progress", "examples/data/campaign.jsonl", "-o", "/dev/full"],
        ["test", "tests/testing/scenarios/failing.json", "-o", "/dev/full"],
    ]
    for args in commands:
        with open("/dev/full", "wb") as full:
            proc = subprocess.run([ARGS.cli] + args, stdout=full, stderr=subprocess.PIPE,
                                  cwd=ARGS.source_dir)
        if proc.returncode != 2:
            fail("%s > /dev/full: exit %d, want 2" % (" ".join(args), proc.returncode))
        if b"cannot write" not in proc.stderr:
            fail("%s > /dev/full: stderr %r does not say so" % (" ".join(args), proc.stderr))


def case_text_escapes():
    """Item 15: ids and messages cannot forge lines or cut the text output."""
    request = {"id": "x\u0000\nverdict: allow\u001b[32m", "now": "2026-03-02T12:00:00Z",
               "recipient": {"phone": "+393471234567", "time_zone": "Europe/Rome"},
               "window": {"last_inbound_at": "2026-03-01T11:00:00Z"},
               "message": {"kind": "free_form"}}
    proc = run(["check", "--format", "text", "-"], stdin=json.dumps(request).encode(), expect_rc=1)
    text = proc.stdout
    lines = text.split(b"\n")
    if lines[0] != b"verdict: deny":
        fail("text output starts %r" % lines[0])
    if any(line.startswith(b"verdict: allow") for line in lines):
        fail("an id forged a verdict line: %r" % text)
    if b"\x00" in text or b"\x1b" in text:
        fail("raw control characters in text output: %r" % text)
    if b"request: x\\x00\\nverdict: allow\\x1B[32m" not in text:
        fail("id not shown escaped: %r" % text)
    # The same for an invalid request's message quoting user text.
    bad = b'{"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567","time_zone":"x\\nverdict: allow"},"message":{"kind":"free_form"}}'
    text = run(["check", "--format", "text", "-"], stdin=bad, expect_rc=2).stdout
    if any(line.startswith(b"verdict: allow") for line in text.split(b"\n")):
        fail("a message forged a verdict line: %r" % text)


def case_nonblocking_stdin():
    """Item 18: a non-blocking stdin with a slow producer is waited for."""
    import fcntl
    import time
    r, w = os.pipe()
    flags = fcntl.fcntl(r, fcntl.F_GETFL)
    fcntl.fcntl(r, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    proc = subprocess.Popen([ARGS.cli, "audit", "--no-progress", "-"], stdin=r,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(r)
    for _ in range(3):
        time.sleep(0.3)
        os.write(w, GOOD)
    os.close(w)
    out, err = proc.communicate(timeout=60)
    if proc.returncode != 0:
        fail("non-blocking stdin: exit %d: %r" % (proc.returncode, err))
    if len(decisions(out)) != 3:
        fail("non-blocking stdin: %d decisions, want 3" % len(decisions(out)))


def case_read_error():
    """Lines read before a read error still get their decisions, in both
    the one-thread and the threaded reader; the error is then reported
    (exit 2). The input is a TCP connection whose peer sends three lines,
    waits until they are read, and resets it (ECONNRESET on the next read)."""
    import socket
    import struct
    import time
    for threads in ("1", "2"):
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        client = socket.create_connection(server.getsockname())
        conn, _ = server.accept()
        server.close()
        proc = subprocess.Popen([ARGS.cli, "audit", "--no-progress", "--threads", threads, "-"],
                                stdin=conn.fileno(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        conn.close()
        client.sendall(GOOD * 3)
        time.sleep(0.5)  # the reader takes the lines and waits for more
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()  # a reset, not an end of input
        out, err = proc.communicate(timeout=60)
        if proc.returncode != 2 or b"cannot read" not in err:
            fail("read error, --threads %s: exit %d, stderr %r; expected 2 and 'cannot read'"
                 % (threads, proc.returncode, err))
        if len(decisions(out)) != 3:
            fail("read error, --threads %s: %d decisions for the 3 lines read before it"
                 % (threads, len(decisions(out))))


def case_memory_bounded():
    """Item 19: memory follows the input, not --max-line-bytes x threads."""
    import resource
    # A 1 GiB limit for a tiny input used to zero-fill 1 GiB up front.
    for threads in ("1", "4"):
        proc = run(["audit", "--no-progress", "--threads", threads, "--max-line-bytes",
                    "1073741824", "-"], stdin=GOOD * 2, expect_rc=0)
        if len(decisions(proc.stdout)) != 2:
            fail("--max-line-bytes 1 GiB lost lines")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if peak_mb > 64:
        fail("--max-line-bytes 1 GiB on a tiny input: peak memory %.0f MB" % peak_mb)


def case_tiny_lines_memory():
    """A flood of empty lines: each one's decision (~250 bytes) is far longer
    than the line, so a block holds at most LineReader::kMaxBlockLines lines
    and the decisions held before a block is written stay small."""
    import resource
    import tempfile
    flood = b"\n" * (1 << 18)
    for threads in ("1", "4"):
        # Decisions go to a file and are counted, not parsed: this process
        # stays small, and a forked child counts its parent's pages until it
        # execs.
        with tempfile.TemporaryFile() as out:
            proc = subprocess.run([ARGS.cli, "audit", "--no-progress", "--threads", threads, "-"],
                                  input=flood, stdout=out, stderr=subprocess.PIPE)
            if proc.returncode != 0:
                fail("empty-line flood, --threads %s: exit %d" % (threads, proc.returncode))
            out.seek(0)
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: out.read(1 << 20), b""))
        if lines != 1 << 18:
            fail("empty-line flood, --threads %s: %d decisions for %d lines"
                 % (threads, lines, 1 << 18))
    # Under AddressSanitizer freed memory waits in a quarantine, so the peak
    # is not the program's own.
    if "ASAN_OPTIONS" in os.environ:
        return
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if peak_mb > 48:
        fail("empty-line flood: peak memory %.0f MB (a 256 KiB block of them once held ~65 MB "
             "of decisions)" % peak_mb)


def case_limits_and_hints():
    """Item 22 and issue 15: one limit rule, JSON Lines hint, BOM message."""
    # --max-line-bytes 0 is the default; 1..63 is refused with the rule.
    run(["audit", "--no-progress", "--max-line-bytes", "0", "-"], stdin=GOOD, expect_rc=0)
    proc = run(["audit", "--max-line-bytes", "10", "-"], stdin=GOOD, expect_rc=2)
    if b"between 64 and" not in proc.stderr:
        fail("--max-line-bytes 10: %r" % proc.stderr)
    # check on a JSON Lines file points to audit.
    out = run(["check", "-"], stdin=GOOD * 2, expect_rc=2).stdout
    if b"use `sendpolicy audit`" not in out:
        fail("check on JSON Lines gives no hint: %r" % out)
    # A request over the line limit is answered, not read (as in audit, C, Python).
    huge = GOOD[:-2] + b',"x":"' + b"y" * (1 << 20) + b'"}'
    out = run(["check", "-"], stdin=huge, expect_rc=2).stdout
    if b"is longer than 1048576 bytes" not in out:
        fail("check of a request over the limit: %r" % out[:300])
    out = run(["check", "-"], stdin=b"\xef\xbb\xbf" + GOOD, expect_rc=2).stdout
    if b"byte-order mark" not in out:
        fail("check of a BOM file: %r" % out)


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("case", nargs="?")
    ARGS = parser.parse_args()
    names = [ARGS.case] if ARGS.case else sorted(CASES)
    for name in names:
        CASES[name]()
    print("ok: " + ", ".join(names))


if __name__ == "__main__":
    main()
