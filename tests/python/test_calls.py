"""WhatsApp calls from Python (docs/calls.md): "may we call?" and "may we ask
for permission to call?", answered as the CLI answers them."""
import datetime
import json
import os
import subprocess
import tempfile
import unittest

import sendpolicy

from support import CLI

NOW = "2026-03-02T12:00:00Z"
PHONE = "+393471234567"


def call(permission):
    return {"id": "c1", "now": NOW, "recipient": {"phone": PHONE, "call_permission": permission},
            "message": {"kind": "call"}}


def ask(permission):
    return {"id": "a1", "now": NOW, "recipient": {"phone": PHONE, "call_permission": permission},
            "window": {"last_inbound_at": "2026-03-02T11:00:00Z"},
            "message": {"kind": "free_form", "requests_call_permission": True}}


def cli_check(request, policy_json=None):
    """The decision line `sendpolicy check` prints for `request`."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [CLI]
        if policy_json is not None:
            path = os.path.join(tmp, "policy.json")
            with open(path, "w") as f:
                f.write(policy_json)
            args += ["--policy", path]
        args += ["check", "-"]
        proc = subprocess.run(args, input=json.dumps(request).encode(), stdout=subprocess.PIPE)
        return proc.stdout.decode().rstrip("\n")


class CallsTest(unittest.TestCase):
    def setUp(self):
        self.policy = sendpolicy.Policy.whatsapp()

    def test_a_granted_call_is_allowed_and_billed_as_a_call(self):
        d = sendpolicy.evaluate(self.policy, call({"status": "granted",
                                                   "granted_at": "2026-03-01T09:00:00Z"}))
        self.assertEqual(d.verdict, "allow")
        self.assertEqual(d.billing, "call")

    def test_an_expired_temporary_permission_denies_the_call(self):
        # Granted exactly 7 days (168 h) before now: expired (the end is exclusive).
        d = sendpolicy.evaluate(self.policy, call({"status": "granted",
                                                   "granted_at": "2026-02-23T12:00:00Z"}))
        self.assertEqual([r.code for r in d.reasons], ["no_call_permission"])
        self.assertIn("expired at 2026-03-02T12:00:00Z", d.reasons[0].sentence)

    def test_a_second_request_within_24_h_is_deferred(self):
        d = sendpolicy.evaluate(self.policy, ask({"requests": ["2026-03-01T16:00:00Z"]}))
        self.assertEqual(d.verdict, "defer")
        self.assertEqual([r.code for r in d.reasons], ["call_permission_request_limit"])
        self.assertEqual(d.retry_at,
                         datetime.datetime(2026, 3, 2, 16, 0, tzinfo=datetime.timezone.utc))

    def test_policy_knobs_reach_the_rules(self):
        capped = sendpolicy.Policy.from_json('{"call_cap_24h": 3}')
        d = sendpolicy.evaluate(capped, call({"status": "granted", "granted_at": NOW,
                                              "connected_calls_24h": 3}))
        self.assertEqual([r.code for r in d.reasons], ["call_limit"])
        from_us = sendpolicy.Policy.from_json('{"business_country": "US"}')
        self.assertIn('"business_country": "US"', from_us.to_json())
        d = sendpolicy.evaluate(from_us, call({"status": "granted", "granted_at": NOW}))
        self.assertEqual([r.code for r in d.reasons], ["calling_not_available"])

    def test_a_call_on_sms_is_invalid(self):
        d = sendpolicy.evaluate(self.policy, dict(call({"status": "granted", "granted_at": NOW}),
                                                  channel="sms"))
        self.assertEqual([r.code for r in d.reasons], ["invalid_request"])
        self.assertIn("message.kind", d.reasons[0].message)

    @unittest.skipUnless(CLI, "SENDPOLICY_CLI not set")
    def test_decisions_are_the_cli_bytes(self):
        cases = [
            (call({"status": "declined"}), None),
            (call({"status": "granted", "granted_at": NOW, "consecutive_unanswered_calls": 4}),
             None),
            (ask({"requests": ["2026-02-24T13:00:00Z", "2026-02-28T10:00:00Z"]}), None),
            (ask({"requests": ["2026-03-02T10:00:00Z"],
                  "last_connected_call_at": "2026-03-02T11:00:00Z"}), None),
            (call({"status": "granted", "granted_at": NOW}), '{"business_country": "VN"}'),
        ]
        for request, policy_json in cases:
            with self.subTest(request=request, policy=policy_json):
                policy = (sendpolicy.Policy.from_json(policy_json) if policy_json
                          else self.policy)
                self.assertEqual(sendpolicy.evaluate(policy, request).json,
                                 cli_check(request, policy_json))


if __name__ == "__main__":
    unittest.main()
