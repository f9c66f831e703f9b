"""The `sendpolicy` Python module: policies, evaluate(), audit(), Summary.

Every decision is compared with what the CLI writes for the same input: the
module must not have rules or JSON of its own.
"""
import datetime
import json
import os
import pickle
import tempfile
import threading
import unittest

import sendpolicy

from support import (CAMPAIGN, CAMPAIGN_POLICY, HOSTILE, HOSTILE_LINES, cli_audit, read)

CLOSED = {
    "id": "r1",
    "now": "2026-03-02T12:00:00Z",
    "recipient": {"phone": "+393471234567"},
    "window": {"last_inbound_at": "2026-03-01T11:00:00Z"},
    "message": {"kind": "free_form"},
}

CLOSED_JSON = (
    '{"id":"r1","verdict":"deny","reasons":[{"code":"outside_service_window",'
    '"rule":"whatsapp.csw.free_form","message":"free-form messages need an open customer service '
    'window; it closed at 2026-03-02T11:00:00Z (Meta error 131047)","platform_error":131047}],'
    '"warnings":[],"window":{"open":false,"closes_at":"2026-03-02T11:00:00Z"},'
    '"required_form":"template","retry_at":null,"billing":"none"}')


class PolicyTest(unittest.TestCase):
    def test_whatsapp_round_trips_through_json(self):
        p = sendpolicy.Policy.whatsapp()
        self.assertEqual(sendpolicy.Policy.from_json(p.to_json()).to_json(), p.to_json())

    def test_from_json_applies_settings(self):
        p = sendpolicy.Policy.from_json(read(CAMPAIGN_POLICY, "r"))
        self.assertIn('"730d"', p.to_json())
        self.assertNotEqual(p.to_json(), sendpolicy.Policy.whatsapp().to_json())

    def test_bad_policy_raises_value_error_naming_the_key(self):
        for text, key in [('{"version": 1, "no_such_knob": true}', "no_such_knob"),
                          ('{"version": 1, "max_consent_age": 730}', "max_consent_age"),
                          ("{", "")]:
            with self.subTest(text=text):
                with self.assertRaises(ValueError) as cm:
                    sendpolicy.Policy.from_json(text)
                self.assertIn(key, str(cm.exception))

    def test_pickles(self):
        p = sendpolicy.Policy.from_json(read(CAMPAIGN_POLICY, "r"))
        self.assertEqual(pickle.loads(pickle.dumps(p)).to_json(), p.to_json())


