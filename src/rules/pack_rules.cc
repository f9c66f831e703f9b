// Jurisdiction packs (docs/packs.md): every pack bound to the recipient's
// destination and in force at `now` is checked, and they compose so that the
// strictest outcome wins:
//   - quiet hours intersect: the send is deferred to the earliest instant
//     every applicable pack permits (a fixed point over next_permitted);
//   - each frequency cap and consent rule is checked on its own.
// A reason's rule id is the id of the pack that produced it. Reads only the
// policy and the request (the zone is resolved by the caller): no I/O, no
// allocation.
#include <date/tz.h>

#include "rules/facts.h"
#include "sendpolicy/identity.h"
#include "sendpolicy/jurisdictions.h"

namespace sendpolicy {
namespace rules {
namespace {

// Rounds of the quiet-hours fixed point before giving up: each round moves
// to a later window start of some pack, so real schedules settle in two or
// three; windows that never overlap (a broken custom pack) never settle.
constexpr int kMaxRounds = 32;

bool applies(const PackBinding& b, const Facts& f) noexcept {
  const Recipient& to = f.request.recipient;
  // f.country is destination_country(): country, region, BSUID, phone number.
  return b.pack.in_force(f.request.now) &&
         Jurisdictions::selects(b.destination, f.country, to.region);
}

}  // namespace

bool pack_reason_raised(const Facts& f, const SendDecision& d) noexcept {
  for (const PackBinding& b : f.policy.jurisdictions.bindings()) {
    if (!applies(b, f)) continue;
    for (const Reason& r : d.reasons) {
      if (r.rule == b.pack.id) return true;
    }
  }
  return false;
}

namespace {

bool reaches(const QuietHours& q, const Facts& f) noexcept {
  return q.channels.contains(f.request.channel) && q.categories.contains(f.category);
}

bool reaches(const FrequencyCap& c, const Facts& f) noexcept {
  return c.channels.contains(f.request.channel) && c.categories.contains(f.category);
}

void check_quiet_hours(const Facts& f, DecisionBuilder& out) noexcept {
  const Jurisdictions& js = f.policy.jurisdictions;
  const Pack* first = nullptr;
  for (const PackBinding& b : js.bindings()) {
    if (b.pack.quiet_hours && reaches(*b.pack.quiet_hours, f) && applies(b, f)) {
      first = &b.pack;
      break;
    }
  }
  if (first == nullptr) return;
  const date::time_zone* zone = f.request.recipient.zone;
  if (zone == nullptr) {
    out.deny(ReasonCode::kLocalTimeUnknown, first->id, first->id);
    return;
  }
  const Timestamp now = f.request.now;
  Timestamp t = now;
  const Pack* blocking = nullptr;  // the first pack that forbids `now`
  for (int round = 0; round < kMaxRounds; ++round) {
    bool moved = false;
    for (const PackBinding& b : js.bindings()) {
      if (!b.pack.quiet_hours || !reaches(*b.pack.quiet_hours, f) || !applies(b, f)) continue;
      const std::optional<Timestamp> next = next_permitted(b.pack.quiet_hours->permitted, *zone, t);
      if (!next) {
        out.deny(ReasonCode::kQuietHours, b.pack.id, b.pack.id);  // never permitted
        return;
      }
      if (*next > t) {
        if (blocking == nullptr) blocking = &b.pack;
        t = *next;
        moved = true;
      }
    }
    if (!moved) {
      if (t > now) out.defer(ReasonCode::kQuietHours, t, blocking->id, blocking->id);
      return;
    }
  }
  // The packs' hours never overlap: no instant is permitted by all.
  out.deny(ReasonCode::kQuietHours, blocking->id, blocking->id);
}

void check_frequency_caps(const Facts& f, DecisionBuilder& out) noexcept {
  const SentCounters& sent = f.request.recipient.sent;
  for (const PackBinding& b : f.policy.jurisdictions.bindings()) {
    if (!b.pack.frequency_cap || !reaches(*b.pack.frequency_cap, f) || !applies(b, f)) continue;
    const FrequencyCap& cap = *b.pack.frequency_cap;
    const int count = cap.counter == CapCounter::kSamePurpose24h ? sent.same_purpose_24h
                                                                 : sent.marketing_24h;
    if (count < cap.limit) continue;
    // A window that is not positive (a broken custom pack) would give a
    // retry_at at or before now, which reads as "send now": deny instead.
    if (cap.action == CapAction::kDefer && cap.window > Duration::zero()) {
      // The counters say how many, not when: after a full window every
      // counted message has aged out, so this is a safe (late) retry time.
      out.defer(ReasonCode::kFrequencyCap, f.request.now + cap.window, b.pack.id, b.pack.id);
    } else {
      out.deny(ReasonCode::kFrequencyCap, b.pack.id, b.pack.id);
    }
  }
}

void check_marketing_consent(const Facts& f, DecisionBuilder& out) noexcept {
  if (f.category != Category::kMarketing) return;
  const std::optional<ConsentRecord>& consent = f.request.consent;
  // A withdrawal is reported alone by the core rules (wire semantics 3).
  if (f.opted_out_in_history || (consent && consent->withdrawn())) return;
  const Timestamp now = f.request.now;
  for (const PackBinding& b : f.policy.jurisdictions.bindings()) {
    const ConsentRules& rules = b.pack.consent;
    if (!rules.any() || !rules.channels.contains(f.request.channel) || !applies(b, f)) continue;
    const std::string_view id = b.pack.id;
    if (!consent) {
      if (rules.marketing_needs_consent) out.deny(ReasonCode::kNoOptIn, id, id);
      continue;
    }
    const ConsentRecord& c = *consent;
    if (!rules.marketing_bases.contains(c.basis)) {
      out.deny(ReasonCode::kOptInNotActive, id, to_string(c.basis));
    }
    if (rules.written_consent_for_marketing && !is_written_consent(c.method)) {
      out.deny(ReasonCode::kOptInNotActive, id, to_string(c.method));
    }
    if (rules.double_opt_in_for_marketing && !c.double_opt_in_at) {
      out.deny(ReasonCode::kDoubleOptInMissing, id, id);
    }
    const date::months lasts = c.basis == ConsentBasis::kImpliedPurchase  ? rules.implied_purchase_lasts
                               : c.basis == ConsentBasis::kImpliedInquiry ? rules.implied_inquiry_lasts
                                                                          : date::months{0};
    if (lasts.count() > 0 && c.granted_at) {
      const Timestamp expiry = implied_consent_expiry(*c.granted_at, lasts);
      if (now >= expiry) out.deny(ReasonCode::kOptInExpired, id, to_string(c.basis), expiry);
    }
  }
}

}  // namespace

bool pack_judges_marketing_consent(const Facts& f) noexcept {
  if (f.category != Category::kMarketing) return false;
  for (const PackBinding& b : f.policy.jurisdictions.bindings()) {
    const ConsentRules& rules = b.pack.consent;
    if (rules.any() && rules.channels.contains(f.request.channel) && applies(b, f)) return true;
  }
  return false;
}

void check_packs(const Facts& f, DecisionBuilder& out) noexcept {
  check_quiet_hours(f, out);
  check_frequency_caps(f, out);
  check_marketing_consent(f, out);
}

}  // namespace rules
}  // namespace sendpolicy
