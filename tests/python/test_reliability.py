"""Issue 17 in the Python module: audit() iterator errors, lone surrogates,
size limits, one rule for limits; and issue 15's explain(), catalogue and
fold_consent(). Each test reproduces a defect of the review."""
import json
import unittest

import sendpolicy

GOOD = ('{"id":"%s","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},'
        '"window":{"last_inbound_at":"2026-03-02T11:00:00Z"},"message":{"kind":"free_form"}}')

POLICY = sendpolicy.Policy.whatsapp()


def ids(lines):
    return [json.loads(line)["id"] for line in lines]


class AuditIteratorErrors(unittest.TestCase):
    def test_lines_read_before_a_source_error_are_yielded_first(self):
        def source():
            yield GOOD % "a"
            yield GOOD % "b"
            raise OSError("disk went away")

        it = sendpolicy.audit(POLICY, source(), batch_lines=100)
        got = [next(it), next(it)]
        self.assertEqual(ids(got), ["a", "b"])
        with self.assertRaises(OSError):
            next(it)
        with self.assertRaises(StopIteration):  # a finished generator stays finished
            next(it)

    def test_a_bad_item_raises_once_and_the_audit_goes_on(self):
        it = sendpolicy.audit(POLICY, [GOOD % "a", 42, GOOD % "c"], batch_lines=100)
        self.assertEqual(ids([next(it)]), ["a"])
        with self.assertRaises(TypeError):
            next(it)
        third = next(it)  # used to raise TypeError forever
        self.assertEqual(ids([third]), ["c"])
        with self.assertRaises(StopIteration):
            next(it)

    def test_a_bad_item_keeps_its_line_number(self):
        it = sendpolicy.audit(POLICY, [GOOD % "a", None, "{"], batch_lines=100)
        next(it)
        with self.assertRaises(TypeError):
            next(it)
        self.assertIn("line 3: ", json.loads(next(it))["reasons"][0]["message"])


class LoneSurrogates(unittest.TestCase):
    def test_evaluate_answers_invalid_request(self):
        request = json.loads(GOOD % "s")
        request["message"]["purpose"] = json.loads('"\\ud800"')
        for given in (request, json.dumps(request, ensure_ascii=False)):
            d = sendpolicy.evaluate(POLICY, given)
            self.assertEqual(d.verdict, "deny")
            self.assertEqual(d.reasons[0].code, "invalid_request")
            self.assertIn("UTF-8", d.reasons[0].message)

    def test_audit_answers_invalid_request(self):
        line = (GOOD % "s").replace('"free_form"', '"free_form","purpose":"\ud800"')
        out = list(sendpolicy.audit(POLICY, [line, GOOD % "t"]))
        self.assertEqual(len(out), 2)
        first = json.loads(out[0])
        self.assertEqual(first["reasons"][0]["code"], "invalid_request")
        self.assertEqual(ids(out[1:]), ["t"])


class Limits(unittest.TestCase):
    def test_evaluate_applies_the_line_limit(self):
        big = (GOOD % "big")[:-1] + ',"x":"' + "y" * (1 << 20) + '"}'
        d = sendpolicy.evaluate(POLICY, big)
        self.assertEqual(d.reasons[0].code, "invalid_request")
        self.assertIn("is longer than 1048576 bytes", d.reasons[0].message)
        d = sendpolicy.evaluate(POLICY, big, max_request_bytes=2 << 20)
        self.assertEqual(d.reasons[0].message, "x: unknown field")

    def test_one_rule_for_limits(self):
        with self.assertRaises(ValueError):
            sendpolicy.audit(POLICY, [], max_line_bytes=10)
        with self.assertRaises(ValueError):
            sendpolicy.evaluate(POLICY, GOOD % "a", max_request_bytes=(1 << 30) + 1)
        # 0 is the default, and first_line 0 means 1, as in the C API.
        out = list(sendpolicy.audit(POLICY, ["{"], max_line_bytes=0, first_line=0))
        self.assertIn("line 1: ", json.loads(out[0])["reasons"][0]["message"])


