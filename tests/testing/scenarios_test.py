#!/usr/bin/env python3
"""Tests of `sendpolicy test`, the scenario runner: it must never pass a wrong
test (issue 21). Run by ctest, one case per test:

    scenarios_test.py --cli PATH CASE

Each table row is a scenario file with a mistake (or a correct use) and the
exit status and report text `sendpolicy test` must give: 0 every scenario
passed, 1 one failed, 2 a file or scenario is in error. The expected
decisions are reasoned, not recorded: WhatsApp free-form 2 h after the
customer wrote is allowed (free_service, no warning); 23 h 30 min after, it
is allowed with window_closing_soon; 25 h after, denied
(outside_service_window). A marketing SMS to Florida (America/New_York, EST
= UTC-5 before 8 March 2026) at 10:00Z is 05:00 local: the TCPA and Florida
quiet hours defer it to 08:00 local = 13:00Z; at 15:00Z (10:00 local) with 3
same-subject texts in 24 h, Florida's cap of 3 defers it to now + 24 h.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ARGS = None
FAILURES = []


def fail(message):
    FAILURES.append(message)


def run(files, fmt="tap", cwd=None):
    proc = subprocess.run([ARGS.cli, "test", "--format", fmt] + files, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, cwd=cwd)
    return proc.returncode, proc.stdout.decode("utf-8", errors="replace")


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


# --- Scenario pieces (JSON text, so that duplicate keys can be written) -------

WA_GIVEN = '"given": {"recipient": {"phone": "+393471234567"}}'
NOW = '"now": "2026-03-02T12:00:00Z"'
FREE_FORM = '"when": {' + NOW + ', "message": {"kind": "free_form"}}'
OPEN_2H = '"given": {"window": {"last_inbound_at": "now - 2h"}}'
CLOSING = '"given": {"window": {"last_inbound_at": "now - 1410m"}}'  # 23 h 30 min
CLOSED = '"given": {"window": {"last_inbound_at": "now - 25h"}}'


def scenario(name, expect, given=OPEN_2H, when=FREE_FORM):
    return '{"name": %s, %s, %s, "expect": %s}' % (json.dumps(name), given, when, expect)


def wa_file(*scenarios, top=WA_GIVEN):
    return '{%s, "scenarios": [%s]}' % (top, ", ".join(scenarios))


FL_GIVEN = '''"given": {
  "recipient": {"phone": "+13055556799", "country": "US", "region": "US-FL",
                "time_zone": "America/New_York"},
  "consent": {"status": "granted", "basis": "express", "phone": "+13055556799",
              "granted_at": "now - 60d", "source": "website", "method": "checkbox",
              "purposes": ["spring_offers"], "business_name_shown": true,
              "content_described": true, "whatsapp_named": true, "number_editable": true,
              "double_opt_in_at": "now - 59d"}}'''
SMS = '"channel": "sms", "message": {"kind": "free_form", "category": "marketing", "purpose": "spring_offers"}'
QUIET_WHEN = '"when": {"now": "2026-03-02T10:00:00Z", ' + SMS + '}'
CAPPED_GIVEN = ('"given": {"recipient": {"phone": "+13055556799", "country": "US", '
                '"region": "US-FL", "time_zone": "America/New_York", '
                '"sent": {"marketing_24h": 3, "same_purpose_24h": 3}}}')
CAP_WHEN = '"when": {"now": "2026-03-02T15:00:00Z", ' + SMS + '}'


def quiet(name, expect):  # a quiet-hours defer until 13:00Z
    return scenario(name, expect, given='"given": {}', when=QUIET_WHEN)


def capped(name, expect):  # a frequency_cap defer until now + 24 h
    return scenario(name, expect, given=CAPPED_GIVEN, when=CAP_WHEN)


def fl_file(*scenarios):
    return wa_file(*scenarios, top=FL_GIVEN)


# A consent with a typo (granted_at is not a time) and a phone with "+": the
# request is invalid at consent.granted_at, not at recipient.phone.
CONSENT_TYPO = ('"given": {"consent": {"status": "granted", "phone": "+393471234567", '
                '"granted_at": "yesterday"}}')
PHONE_NO_PLUS = '"given": {"recipient": {"phone": "393471234567"}}'
PHONE_NUMBER = '"given": {"recipient": {"phone": 393471234567}}'


def check_rows(rows):
    """rows: (label, file text, exit status, text the report must contain)."""
    with tempfile.TemporaryDirectory() as tmp:
        for label, text, want_rc, want_text in rows:
            path = write(tmp, "s.json", text)
            rc, out = run([path])
            if rc != want_rc or want_text not in out:
                fail("%s: exit %d (want %d), report lacks %r:\n%s" % (label, rc, want_rc,
                                                                     want_text, out))


# --- Issue 21, items 1-6 ------------------------------------------------------

def case_wrong_types():
    """1. A wrongly typed expectation is an error naming the key, never skipped."""
    check_rows([
        ("warnings as a string", wa_file(scenario(
            "w", '{"verdict": "allow", "warnings": "window_closing_soon"}')),
         2, "scenarios[0].expect.warnings: expected a list of warning codes"),
        ("billing as a list", wa_file(scenario(
            "b", '{"verdict": "allow", "billing": ["marketing"]}')),
         2, "scenarios[0].expect.billing: expected a string"),
        ("retry_at as a number", fl_file(quiet(
            "r", '{"verdict": "defer", "retry_at": 1772452800}')),
         2, "scenarios[0].expect.retry_at: expected a string"),
        ("reasons as a string", wa_file(scenario(
            "r", '{"verdict": "deny", "reasons": "outside_service_window"}', given=CLOSED)),
         2, "scenarios[0].expect.reasons: expected a list of reason codes"),
        ("a reason that is not a string", wa_file(scenario(
            "r", '{"verdict": "deny", "reasons": [1]}', given=CLOSED)),
         2, "scenarios[0].expect.reasons[0]: expected a reason code (a string)"),
        ("verdict as a list", wa_file(scenario("v", '{"verdict": ["allow"]}')),
         2, "scenarios[0].expect.verdict: expected a string"),
        ("null is not 'no warnings'", wa_file(scenario(
            "n", '{"verdict": "allow", "warnings": null}', given=CLOSING)),
         2, "scenarios[0].expect.warnings: null is not an expectation"),
        ("expect as a list", wa_file(scenario("e", '[{"verdict": "allow"}]')),
         2, "scenarios[0].expect: expected an object"),
    ])


def case_duplicate_keys():
    """2. A duplicate key anywhere in a scenario file is an error."""
    passing = scenario("passes", '{"verdict": "allow"}')
    failing = scenario("fails", '{"verdict": "allow"}', given=CLOSED)
    check_rows([
        ("two scenarios arrays",
         '{%s, "scenarios": [%s], "scenarios": [%s]}' % (WA_GIVEN, passing, failing),
         2, "scenarios: duplicate key"),
        ("two top-level givens",
         '{%s, "given": {"recipient": {"phone": "+1"}}, "scenarios": [%s]}' % (WA_GIVEN, passing),
         2, "given: duplicate key"),
        ("a duplicate inside the top-level given",
         '{"given": {"recipient": {"phone": "+393471234567", "phone": "+1"}}, "scenarios": [%s]}'
         % passing, 2, "given.recipient.phone: duplicate key"),
        ("two expects", wa_file(
            '{"name": "e", %s, %s, "expect": {"verdict": "allow"}, "expect": {"verdict": "deny"}}'
            % (OPEN_2H, FREE_FORM)), 2, "scenarios[0].expect: duplicate key"),
        ("two reasons", wa_file(scenario(
            "r", '{"verdict": "deny", "reasons": ["outside_service_window"], '
                 '"reasons": ["no_opt_in"]}', given=CLOSED)),
         2, "scenarios[0].expect.reasons: duplicate key"),
        ("two whens", wa_file(
            '{"name": "w", %s, %s, "when": {"now": "2026-03-05T12:00:00Z", '
            '"message": {"kind": "free_form"}}, "expect": {"verdict": "allow"}}'
            % (OPEN_2H, FREE_FORM)), 2, "scenarios[0].when: duplicate key"),
        ("two names", wa_file(
            '{"name": "a", "name": "b", %s, %s, "expect": {"verdict": "allow"}}'
            % (OPEN_2H, FREE_FORM)), 2, "scenarios[0].name: duplicate key"),
    ])


def case_empty_lists():
    """3. An empty list means "none" or is an error, never "anything"."""
    check_rows([
        ("reasons_exactly: []", wa_file(scenario(
            "x", '{"verdict": "deny", "reasons_exactly": []}', given=CLOSED)),
         2, "scenarios[0].expect.reasons_exactly: an empty list matches no decision"),
        ("reasons: []", wa_file(scenario(
            "x", '{"verdict": "deny", "reasons": []}', given=CLOSED)),
         2, "scenarios[0].expect.reasons: an empty list would check nothing"),
        ("warnings: []", wa_file(scenario(
            "x", '{"verdict": "allow", "warnings": []}', given=CLOSING)),
         2, 'scenarios[0].expect.warnings: an empty list would check nothing; write '
            '"warnings_exactly": [] for no warnings'),
        ("warnings_exactly: [] on a warning", wa_file(scenario(
            "x", '{"verdict": "allow", "warnings_exactly": []}', given=CLOSING)),
         1, "but: unexpected warning window_closing_soon"),
        ("warnings_exactly: [] without one", wa_file(scenario(
            "x", '{"verdict": "allow", "warnings_exactly": []}')), 0, "ok 1 - "),
        ("warnings_exactly names it", wa_file(scenario(
            "x", '{"verdict": "allow", "warnings_exactly": ["window_closing_soon"]}',
            given=CLOSING)), 0, "ok 1 - "),
    ])


def case_invalid_field():
    """4. invalid_request is pinned to the field that is invalid."""
    check_rows([
        ("invalid_request without the field", wa_file(scenario(
            "a phone without + is rejected", '{"verdict": "deny", "reasons": ["invalid_request"]}',
            given=CONSENT_TYPO)),
         2, "scenarios[0].expect.reasons: invalid_request needs invalid_field"),
        ("another field is invalid", wa_file(scenario(
            "a phone without + is rejected",
            '{"verdict": "deny", "invalid_field": "recipient.phone"}', given=CONSENT_TYPO)),
         1, "but: it is invalid at consent.granted_at"),
        ("the request is valid", wa_file(scenario(
            "a phone without + is rejected",
            '{"verdict": "deny", "invalid_field": "recipient.phone"}')),
         1, "but: the verdict is allow"),
        ("the library rejects the phone", wa_file(scenario(
            "a phone without + is rejected",
            '{"verdict": "deny", "reasons_exactly": ["invalid_request"], '
            '"invalid_field": "recipient.phone"}', given=PHONE_NO_PLUS)), 0, "ok 1 - "),
        ("the wire parser rejects the phone", wa_file(scenario(
            "a numeric phone is rejected",
            '{"verdict": "deny", "invalid_field": "recipient.phone"}', given=PHONE_NUMBER)),
         0, "ok 1 - "),
        ("the wire parser rejects another field", wa_file(scenario(
            "a numeric phone is rejected",
            '{"verdict": "deny", "invalid_field": "recipient.phone"}',
            given=CONSENT_TYPO)), 1, "but: it is invalid at consent.granted_at"),
        ("extra codes beside invalid_request", wa_file(scenario(
            "x", '{"verdict": "deny", "reasons_exactly": ["invalid_request", "no_opt_in"], '
                 '"invalid_field": "recipient.phone"}', given=PHONE_NUMBER)),
         2, "scenarios[0].expect.reasons_exactly: invalid_request never comes with other "
            "reasons"),
        ("invalid_field with another reason", wa_file(scenario(
            "x", '{"verdict": "deny", "reasons": ["no_opt_in"], '
                 '"invalid_field": "recipient.phone"}', given=PHONE_NUMBER)),
         2, "scenarios[0].expect.reasons: an invalid request has the one reason invalid_request"),
        ("invalid_field with verdict allow", wa_file(scenario(
            "x", '{"verdict": "allow", "invalid_field": "recipient.phone"}')),
         2, "scenarios[0].expect.invalid_field: needs verdict deny"),
        ("a rule denies, not the parser", wa_file(scenario(
            "x", '{"verdict": "deny", "invalid_field": "recipient.phone"}', given=CLOSED)),
         1, "but: the request is valid; it is denied for outside_service_window"),
    ])


def case_defer_reasons():
    """6. A defer's reasons can be asserted, in full or in part."""
    check_rows([
        ("a cap defer is not a quiet-hours defer", fl_file(capped(
            "quiet hours defer until 08:00", '{"verdict": "defer", "reasons": ["quiet_hours"], '
                                             '"retry_at": "now + 24h"}')),
         1, "but: missing quiet_hours"),
        ("exactly the quiet hours", fl_file(quiet(
            "quiet hours defer until 08:00", '{"verdict": "defer", "reasons_exactly": '
                                             '["quiet_hours"], "retry_at": "2026-03-02T13:00:00Z"}')),
         0, "ok 1 - "),
        ("the cap, exactly", fl_file(capped(
            "cap", '{"verdict": "defer", "reasons_exactly": ["frequency_cap"]}')), 0, "ok 1 - "),
        ("one more reason than expected", fl_file(capped(
            "cap", '{"verdict": "defer", "reasons_exactly": ["frequency_cap", "quiet_hours"]}')),
         1, "but: missing quiet_hours"),
        ("reasons on an allow", wa_file(scenario(
            "x", '{"verdict": "allow", "reasons": ["no_opt_in"]}')),
         2, "scenarios[0].expect.reasons: needs verdict deny or defer"),
        ("invalid_request as a defer", fl_file(quiet(
            "x", '{"verdict": "defer", "reasons": ["invalid_request"]}')),
         2, "scenarios[0].expect.reasons: invalid_request is always a deny"),
    ])