class EvaluateTest(unittest.TestCase):
    def setUp(self):
        self.policy = sendpolicy.Policy.whatsapp()

    def test_dict_request(self):
        d = sendpolicy.evaluate(self.policy, CLOSED)
        self.assertEqual(d.id, "r1")
        self.assertEqual(d.verdict, "deny")
        self.assertFalse(d.allowed)
        self.assertEqual([r.code for r in d.reasons], ["outside_service_window"])
        self.assertEqual(d.reasons[0].rule, "whatsapp.csw.free_form")
        self.assertEqual(d.reasons[0].platform_error, 131047)
        self.assertIn("customer service window", d.reasons[0].sentence)
        self.assertFalse(d.window_open)
        self.assertEqual(d.window_closes_at,
                         datetime.datetime(2026, 3, 2, 11, 0, tzinfo=datetime.timezone.utc))
        self.assertIsNone(d.retry_at)
        self.assertEqual(d.required_form, "template")
        self.assertEqual(d.billing, "none")
        self.assertEqual(d.json, CLOSED_JSON)
        self.assertEqual(str(d), CLOSED_JSON)

    def test_str_and_bytes_requests_give_the_same_decision(self):
        text = json.dumps(CLOSED)
        self.assertEqual(sendpolicy.evaluate(self.policy, text).json, CLOSED_JSON)
        self.assertEqual(sendpolicy.evaluate(self.policy, text.encode()).json, CLOSED_JSON)

    def test_allow_has_billing_and_open_window(self):
        request = dict(CLOSED, window={"last_inbound_at": "2026-03-02T11:00:00Z"})
        d = sendpolicy.evaluate(self.policy, request)
        self.assertEqual(d.verdict, "allow")
        self.assertTrue(d.allowed)
        self.assertEqual(d.reasons, [])
        self.assertTrue(d.window_open)
        self.assertEqual(d.window_closes_at,
                         datetime.datetime(2026, 3, 3, 11, 0, tzinfo=datetime.timezone.utc))
        self.assertNotEqual(d.billing, "none")

    def test_invalid_request_is_a_deny_naming_the_field(self):
        cases = [
            (dict(CLOSED, recipient={"phone": 393471234567}), "recipient.phone: expected a string"),
            (dict(CLOSED, priority=1), "priority: unknown field"),
            ({"id": "x"}, "now: is required"),
            ("{", ""),
            ("", ""),
            (b"\xff", ""),
            ("[1,2]", "expected a JSON object"),
        ]
        for request, message in cases:
            with self.subTest(request=request):
                d = sendpolicy.evaluate(self.policy, request)
                self.assertEqual(d.verdict, "deny")
                self.assertEqual([r.code for r in d.reasons], ["invalid_request"])
                self.assertIn(message, d.reasons[0].message)
                self.assertIsNone(d.window_closes_at)
                self.assertEqual(d.billing, "none")

    def test_recipient_by_whatsapp_user_id(self):
        bsuid = "US.13491208655302741918"
        reply = dict(CLOSED, recipient={"user_id": bsuid},
                     window={"last_inbound_at": "2026-03-02T11:00:00Z"})
        self.assertEqual(sendpolicy.evaluate(self.policy, reply).verdict, "allow")
        otp = dict(reply, message={"kind": "template", "template": {
            "name": "code", "category": "authentication", "status": "approved"}})
        d = sendpolicy.evaluate(self.policy, otp)
        # No consent on file either: no_opt_in comes first in catalogue order.
        self.assertEqual([r.code for r in d.reasons], ["no_opt_in", "phone_number_required"])
        self.assertIsNone(d.reasons[1].platform_error)
        sms = dict(CLOSED, channel="sms", recipient={"phone": "+12125550123", "user_id": bsuid})
        d = sendpolicy.evaluate(self.policy, sms)
        self.assertEqual([r.code for r in d.reasons], ["invalid_request"])
        self.assertIn("recipient.user_id is only valid on WhatsApp", d.reasons[0].message)

    def test_invalid_keeps_the_id_read_before_the_error(self):
        d = sendpolicy.evaluate(self.policy, dict(CLOSED, priority=1))
        self.assertEqual(d.id, "r1")
        self.assertTrue(d.json.startswith('{"id":"r1","verdict":"deny"'))

    def test_wrong_types_raise_type_error(self):
        with self.assertRaises(TypeError):
            sendpolicy.evaluate(self.policy, 42)
        with self.assertRaises(TypeError):
            sendpolicy.evaluate("not a policy", CLOSED)
        with self.assertRaises(TypeError):  # not JSON-serialisable
            sendpolicy.evaluate(self.policy, dict(CLOSED, now=datetime.datetime(2026, 3, 2)))

    def test_nan_is_not_json(self):
        with self.assertRaises(ValueError):
            sendpolicy.evaluate(self.policy, dict(CLOSED, x=float("nan")))

    def test_each_campaign_line_matches_the_cli(self):
        policy = sendpolicy.Policy.from_json(read(CAMPAIGN_POLICY, "r"))
        want = cli_audit(CAMPAIGN, policy=CAMPAIGN_POLICY).decode().splitlines()
        lines = read(CAMPAIGN).decode().splitlines()
        self.assertEqual(len(want), len(lines))
        compared = 0
        for line, expected in zip(lines, want):
            d = sendpolicy.evaluate(policy, line)
            if '"code":"invalid_request"' in expected and '"message":"line ' in expected:
                continue  # the CLI prefixes the line number; audit() is compared below
            self.assertEqual(d.json, expected)
            compared += 1
        self.assertGreater(compared, 1900)