class Catalogue(unittest.TestCase):
    def test_explain_a_reason_and_a_warning(self):
        info = sendpolicy.explain("outside_service_window")
        self.assertEqual(info["code"], "outside_service_window")
        self.assertEqual(info["kind"], "reason")
        self.assertEqual(info["platform_error"], 131047)
        for key in ("summary", "rule", "source", "remedy"):
            self.assertTrue(info[key], key)
        self.assertEqual(sendpolicy.explain("window_closing_soon")["kind"], "warning")
        with self.assertRaises(KeyError):
            sendpolicy.explain("no_such_code")

    def test_catalogue_lists_every_code_once(self):
        reasons = sendpolicy.reason_codes()
        warnings = sendpolicy.warning_codes()
        self.assertIn("invalid_request", [r["code"] for r in reasons])
        self.assertIn("country_derived_from_phone", [w["code"] for w in warnings])
        codes = [r["code"] for r in reasons] + [w["code"] for w in warnings]
        self.assertEqual(len(codes), len(set(codes)) + _shared(reasons, warnings))


def _shared(reasons, warnings):
    # Two codes are both a reason and a warning (a policy knob turns one into the other).
    return len({r["code"] for r in reasons} & {w["code"] for w in warnings})


class FoldConsent(unittest.TestCase):
    LEDGER = [
        {"at": "2026-01-10T09:00:00Z", "kind": "opt_in_collected", "phone": "+393471234567",
         "business": "acme", "purposes": ["order_updates", "marketing"], "method": "checkbox",
         "source": "website"},
        {"at": "2026-02-01T09:00:00Z", "kind": "withdrawn", "phone": "+393471234567",
         "business": "acme", "purposes": ["marketing"], "via": "keyword"},
    ]

    def test_fold_gives_the_consent_a_request_takes(self):
        folded = sendpolicy.fold_consent(self.LEDGER, "2026-03-02T12:00:00Z")
        self.assertEqual(folded["consent"]["status"], "granted")
        self.assertEqual(folded["consent"]["purposes"], ["order_updates"])
        self.assertEqual(folded["withdrawn_purposes"], ["marketing"])
        self.assertEqual(folded["events"], 2)
        # The folded consent goes into a request as it is.
        request = json.loads(GOOD % "f")
        request["consent"] = folded["consent"]
        request["message"] = {"kind": "template", "category": "marketing", "purpose": "marketing",
                              "template": {"name": "promo", "language": "it",
                                           "category": "marketing", "status": "approved"}}
        d = sendpolicy.evaluate(POLICY, request)
        self.assertEqual(d.verdict, "deny")

    def test_a_bsuid_ledger_folds_to_a_consent_keyed_by_user_id(self):
        # A user whose number is hidden (docs/identity.md): the events carry
        # the BSUID only, and the folded consent goes into a request for it.
        bsuid = "US.13491208655302741918"
        ledger = [{k: v for k, v in e.items() if k != "phone"} for e in self.LEDGER]
        for e in ledger:
            e["user_id"] = bsuid
        folded = sendpolicy.fold_consent(ledger, "2026-03-02T12:00:00Z")
        self.assertEqual(folded["consent"]["user_id"], bsuid)
        self.assertEqual(folded["consent"]["phone"], "")
        self.assertEqual(folded["consent"]["purposes"], ["order_updates"])
        # Phone-keyed ledgers keep the v1 object, without user_id.
        self.assertNotIn("user_id", sendpolicy.fold_consent(self.LEDGER, "2026-03-02T12:00:00Z")["consent"])
        with self.assertRaisesRegex(ValueError, r"events\[0\]"):
            sendpolicy.fold_consent([dict(ledger[0], user_id="")], "2026-03-02T12:00:00Z")

    def test_bad_ledgers_raise_naming_the_event(self):
        with self.assertRaisesRegex(ValueError, r"events\[1\]"):
            sendpolicy.fold_consent(self.LEDGER, "2026-01-20T00:00:00Z")  # event after now
        with self.assertRaisesRegex(ValueError, r"events\[0\]\.kind"):
            sendpolicy.fold_consent([{"at": "2026-01-10T09:00:00Z", "kind": "maybe",
                                      "phone": "+393471234567", "business": "acme"}],
                                    "2026-03-02T12:00:00Z")
        with self.assertRaisesRegex(ValueError, "did you mean 'purposes'"):
            sendpolicy.fold_consent([dict(self.LEDGER[0], purpose=["x"])], "2026-03-02T12:00:00Z")


if __name__ == "__main__":
    unittest.main()