# --- Friction -----------------------------------------------------------------

def case_duplicate_names():
    """JUnit consumers merge equal names: a second scenario of a name is an error."""
    check_rows([
        ("same name twice", wa_file(scenario("same", '{"verdict": "allow"}'),
                                    scenario("same", '{"verdict": "allow"}')),
         2, "scenarios[1].name: 'same' is also the name of scenarios[0]"),
    ])


def case_relative_retry_at():
    """expect.retry_at may be relative to when.now, like given and when."""
    check_rows([
        ("now + 3h", fl_file(quiet("q", '{"verdict": "defer", "retry_at": "now + 3h"}')),
         0, "ok 1 - "),
        ("now + 2h is not it", fl_file(quiet("q", '{"verdict": "defer", "retry_at": "now + 2h"}')),
         1, "but: it retries at 2026-03-02T13:00:00Z"),
        ("a bad relative time", fl_file(quiet(
            "q", '{"verdict": "defer", "retry_at": "now + 3 hours"}')),
         2, "scenarios[0].expect.retry_at: 'now + 3 hours' is not a time relative to now"),
    ])


def case_policy_file():
    """`policy` names the built-in policy, a policy file (relative to the
    scenario file) or an inline policy. A consent granted 60 days ago is
    expired under max_consent_age 30d and fine under the default."""
    template = ('"when": {' + NOW + ', "message": {"kind": "template", "purpose": "order_updates", '
                '"template": {"name": "order_shipped", "category": "utility", '
                '"status": "approved"}}}')
    given = ('"given": {"recipient": {"phone": "+393471234567"}, "consent": {"status": "granted", '
             '"phone": "+393471234567", "granted_at": "now - 60d", "method": "checkbox", '
             '"source": "website", "business_name_shown": true, "content_described": true, '
             '"purposes": ["order_updates"]}}')

    def policy_file(policy):
        return ('{"policy": %s, %s, "scenarios": [%s]}'
                % (policy, given, scenario("old consent", '{"verdict": "deny", "reasons_exactly": '
                                           '["opt_in_expired"]}', given='"given": {}',
                                           when=template)))
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, "policies"))
        write(tmp, "policies/strict.json", '{"version": 1, "max_consent_age": "30d"}')
        rows = [
            ("a policy file", policy_file('"policies/strict.json"'), 0, "ok 1 - "),
            ("an inline policy", policy_file('{"version": 1, "max_consent_age": "30d"}'), 0,
             "ok 1 - "),
            ("the default policy", policy_file('"whatsapp"'), 1, "but: the verdict is allow"),
            ("a missing policy file", policy_file('"policies/none.json"'), 2,
             "policy: cannot open"),
            ("a bad policy", policy_file('{"version": 1, "max_consent_age": 30}'), 2,
             "policy: max_consent_age"),
        ]
        for label, text, want_rc, want_text in rows:
            path = write(tmp, "s.json", text)
            rc, out = run([path], cwd="/")  # the path is the scenario file's, not the cwd's
            if rc != want_rc or want_text not in out:
                fail("%s: exit %d (want %d), report lacks %r:\n%s" % (label, rc, want_rc,
                                                                     want_text, out))


