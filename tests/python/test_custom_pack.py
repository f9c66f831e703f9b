"""A pack written in a policy file (docs/cli.md, "Custom packs") from Python:
the module reads the same policy file as the CLI and decides the same."""
import datetime
import gc
import json
import os
import subprocess
import unittest

import sendpolicy

from support import CLI, SOURCE_DIR

POLICY = os.path.join(SOURCE_DIR, "examples", "data", "custom-pack-policy.json")

# A marketing SMS to New York on Sunday 2026-03-08 at 12:00 local (16:00Z,
# EDT from that morning): the house rules close Sundays; Monday opens 09:00.
REQUEST = {"id": "r1", "now": "2026-03-08T16:00:00Z", "channel": "sms",
           "recipient": {"phone": "+12125550123", "country": "US", "region": "US-NY",
                         "time_zone": "America/New_York"},
           "consent": {"status": "granted", "basis": "express", "phone": "+12125550123",
                       "granted_at": "2026-01-05T09:00:00Z", "source": "website",
                       "method": "checkbox", "purposes": ["offers"],
                       "business_name_shown": True, "content_described": True,
                       "whatsapp_named": True, "number_editable": True,
                       "double_opt_in_at": "2026-01-05T09:05:00Z"},
           "message": {"kind": "free_form", "category": "marketing", "purpose": "offers",
                       "sender": "automation"}}


class CustomPackTest(unittest.TestCase):
    def test_the_defined_pack_defers_with_its_own_rule_id(self):
        with open(POLICY) as f:
            policy = sendpolicy.Policy.from_json(f.read())
        d = sendpolicy.evaluate(policy, REQUEST)
        del policy
        gc.collect()  # the decision's texts are Python's own, not views into the policy
        self.assertEqual(d.verdict, "defer")
        self.assertEqual([(r.code, r.rule) for r in d.reasons],
                         [("quiet_hours", "acme_house_rules")])
        self.assertEqual(d.retry_at,
                         datetime.datetime(2026, 3, 9, 13, 0, tzinfo=datetime.timezone.utc))

    def test_the_module_and_the_cli_decide_alike(self):
        with open(POLICY) as f:
            policy = sendpolicy.Policy.from_json(f.read())
        cli = subprocess.run([CLI, "--policy", POLICY, "check", "-"],
                             input=json.dumps(REQUEST).encode(), stdout=subprocess.PIPE)
        self.assertEqual(json.loads(cli.stdout)["reasons"][0]["rule"], "acme_house_rules")
        self.assertIn('"acme_house_rules": {', policy.to_json())

    def test_a_malformed_definition_names_its_path(self):
        with self.assertRaises(ValueError) as cm:
            sendpolicy.Policy.from_json(
                '{"packs": {"define": {"acme": {"quiet_hours": {"permitted": "9-18"}}}}}')
        self.assertIn("packs.define.acme.quiet_hours.permitted", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
