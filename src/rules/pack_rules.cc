// Jurisdiction packs (docs/packs.md): every pack bound to the recipient's
// destination and in force is checked, and they compose so that the
// strictest outcome wins:
//   - quiet hours intersect: the send is deferred to the earliest instant
//     every applicable pack permits (a fixed point over next_permitted), and
//     a pack that comes into force (or lapses) before that instant counts
//     from its effective date on;
//   - each frequency cap and consent rule is checked on its own.
// A reason's rule id is the id of the pack that produced it. Packs are
// visited in the documented pack order (ranked_bindings below), never in
// binding order, so the reported rule does not depend on how a policy
// listed its bindings and a dumped policy reports the same. Reads only the
// policy and the request (the zone is resolved by the caller): no I/O, no
// allocation.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include <date/tz.h>

#include "rules/facts.h"
#include "packs/pack_order.h"
#include "zone_offsets.h"
#include "sendpolicy/identity.h"
#include "sendpolicy/jurisdictions.h"
#include "sendpolicy/packs.h"

namespace sendpolicy {
namespace rules {
namespace {

// Rounds of the quiet-hours fixed point before giving up: each round moves
// to a later window start of some pack, so real schedules settle in two or
// three; windows that never overlap (a broken custom pack) never settle.
constexpr int kMaxRounds = 32;

// Details of local_time_unknown and frequency_cap, read by explain.cc.
constexpr std::string_view kNoZoneGiven = "no time zone given";
constexpr std::string_view kZoneNotResolved = "time zone given but not resolved";
constexpr std::string_view kCapsAllMarketing = "all marketing";
constexpr std::string_view kCapsSameSubject = "same subject";

// Bindings ordered at most this many at once (on the stack); validate(Policy)
// refuses longer maps, and beyond it the rest are still checked, in binding order.
constexpr std::size_t kMaxRanked = kMaxPackBindings;

// The one place that says which destination the recipient is in.
bool selects_recipient(std::string_view destination, const Facts& f) noexcept {
  const Recipient& to = f.request.recipient;
  // f.country is destination_country(): country, region, BSUID, phone number.
  return Jurisdictions::selects(destination, f.country, to.region);
}

// `b` is one of f.policy's bindings: its bit of f.selected_bindings, or
// (past the bits, in a policy validate() would refuse) the selector itself.
bool selected(const PackBinding& b, const Facts& f) noexcept {
  const auto i = static_cast<std::size_t>(&b - f.policy.jurisdictions.bindings().data());
  if (i < kSelectedBindingBits) return ((f.selected_bindings >> i) & 1U) != 0;
  return selects_recipient(b.destination, f);
}

// The index of the lowest set bit of `bits` (not 0).
std::size_t lowest_bit(std::uint64_t bits) noexcept {
#if defined(__GNUC__)
  return static_cast<std::size_t>(__builtin_ctzll(bits));
#else
  std::size_t i = 0;
  while (((bits >> i) & 1U) == 0) ++i;
  return i;
#endif
}

// Visits the bindings that select the recipient, in binding order, until
// `visit` returns true, and says whether one did: the set bits of
// f.selected_bindings, then any binding past them tested on its own.
template <class Visit>
bool any_selected(const Facts& f, Visit visit) noexcept {
  const std::vector<PackBinding>& bindings = f.policy.jurisdictions.bindings();
  for (std::uint64_t bits = f.selected_bindings; bits != 0; bits &= bits - 1) {
    if (visit(bindings[lowest_bit(bits)])) return true;
  }
  for (std::size_t i = kSelectedBindingBits; i < bindings.size(); ++i) {
    if (selected(bindings[i], f) && visit(bindings[i])) return true;
  }
  return false;
}

}  // namespace

bool pack_reason_raised(const Facts& f, const SendDecision& d) noexcept {
  if (d.reasons.empty()) return false;
  const Timestamp now = f.request.now;
  return any_selected(f, [&](const PackBinding& b) {
    if (!b.pack.in_force(now)) return false;
    for (const Reason& r : d.reasons) {
      if (r.rule == b.pack.id) return true;
    }
    return false;
  });
}

namespace {

bool reaches(const QuietHours& q, const Facts& f) noexcept {
  return q.channels.contains(f.request.channel) && q.categories.contains(f.category);
}

bool reaches(const FrequencyCap& c, const Facts& f) noexcept {
  return c.channels.contains(f.request.channel) && c.categories.contains(f.category);
}

struct Ranked {
  const PackBinding* binding;
  std::size_t rank;
};

bool before(const Ranked& a, const Ranked& b) noexcept {
  return internal::ranked_before(a.rank, *a.binding, b.rank, *b.binding);
}

// Insertion sort: a handful of items, stable, and (unlike std::stable_sort)
// never allocates.
template <std::size_t N>
void sort_ranked(std::array<Ranked, N>& items, std::size_t size) noexcept {
  for (std::size_t i = 1; i < size; ++i) {
    const Ranked item = items[i];
    std::size_t j = i;
    for (; j > 0 && before(item, items[j - 1]); --j) items[j] = items[j - 1];
    items[j] = item;
  }
}

// As sort_ranked(), for ranks that are places in the pack order (distinct,
// so the rank alone orders them).
template <std::size_t N>
void sort_by_position(std::array<Ranked, N>& items, std::size_t size) noexcept {
  for (std::size_t i = 1; i < size; ++i) {
    const Ranked item = items[i];
    std::size_t j = i;
    for (; j > 0 && item.rank < items[j - 1].rank; --j) items[j] = items[j - 1];
    items[j] = item;
  }
}

// The bindings that select the recipient, in the documented order.
class RankedBindings {
 public:
  explicit RankedBindings(const Facts& f) noexcept {
    const std::vector<PackBinding>& bindings = f.policy.jurisdictions.bindings();
    // The selected ones among the first kSelectedBindingBits (as many as
    // kMaxRanked), by their bits: visiting every binding to test its bit
    // mispredicted a branch per binding.
    static_assert(kMaxRanked == kSelectedBindingBits, "every selected bit fits in items_");
    // Each selected binding's rank: its place in the order Jurisdictions
    // keeps (no ranking of ids per request), else its pack's rank.
    const Jurisdictions::PackPositions positions = f.policy.jurisdictions.pack_positions();
    const bool known = positions.size() == std::min(bindings.size(), kSelectedBindingBits);
    for (std::uint64_t bits = f.selected_bindings; bits != 0; bits &= bits - 1) {
      const std::size_t i = lowest_bit(bits);
      const PackBinding& b = bindings[i];
      items_[size_++] = Ranked{&b, known ? positions[i] : internal::pack_rank(b.pack.id)};
    }
    if (known) {
      sort_by_position(items_, size_);
    } else {
      sort_ranked(items_, size_);
    }
    for (std::size_t i = kSelectedBindingBits; i < bindings.size(); ++i) {
      if (selected(bindings[i], f)) {
        overflow_ = &bindings[i];  // checked after the ranked ones (see kMaxRanked)
        break;
      }
    }
    facts_ = &f;
  }