# --- Item 7 and TAP that prove accepts ---------------------------------------

# Reads TAP on stdin with TAP::Harness's own parser and prints what it saw.
TAP_SUMMARY_PL = r'''
use strict; use warnings; use TAP::Parser; use JSON::PP;
local $/; my $tap = <STDIN>;
my $p = TAP::Parser->new({ tap => $tap });
my (@tests, @yaml);
while (my $r = $p->next) {
  push @tests, { ok => ($r->is_ok ? 1 : 0), actual_ok => ($r->is_actual_ok ? 1 : 0),
                 directive => $r->directive, description => $r->description } if $r->is_test;
  push @yaml, $r->data if $r->is_yaml;
}
print encode_json({ planned => $p->tests_planned, run => $p->tests_run,
  failed => [$p->failed], todo => [$p->todo], skipped => [$p->skipped],
  parse_errors => [$p->parse_errors], tests => \@tests, yaml => \@yaml });
'''


def tap_summary(tap):
    proc = subprocess.run(["perl", "-e", TAP_SUMMARY_PL], input=tap.encode("utf-8"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        fail("perl TAP::Parser: " + proc.stderr.decode())
        return None
    return json.loads(proc.stdout)


def prove(tap_path):
    """`prove` on a TAP file: (exit status, output)."""
    if shutil.which("prove") is None:
        fail("prove is not installed (Debian package perl)")
        return 0, ""
    proc = subprocess.run(["prove", "--exec", "cat", tap_path], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
    return proc.returncode, proc.stdout.decode("utf-8", errors="replace")


HOSTILE = [
    # (name, passes?)
    ("refuses after STOP # TODO confirm with legal", False),
    ("skips # SKIP nothing", False),
    ("two\nlines\r\nnot ok 99 - injected", False),
    ("bell\u0007 and escape\u001b[31m red", False),
    ("back\\slash \\# and a \u00e9 \U0001F600", True),
    ("<xml> & \"quotes\" ]]> \t tab", False),
]


def hostile_file():
    return wa_file(*[scenario(name, '{"verdict": "allow"}', given=OPEN_2H if ok else CLOSED)
                     for name, ok in HOSTILE])


def case_hostile_names_tap():
    """7. A name cannot turn a failure into a pass or break the TAP stream."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write(tmp, "hostile.json", hostile_file())
        rc, out = run([path])
        if rc != 1:
            fail("exit %d, want 1:\n%s" % (rc, out))
        tap = write(tmp, "hostile.tap", out)
        s = tap_summary(out)
        if s is None:
            return
        want_failed = [i + 1 for i, (_, ok) in enumerate(HOSTILE) if not ok]
        if (s["planned"] != len(HOSTILE) or s["run"] != len(HOSTILE) or s["failed"] != want_failed
                or s["todo"] or s["skipped"] or s["parse_errors"]):
            fail("TAP::Parser read %s from:\n%s" % (json.dumps(s), out))
        for t in s["tests"]:
            if t["directive"]:
                fail("a name became a directive: %r" % t)
        code, text = prove(tap)
        if code == 0 or "Parse errors" in text or "Failed %d/%d subtests" % (
                len(want_failed), len(HOSTILE)) not in text:
            fail("prove (exit %d) did not report the failures:\n%s" % (code, text))


def case_hostile_names_junit():
    """7. JUnit XML with hostile names is well-formed and keeps them readable."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write(tmp, "hostile.json", hostile_file())
        rc, out = run([path], fmt="junit")
        if rc != 1:
            fail("exit %d, want 1:\n%s" % (rc, out))
        try:
            root = ET.fromstring(out.encode("utf-8"))
        except ET.ParseError as e:
            fail("not well-formed XML (%s):\n%s" % (e, out))
            return
        cases = root.findall("./testsuite/testcase")
        # XML cannot hold U+0007 or U+001B: they become U+FFFD; the rest,
        # line breaks included, comes back as written.
        want = [name.replace("\u0007", "\ufffd").replace("\u001b", "\ufffd")
                for name, _ in HOSTILE]
        got = [c.get("name") for c in cases]
        if got != want:
            fail("names: %r, want %r" % (got, want))
        failed = [c.get("name") for c in cases if c.find("failure") is not None]
        if len(failed) != sum(1 for _, ok in HOSTILE if not ok) or root.get("failures") != str(
                len(failed)):
            fail("failures: %r in\n%s" % (failed, out))


def case_prove_accepts_reports():
    """TAP::Harness reads every report, failures, errors and messages with
    blank lines included; the YAML message is the failure message."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write(tmp, "mixed.json", wa_file(
            scenario("passes", '{"verdict": "allow"}'),
            scenario("fails", '{"verdict": "allow"}', given=CLOSED),
            scenario("a relative time with line breaks",
                     '{"verdict": "allow"}', given='"given": {"window": {"last_inbound_at": '
                                                   '"now - 2\\n\\n hours\\r\\n..."}}'),
            scenario("errors", '{"verdict": "deny", "reasons": []}', given=CLOSED)))
        rc, out = run([path])
        if rc != 2:
            fail("exit %d, want 2:\n%s" % (rc, out))
        s = tap_summary(out)
        if s is None:
            return
        if s["run"] != 4 or s["failed"] != [2, 3, 4] or s["parse_errors"]:
            fail("TAP::Parser read %s from:\n%s" % (json.dumps(s), out))
        messages = [y.get("message") for y in s["yaml"]]
        want_first = ("expected: allows the send\n     but: the verdict is deny\ndecision: deny\n"
                      "  outside_service_window [whatsapp.csw.free_form]: free-form messages need "
                      "an open customer service window; it closed at 2026-03-02T11:00:00Z "
                      "(Meta error 131047)\n")
        if len(messages) != 3 or messages[0] != want_first:
            fail("YAML messages %r" % messages)
        elif messages[1] != ("scenarios[2]: window.last_inbound_at: 'now - 2\n\n hours\n...' is "
                             "not a time relative to now (like \"now - 23h\"; units s, m, h, d)\n"):
            fail("a message with blank lines reads back as %r" % messages[1])
        code, text = prove(write(tmp, "mixed.tap", out))
        if code == 0 or "Parse errors" in text or "Failed 3/4 subtests" not in text:
            fail("prove (exit %d):\n%s" % (code, text))
        # The project's own golden report too.
        golden = os.path.join(ARGS.source_dir, "tests", "testing", "scenarios", "failing.tap")
        code, text = prove(golden)
        if "Parse errors" in text or "Failed" not in text:
            fail("prove on %s (exit %d):\n%s" % (golden, code, text))


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("case", choices=sorted(CASES))
    ARGS = parser.parse_args()
    CASES[ARGS.case]()
    if FAILURES:
        print("FAIL:\n" + "\n\n".join(FAILURES))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
