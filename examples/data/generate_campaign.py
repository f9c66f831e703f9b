#!/usr/bin/env python3
"""Generates examples/data/campaign.jsonl: a realistic, deterministic campaign.

Bottega Rossi, an Italian retailer selling across Europe and the Americas,
prepares its spring send-out on WhatsApp: a marketing template to its
customer list, order updates, login codes, and replies that agents and bots
want to send in open conversations; in North America it also texts (SMS,
sent at three times of the day, so some land in the recipient's night) and
answers on Messenger and Instagram. The customer data is what a real CRM
export looks like: most consents are fine, some are stale, pre-ticked,
imported, withdrawn or for another number; a few templates are paused or
rejected; some customers pressed "Stop promotions"; some lines are broken.
Some WhatsApp customers took a username, so the CRM knows them only by their
business-scoped user ID (BSUID, wire v1.1): their consent was collected
under that ID, or linked to it, or (a CRM that never linked the two) is
still filed under the number WhatsApp no longer shows.

Audited with examples/data/campaign-policy.json the file yields every reason
code in the catalogue, the jurisdiction packs' included (tests/cli checks
this). Only the Python 3
standard library is used and the output depends on nothing but SEED, so
regenerating gives identical bytes (tests/cli checks that too):

    python3 examples/data/generate_campaign.py > examples/data/campaign.jsonl
"""
import json
import random
import sys

SEED = 20260302
COUNT = 2000
NOW = "2026-03-02T10:00:00Z"
NOW_DAY = "2026-03-02"
# When the SMS batches go out (a Monday; New York is UTC-5, Chicago UTC-6):
# 05:00 / 04:00 local (quiet hours everywhere), 08:30 / 07:30 (TCPA and
# Florida allow, Texas from 09:00), 12:00 / 11:00 (allowed).
SMS_SLOTS = [("2026-03-02T10:00:00Z", 3), ("2026-03-02T13:30:00Z", 2),
             ("2026-03-02T17:00:00Z", 4)]
SMS_MARKETS = ("US-NY", "US-FL", "US-TX", "US-CA", "CA-ON")

# country, region, time zone, phone prefix, local number length
MARKETS = [
    ("IT", "IT-MI", "Europe/Rome", "+39347", 7, 30),
    ("IT", "IT-RM", "Europe/Rome", "+39333", 7, 15),
    ("DE", "DE-BE", "Europe/Berlin", "+49151", 8, 12),
    ("ES", "ES-MD", "Europe/Madrid", "+34612", 6, 8),
    ("FR", None, "Europe/Paris", "+33612", 6, 8),
    ("GB", None, "Europe/London", "+447700", 6, 6),
    ("BR", "BR-SP", "America/Sao_Paulo", "+55119", 8, 6),
    ("US", "US-NY", "America/New_York", "+1212555", 4, 5),
    ("US", "US-FL", "America/New_York", "+1305555", 4, 4),
    ("US", "US-TX", "America/Chicago", "+1512555", 4, 4),
    ("US", "US-CA", "America/Los_Angeles", "+1415555", 4, 3),
    ("CA", "CA-ON", "America/Toronto", "+1416555", 4, 5),
    ("MX", None, "America/Mexico_City", "+52155", 8, 2),
    ("IN", None, "Asia/Kolkata", "+91981", 7, 2),
]

TEMPLATES = {
    "spring_sale": ("marketing", "spring_offers"),
    "back_in_stock": ("marketing", "spring_offers"),
    "order_shipped": ("utility", "order_updates"),
    "delivery_delayed": ("utility", "order_updates"),
    "login_code": ("authentication", "account_security"),
}
LANGUAGES = {"IT": "it", "DE": "de", "ES": "es", "FR": "fr", "BR": "pt_BR", "MX": "es_MX"}
TEMPLATE_STATUS_FLAWS = ["paused", "rejected", "pending", "disabled", "flagged",
                         "in_appeal", "limit_exceeded", "locked", "pending_deletion",
                         "deleted", "archived"]
INBOUND_TEXTS = ["Ciao, dov'è il mio ordine?", "Hi, any news on my order?", "Hallo!",
                 "¿Tienen la talla M?", "Merci", "Can I change the address?", "grazie mille 🙏",
                 "Olá, preciso de ajuda"]
REPLIES = ["Sure, here is your tracking link.", "Your parcel leaves today.",
           "Yes, size M is back in stock."]