  template <class F>
  void for_each(F&& f) const noexcept {
    for (std::size_t i = 0; i < size_; ++i) f(*items_[i].binding);
    if (overflow_ == nullptr) return;
    bool past = false;
    for (const PackBinding& b : facts_->policy.jurisdictions.bindings()) {
      past = past || &b == overflow_;
      if (past && selected(b, *facts_)) f(b);
    }
  }

 private:
  std::array<Ranked, kMaxRanked> items_;  // [0, size_) set; not zeroed (1 KB per decision)
  std::size_t size_ = 0;
  const PackBinding* overflow_ = nullptr;
  const Facts* facts_ = nullptr;
};

bool has_quiet_hours(const PackBinding& b, const Facts& f) noexcept {
  return b.pack.quiet_hours && reaches(*b.pack.quiet_hours, f);
}

// The earliest t >= from at which every pack with hours for this message and
// in force AT t permits t: a pack not yet in force at `from` binds from its
// valid_from on (a Texas text deferred to 08:00 on 2025-09-01 must wait for
// 09:00 under us_tx), and one that lapses before its hours open stops
// binding at valid_until. The instant goes to `out` (returns true); false
// when no such instant exists, and `never` then names a pack with no
// permitted hour at all, if that is why. A flag and an out-parameter rather
// than an optional, for the reason find_next_permitted() gives.
bool permitted_from(const Facts& f, const RankedBindings& ranked, ZoneOffsets& zone,
                    Timestamp from, const Pack*& never, Timestamp& out) noexcept {
  Timestamp t = from;
  for (int round = 0; round < kMaxRounds; ++round) {
    bool moved = false;
    ranked.for_each([&](const PackBinding& b) {
      if (never != nullptr || !has_quiet_hours(b, f) || !b.pack.in_force(t)) return;
      Timestamp next;
      Timestamp until = find_next_permitted(b.pack.quiet_hours->permitted, zone, t, next)
                            ? next
                            : Timestamp::max();
      if (b.pack.valid_until) until = std::min<Timestamp>(until, date::sys_days{*b.pack.valid_until});
      if (until == Timestamp::max()) {
        never = &b.pack;  // no permitted hour, ever, while it is in force
        return;
      }
      if (until > t) {
        t = until;
        moved = true;
      }
    });
    if (never != nullptr) return false;
    if (!moved) {
      out = t;
      return true;
    }
  }
  return false;  // the packs' hours never overlap
}

void check_quiet_hours(const Facts& f, const RankedBindings& ranked, DecisionBuilder& out) noexcept {
  const Timestamp now = f.request.now;
  const Pack* first = nullptr;    // the first applicable pack with hours for this message
  const Pack* blocking = nullptr; // the first that forbids `now`
  const Pack* never = nullptr;    // the first with no permitted hours at all
  ranked.for_each([&](const PackBinding& b) {
    if (first == nullptr && has_quiet_hours(b, f) && b.pack.in_force(now)) first = &b.pack;
  });
  // No pack in force forbids now, so now is the earliest permitted instant.
  if (first == nullptr) return;
  const date::time_zone* zone = f.request.recipient.zone;
  if (zone == nullptr) {
    // Say which: no zone given, or a name given that was not resolved.
    out.deny(ReasonCode::kLocalTimeUnknown, first->id,
             f.request.recipient.time_zone.empty() ? kNoZoneGiven : kZoneNotResolved);
    return;
  }
  ZoneOffsets offsets(*zone);  // one tz look-up shared by every pack and round
  ranked.for_each([&](const PackBinding& b) {
    if (blocking != nullptr || !has_quiet_hours(b, f) || !b.pack.in_force(now)) return;
    Timestamp next;
    if (!find_next_permitted(b.pack.quiet_hours->permitted, offsets, now, next) || next > now) {
      blocking = &b.pack;
    }
  });
  if (blocking == nullptr) return;  // every pack in force permits now
  Timestamp t;
  const bool permitted = permitted_from(f, ranked, offsets, now, never, t);
  if (never != nullptr) {
    out.deny(ReasonCode::kQuietHours, never->id, never->id);
  } else if (permitted) {
    out.defer(ReasonCode::kQuietHours, t, blocking->id, blocking->id);
  } else {
    // The packs' hours never overlap: no instant is permitted by all.
    out.deny(ReasonCode::kQuietHours, blocking->id, blocking->id);
  }
}

// A cap that spares an established business relationship (Oregon: a
// purchase within 18 months): an implied-purchase consent granted that
// recently.
bool exempt_from_cap(const FrequencyCap& cap, const Facts& f) noexcept {
  if (cap.purchase_exempts_for.count() <= 0) return false;
  const std::optional<ConsentRecord>& c = f.request.consent;
  return c && !c->withdrawn() && c->basis == ConsentBasis::kImpliedPurchase && c->granted_at &&
         f.request.now < implied_consent_expiry(*c->granted_at, cap.purchase_exempts_for);
}

void check_frequency_caps(const Facts& f, const RankedBindings& ranked, DecisionBuilder& out) noexcept {
  const SentCounters& sent = f.request.recipient.sent;
  ranked.for_each([&](const PackBinding& b) {
    if (!b.pack.frequency_cap || !reaches(*b.pack.frequency_cap, f) || !b.pack.in_force(f.request.now)) {
      return;
    }
    const FrequencyCap& cap = *b.pack.frequency_cap;
    const int count = cap.counter == CapCounter::kSamePurpose24h ? sent.same_purpose_24h
                                                                 : sent.marketing_24h;
    if (count < cap.limit) return;
    if (exempt_from_cap(cap, f)) return;
    const std::string_view what =
        cap.counter == CapCounter::kSamePurpose24h ? kCapsSameSubject : kCapsAllMarketing;
    // A window that is not positive (a broken custom pack) would give a
    // retry_at at or before now, which reads as "send now": deny instead.
    if (cap.action == CapAction::kDefer && cap.window > Duration::zero()) {
      // The counters say how many, not when: after a full window every
      // counted message has aged out, so this is a safe (late) retry time.
      out.defer(ReasonCode::kFrequencyCap, f.request.now + cap.window, b.pack.id, what);
    } else {
      out.deny(ReasonCode::kFrequencyCap, b.pack.id, what);
    }
  });
}

void check_marketing_consent(const Facts& f, const RankedBindings& ranked, DecisionBuilder& out) noexcept {
  if (f.category != Category::kMarketing) return;
  const std::optional<ConsentRecord>& consent = f.request.consent;
  // A withdrawal is reported alone by the core rules (wire semantics 3).
  if (f.opted_out_in_history || (consent && consent->withdrawn())) return;
  const Timestamp now = f.request.now;
  ranked.for_each([&](const PackBinding& b) {
    const ConsentRules& rules = b.pack.consent;
    if (!rules.any() || !rules.channels.contains(f.request.channel) || !b.pack.in_force(now)) return;
    const std::string_view id = b.pack.id;
    if (!consent) {
      if (rules.marketing_needs_consent) out.deny(ReasonCode::kNoOptIn, id, id);
      return;
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
  });
}

// A default pack (Jurisdictions::default_bindings()) whose destination
// selects the recipient but which the policy does not bind for them: legal
// for a business that never sends there, but each such decision says so.
void warn_unbound_default_packs(const Facts& f, DecisionBuilder& out) noexcept {
  if (f.policy.jurisdictions.binds_default_map()) return;  // nobody can lack one
  for (const DefaultBinding& d : Jurisdictions::default_bindings()) {
    if (!selects_recipient(d.destination, f)) continue;
    bool bound = false;
    for (const PackBinding& b : f.policy.jurisdictions.bindings()) {
      if (b.pack.id == d.pack_id && selected(b, f)) {
        bound = true;
        break;
      }
    }
    if (!bound) {
      out.warn(WarningCode::kDefaultPackUnbound, d.pack_id);
      return;  // a warning code appears once: the first unbound pack names it
    }
  }
}

}  // namespace

bool pack_judges_marketing_consent(const Facts& f) noexcept {
  if (f.category != Category::kMarketing) return false;
  return any_selected(f, [&](const PackBinding& b) {
    const ConsentRules& rules = b.pack.consent;
    return rules.any() && rules.channels.contains(f.request.channel) && b.pack.in_force(f.request.now);
  });
}

Timestamp quiet_hours_permit_from(const Facts& f, Timestamp from) noexcept {
  const date::time_zone* zone = f.request.recipient.zone;
  if (zone == nullptr) return from;  // then quiet hours denied (local_time_unknown)
  const RankedBindings ranked(f);
  const Pack* never = nullptr;
  ZoneOffsets offsets(*zone);  // one tz look-up shared by every pack and round
  Timestamp t;
  // No permitted instant at all: check_quiet_hours has denied already when
  // that holds from `now`; keep the time the other rules gave.
  return permitted_from(f, ranked, offsets, from, never, t) ? t : from;
}

void check_packs(const Facts& f, DecisionBuilder& out) noexcept {
  const RankedBindings ranked(f);
  check_quiet_hours(f, ranked, out);
  check_frequency_caps(f, ranked, out);
  check_marketing_consent(f, ranked, out);
  warn_unbound_default_packs(f, out);
}

}  // namespace rules
}  // namespace sendpolicy