class AuditTest(unittest.TestCase):
    def setUp(self):
        self.policy = sendpolicy.Policy.from_json(read(CAMPAIGN_POLICY, "r"))

    def test_campaign_equals_cli_with_summary(self):
        with tempfile.TemporaryDirectory() as tmp:
            summary_file = os.path.join(tmp, "summary.txt")
            want = cli_audit(CAMPAIGN, policy=CAMPAIGN_POLICY, summary_file=summary_file)
            summary = sendpolicy.Summary()
            with open(CAMPAIGN, encoding="utf-8") as f:
                got = "".join(sendpolicy.audit(self.policy, f, summary=summary))
            self.assertEqual(got.encode(), want)
            self.assertEqual(summary.format(CAMPAIGN), read(summary_file, "r"))
            self.assertEqual(summary.requests, 2000)
            self.assertEqual(sum(summary.verdicts.values()), 2000)

    def test_bytes_in_bytes_out(self):
        with open(CAMPAIGN, "rb") as f:
            got = b"".join(sendpolicy.audit(self.policy, f))
        self.assertEqual(got, cli_audit(CAMPAIGN, policy=CAMPAIGN_POLICY))

    def test_hostile_lines_equal_cli(self):
        policy = sendpolicy.Policy.whatsapp()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "hostile.jsonl")
            with open(path, "wb") as f:
                f.write(HOSTILE)
            want = cli_audit(path)
            with open(path, "rb") as f:
                got = list(sendpolicy.audit(policy, f))
        self.assertEqual(len(got), len(HOSTILE_LINES))
        self.assertEqual(b"".join(got), want)
        # str lines (invalid UTF-8 carried as surrogate escapes) give the same text
        lines = [line.decode("utf-8", "surrogateescape") for line in HOSTILE_LINES]
        got_str = "".join(sendpolicy.audit(policy, lines))
        self.assertEqual(got_str.encode("utf-8", "surrogateescape"), want)

    def test_first_line_and_batches_do_not_change_output(self):
        with open(CAMPAIGN, "rb") as f:
            lines = f.readlines()
        whole = b"".join(sendpolicy.audit(self.policy, lines))
        for batch in [1, 7, 4096]:
            with self.subTest(batch=batch):
                got = b"".join(sendpolicy.audit(self.policy, lines[:1000], batch_lines=batch))
                got += b"".join(sendpolicy.audit(self.policy, lines[1000:], first_line=1001,
                                                 batch_lines=batch))
                self.assertEqual(got, whole)

    def test_max_line_bytes(self):
        got = list(sendpolicy.audit(self.policy, [HOSTILE_LINES[0]], max_line_bytes=100))
        self.assertIn(b"line 1: is longer than 100 bytes", got[0])

    def test_empty_input_and_bad_items(self):
        self.assertEqual(list(sendpolicy.audit(self.policy, [])), [])
        with self.assertRaises(TypeError):
            list(sendpolicy.audit(self.policy, [1, 2]))
        with self.assertRaises(TypeError):
            sendpolicy.audit(self.policy, ["{}"], summary="not a summary")
        with self.assertRaises(TypeError):
            sendpolicy.audit("not a policy", ["{}"])

    def test_threads_give_the_same_answers(self):
        # audit() releases the GIL while it evaluates: four threads at once
        # must each produce the CLI's bytes.
        want = cli_audit(CAMPAIGN, policy=CAMPAIGN_POLICY)
        lines = read(CAMPAIGN).splitlines(keepends=True)
        results = [None] * 4

        def work(i):
            results[i] = b"".join(sendpolicy.audit(self.policy, lines, batch_lines=256))

        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for r in results:
            self.assertEqual(r, want)


class SummaryTest(unittest.TestCase):
    def test_merge_and_pickle(self):
        policy = sendpolicy.Policy.whatsapp()
        lines = read(CAMPAIGN).splitlines(keepends=True)
        whole, a, b = sendpolicy.Summary(), sendpolicy.Summary(), sendpolicy.Summary()
        for _ in sendpolicy.audit(policy, lines, summary=whole):
            pass
        for _ in sendpolicy.audit(policy, lines[:700], summary=a):
            pass
        for _ in sendpolicy.audit(policy, lines[700:], first_line=701, summary=b):
            pass
        a.merge(pickle.loads(pickle.dumps(b)))
        self.assertEqual(a, whole)
        self.assertEqual(a.format("x"), whole.format("x"))
        self.assertNotEqual(a, sendpolicy.Summary())
        with self.assertRaises(ValueError):
            sendpolicy.Summary.__new__(sendpolicy.Summary).__setstate__([1, 2, 3])


if __name__ == "__main__":
    unittest.main(verbosity=2)