def pick(rng, weighted):
    """weighted: list of (value, weight)."""
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for value, w in weighted:
        x -= w
        if x < 0:
            return value
    return weighted[-1][0]


def ts(day, hh, mm, ss=0):
    return "%sT%02d:%02d:%02dZ" % (day, hh, mm, ss)


def days_before(n):
    """An ISO date n days before 2026-03-02 (proleptic Gregorian)."""
    import datetime
    d = datetime.date(2026, 3, 2) - datetime.timedelta(days=n)
    return d.isoformat()


def phone_for(rng, market):
    prefix, digits = market[3], market[4]
    return prefix + "".join(str(rng.randrange(10)) for _ in range(digits))


def consent_for(rng, phone, purposes, country=None):
    """A consent record as a CRM exports it, with realistic flaws."""
    flaw = pick(rng, [(None, 70), ("withdrawn", 4), ("pre_ticked", 3), ("imported", 3),
                      ("uninformed", 3), ("other_number", 2), ("stale", 4),
                      ("no_double_opt_in", 3), ("whatsapp_not_named", 2),
                      ("number_fixed", 2), ("narrow_purposes", 4)])
    granted_days = rng.randrange(20, 600)
    c = {
        "status": "granted",
        "basis": "express",
        "phone": phone,
        "granted_at": ts(days_before(granted_days), rng.randrange(8, 21), rng.randrange(60)),
        "source": pick(rng, [("website", 50), ("app", 20), ("point_of_sale", 10),
                             ("whatsapp", 8), ("email", 5), ("sms", 3), ("paper", 2),
                             ("phone_call", 1), ("other", 1)]),
        "method": pick(rng, [("checkbox", 60), ("number_entry", 25), ("keyword_reply", 8),
                             ("signature", 5), ("verbal", 2)]),
        "purposes": list(purposes),
        "business_name_shown": True,
        "content_described": True,
        "whatsapp_named": True,
        "number_editable": True,
        "double_opt_in_at": None,
        "notice_version": pick(rng, [("2025-01", 1), ("2025-09", 2), ("2026-01", 2)]),
        "evidence_ref": "form-%05d" % rng.randrange(100000),
    }
    c["double_opt_in_at"] = c["granted_at"][:11] + "23:59:00Z" if granted_days > 1 else None
    if flaw == "withdrawn":
        c["status"] = "withdrawn"
        c["withdrawn_at"] = ts(days_before(rng.randrange(1, min(granted_days, 19))), 9, 30)
    elif flaw in ("pre_ticked", "imported"):
        c["method"] = flaw
    elif flaw == "uninformed":
        c["content_described"] = False
    elif flaw == "other_number":
        c["phone"] = phone[:-2] + ("%02d" % ((int(phone[-2:]) + 17) % 100))
    elif flaw == "stale":
        c["granted_at"] = ts(days_before(rng.randrange(760, 1500)), 11, 0)
        c["double_opt_in_at"] = c["granted_at"][:11] + "23:59:00Z"
        c["basis"] = pick(rng, [("express", 3), ("implied_purchase", 1)])
    elif flaw == "no_double_opt_in":
        c["double_opt_in_at"] = None
    elif flaw == "whatsapp_not_named":
        c["whatsapp_named"] = False
    elif flaw == "number_fixed":
        c["number_editable"] = False
    elif flaw == "narrow_purposes":
        c["purposes"] = ["order_updates"]
    if country == "CA" and flaw is None:
        # CASL: a purchase implies consent for 2 years, an inquiry for 6 months.
        c["basis"] = pick(rng, [("express", 5), ("implied_purchase", 3), ("implied_inquiry", 2)])
    if country == "DE" and flaw is None and rng.random() < 0.2:
        c["double_opt_in_at"] = None  # the confirmation e-mail was never clicked (UWG 7)
    return c


def recipient_for(rng, market, phone, zone_known=0.93):
    r = {"phone": phone, "country": market[0]}
    if market[1]:
        r["region"] = market[1]
    if rng.random() < zone_known:
        r["time_zone"] = market[2]
    if rng.random() < 0.05:
        r["marketing_opted_out"] = True
    sent = rng.randrange(0, 4) if rng.random() < 0.25 else 0
    if sent:
        r["sent"] = {"marketing_24h": sent, "same_purpose_24h": sent}
    return r


def template_message(rng, name, market):
    category, purpose = TEMPLATES[name]
    status = "approved"
    if rng.random() < 0.06:
        status = rng.choice(TEMPLATE_STATUS_FLAWS)
    elif rng.random() < 0.03:
        status = "reinstated"
    quality = pick(rng, [("green", 85), ("yellow", 8), ("red", 4), ("unknown", 3)])
    return {
        "kind": "template",
        "purpose": purpose,
        "template": {"name": name, "language": LANGUAGES.get(market[0], "en"),
                     "category": category, "status": status, "quality": quality},
        "sender": "automation",
    }


def conversation(rng, hours_ago):
    """History with the customer's last message `hours_ago` hours before now."""
    minutes = int(hours_ago * 60)
    day = NOW_DAY if minutes <= 600 else days_before(1 + (minutes - 600) // 1440)
    mins_of_day = (600 - minutes) % 1440
    at = ts(day, mins_of_day // 60, mins_of_day % 60)
    return [{"at": at, "direction": "inbound", "type": "text",
             "text": rng.choice(INBOUND_TEXTS), "sender": "customer"}]


def sms_request(rng, n):
    """A text to a North American customer: promotion or order update."""
    market = pick(rng, [(m, m[5]) for m in MARKETS if m[1] in SMS_MARKETS])
    phone = phone_for(rng, market)
    req = {"id": "spring-%05d" % n, "now": pick(rng, SMS_SLOTS), "channel": "sms"}
    # The CRM lacks the time zone of some Florida customers (no quiet-hours
    # check possible: local_time_unknown).
    req["recipient"] = recipient_for(rng, market, phone,
                                     0.75 if market[1] == "US-FL" else 0.97)
    marketing = rng.random() < 0.75
    purpose = "spring_offers" if marketing else "order_updates"
    if rng.random() < 0.95:
        req["consent"] = consent_for(rng, phone, ["spring_offers", "order_updates"], market[0])
    if rng.random() < 0.04:  # the customer texted STOP
        req["history"] = [{"at": "2026-02-27T18:12:00Z", "direction": "inbound",
                           "type": "text", "text": "STOP", "sender": "customer"}]
    req["message"] = {"kind": "free_form",
                      "category": "marketing" if marketing else "utility",
                      "purpose": purpose, "sender": "automation"}
    return req


def request(rng, n):
    market = pick(rng, [(m, m[5]) for m in MARKETS])
    phone = phone_for(rng, market)
    kind = pick(rng, [("marketing", 50), ("utility", 18), ("auth", 5), ("reply", 15),
                      ("messenger", 4), ("tagged", 1), ("sms", 9)])
    if kind == "sms":
        return sms_request(rng, n)
    req = {"id": "spring-%05d" % n, "now": NOW}
    if kind == "messenger":
        req["channel"] = pick(rng, [("messenger", 2), ("instagram", 1)])
    req["recipient"] = recipient_for(rng, market, phone)
    if kind in ("marketing", "utility", "auth"):
        name = {"marketing": rng.choice(["spring_sale", "spring_sale", "back_in_stock"]),
                "utility": rng.choice(["order_shipped", "delivery_delayed"]),
                "auth": "login_code"}[kind]
        if rng.random() < 0.92:
            req["consent"] = consent_for(rng, phone, ["spring_offers", "order_updates",
                                                      "account_security"], market[0])
        if rng.random() < 0.2:
            req["window"] = {"last_inbound_at": conversation(rng, rng.uniform(0.2, 40))[0]["at"],
                             "entry_point": pick(rng, [("organic", 6), ("ctwa_ad", 2),
                                                       ("page_cta", 1)])}
        req["message"] = template_message(rng, name, market)
    else:
        hours = pick(rng, [(rng.uniform(0.1, 0.9), 2), (rng.uniform(1, 23.5), 10),
                           (rng.uniform(24.5, 72), 5)])
        history = conversation(rng, hours)
        if rng.random() < 0.3:
            history.append({"at": history[0]["at"][:17] + "30Z", "direction": "outbound",
                            "type": "text", "text": rng.choice(REPLIES),
                            "sender": pick(rng, [("human", 1), ("automation", 1)])})
        if rng.random() < 0.06:  # the customer opted out in the conversation
            history.append({"at": history[-1]["at"][:17] + "45Z", "direction": "inbound",
                            "type": "text", "text": rng.choice(["STOP", "Stop", "unsubscribe"]),
                            "sender": "customer"})
        req["history"] = history
        if rng.random() < 0.5:
            req["consent"] = consent_for(rng, phone, ["order_updates"], market[0])
        msg = {"kind": "free_form", "category": "service",
               "sender": pick(rng, [("human", 3), ("automation", 2)])}
        if kind == "tagged":
            msg["tag"] = "human_agent"
        if kind == "messenger" and rng.random() < 0.5:
            msg["tag"] = pick(rng, [("human_agent", 2), ("account_update", 1),
                                    ("post_purchase_update", 1), ("confirmed_event_update", 1)])
        req["message"] = msg
    return req


# WhatsApp customers known by a BSUID only. Chosen with their own random
# stream, after a request is built, so every other line stays as it was.
USERNAME_SHARE = 0.08


def bsuid_for(rng, country):
    return country + "." + "".join(str(rng.randrange(10)) for _ in range(20))


def as_username_user(rng, req):
    """The request with the number hidden: recipient.user_id instead of phone."""
    recipient = req["recipient"]
    phone = recipient.pop("phone")
    country = recipient["country"]
    user_id = bsuid_for(rng, country)
    recipient["user_id"] = user_id
    if rng.random() < 0.3:
        # No country in the CRM: the BSUID's prefix stands for it.
        del recipient["country"]
    consent = req.get("consent")
    if consent is None:
        return req
    # A consent filed under another number ("other_number") belongs to
    # someone else: under a BSUID it is another user's ID.
    own = consent["phone"] == phone
    keyed = pick(rng, [("user_id", 6), ("both", 3), ("phone", 1)])
    if keyed in ("user_id", "both"):
        consent["user_id"] = user_id if own else bsuid_for(rng, country)
    if keyed == "user_id":
        del consent["phone"]
    return req


# Lines a real export contains by mistake, one of each kind, at fixed places.
BROKEN = {
    97: '{"id":"spring-broken-1","now":"2026-03-02T10:00:00Z","recipient":{"phone":"+393471112223"',
    311: '{"id":"spring-broken-2","now":"2026-03-02T10:00:00Z","recipient":{"phone":393471112223},'
         '"message":{"kind":"free_form"}}',
    523: '{"id":"spring-broken-3","now":"2026-03-02T10:00:00Z","recipient":{"phone":"+393471112223"},'
         '"message":{"kind":"template","template":{"name":"spring_sale","category":"promo",'
         '"status":"approved"}}}',
    788: '{"id":"spring-broken-4","now":"2026-03-02T10:00:00Z","recipient":{"phone":"+393471112223",'
         '"email":"anna@example.com"},"message":{"kind":"free_form"}}',
    1024: '',
    1350: '{"id":"spring-broken-6","now":"2026-03-02 10:00","recipient":{"phone":"+393471112223"},'
          '"message":{"kind":"free_form"}}',
    1601: '{"id":"spring-broken-7","now":"2026-03-02T10:00:00Z","recipient":{"phone":"+39 347 111 2223"},'
          '"message":{"kind":"free_form"}}',
    1777: '{"id":"spring-broken-8","now":"2026-03-02T10:00:00Z","recipient":{"phone":"+393471112223"},'
          '"consent":{"status":"granted","phone":"+393471112223","granted_at":"2026-04-01T00:00:00Z",'
          '"method":"checkbox","purposes":["spring_offers"]},'
          '"message":{"kind":"template","purpose":"spring_offers","template":{"name":"spring_sale",'
          '"category":"marketing","status":"approved"}}}',
    1900: '{"id":"spring-broken-9","now":"2026-03-02T10:00:00Z","recipient":{"phone":"+393471112223",'
          '"time_zone":"Europe/Milan"},"message":{"kind":"free_form"}}',
}


def main():
    rng = random.Random(SEED)
    usernames = random.Random(SEED + 1)
    out = sys.stdout.buffer
    for n in range(1, COUNT + 1):
        if n in BROKEN:
            line = BROKEN[n]
        else:
            req = request(rng, n)
            if req.get("channel", "whatsapp") == "whatsapp" and usernames.random() < USERNAME_SHARE:
                req = as_username_user(usernames, req)
            line = json.dumps(req, ensure_ascii=False, separators=(",", ":"))
        out.write(line.encode("utf-8") + b"\n")


if __name__ == "__main__":
    main()
