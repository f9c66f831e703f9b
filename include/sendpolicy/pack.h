// sendpolicy/pack.h
//
// A Pack is one jurisdiction's (or platform's) sending rules as a plain,
// constexpr-friendly value: permitted local hours, a frequency cap, consent
// rules, the dates it is in force, and the sources it was written from. Packs
// compose: every pack that applies to a recipient is checked and the
// strictest outcome wins (quiet hours intersect; any cap or consent rule that
// fails is reported). Which packs apply to whom is a Jurisdictions map in the
// Policy (jurisdictions.h); docs/packs.md lists the built-in packs.
//
// A custom pack (see examples/custom_pack.cc):
//
//   using namespace std::chrono_literals;
//   sendpolicy::Pack acme;
//   acme.id = "acme_quiet";                 // also the rule id of its reasons
//   acme.name = "ACME house rules";
//   acme.quiet_hours = sendpolicy::QuietHours{
//       sendpolicy::WeeklyHours::every_day({9h, 18h})};
//   acme.sources = "ACME compliance memo 2026-01";
//   policy.jurisdictions.bind("US", acme);
//
// Ids, names and sources are string_views: give them static storage (string
// literals), because decisions refer to them without copying.
#ifndef SENDPOLICY_PACK_H_
#define SENDPOLICY_PACK_H_

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

#include <date/date.h>

#include "sendpolicy/enums.h"
#include "sendpolicy/local_hours.h"
#include "sendpolicy/time.h"

namespace sendpolicy {

// A small set of enumerators of E, as a bit mask.
template <class E>
class EnumSet {
 public:
  constexpr EnumSet() noexcept = default;
  constexpr EnumSet(std::initializer_list<E> values) noexcept {
    for (E v : values) add(v);
  }
  static constexpr EnumSet all() noexcept {
    EnumSet s;
    s.bits_ = (std::uint32_t{1} << EnumTraits<E>::kCount) - 1;
    return s;
  }
  constexpr EnumSet& add(E v) noexcept {
    bits_ |= bit(v);
    return *this;
  }
  constexpr EnumSet& add(EnumSet other) noexcept {
    bits_ |= other.bits_;
    return *this;
  }
  constexpr bool contains(E v) const noexcept { return (bits_ & bit(v)) != 0; }
  constexpr bool empty() const noexcept { return bits_ == 0; }
  constexpr bool operator==(EnumSet o) const noexcept { return bits_ == o.bits_; }

 private:
  static constexpr std::uint32_t bit(E v) noexcept {
    return std::uint32_t{1} << static_cast<unsigned>(v);
  }
  std::uint32_t bits_ = 0;
};

using ChannelSet = EnumSet<Channel>;
using CategorySet = EnumSet<Category>;
using ConsentBasisSet = EnumSet<ConsentBasis>;

// Permitted local sending hours for some content on some channels. Outside
// them the verdict is `defer` (`quiet_hours`) with retry_at = the next
// permitted instant; with no known zone it is `local_time_unknown`.
struct QuietHours {
  WeeklyHours permitted;
  // Telephone-solicitation statutes reach marketing content; widen with
  // Jurisdictions::widen() to cover more.
  CategorySet categories{Category::kMarketing};
  ChannelSet channels{Channel::kSms};
};

// Which caller-supplied counter (Recipient::sent) a cap reads.
enum class CapCounter : unsigned char {
  kSamePurpose24h,  // messages of this message's purpose ("same subject")
  kMarketing24h,    // marketing messages of any purpose
};

// What a reached cap does.
enum class CapAction : unsigned char {
  kDefer,  // verdict defer, retry_at = now + window (when every counted message has aged out)
  kDeny,
};

// At most `limit` messages in the rolling `window`: the message that would be
// number limit + 1 is refused (`frequency_cap`).
struct FrequencyCap {
  int limit = 0;
  Duration window = std::chrono::hours(24);  // must be positive to defer, else deny
  CapCounter counter = CapCounter::kSamePurpose24h;
  CategorySet categories{Category::kMarketing};
  ChannelSet channels{Channel::kSms};
  CapAction action = CapAction::kDefer;
  // Not applied while the consent on file is an implied-purchase one granted
  // less than this long ago (Oregon HB 3865: a purchase within 18 months is
  // an established business relationship). 0 = no exemption.
  date::months purchase_exempts_for{0};
};

// Consent rules for marketing content (CASL "commercial electronic
// messages", TCPA "telephone solicitation", ePrivacy "direct marketing").
// Non-marketing content is left to the core opt-in rules.
struct ConsentRules {
  ChannelSet channels = ChannelSet::all();
  // Marketing needs a consent on file even as a reply inside a service
  // window (a customer's message is not consent to promotion).
  bool marketing_needs_consent = false;
  // Bases a marketing consent may rest on; others get `opt_in_not_active`.
  ConsentBasisSet marketing_bases = ConsentBasisSet::all();
  // TCPA "prior express written consent": the method must be a signed
  // writing (see is_written_consent); verbal gets `opt_in_not_active`.
  bool written_consent_for_marketing = false;
  // Confirmed double opt-in for marketing (`double_opt_in_missing`).
  bool double_opt_in_for_marketing = false;
  // How long implied consent lasts from `granted_at` (the purchase or the
  // inquiry); 0 = no limit. Express consent never expires by statute.
  date::months implied_purchase_lasts{0};
  date::months implied_inquiry_lasts{0};

  constexpr bool any() const noexcept {
    return marketing_needs_consent || !(marketing_bases == ConsentBasisSet::all()) ||
           written_consent_for_marketing || double_opt_in_for_marketing ||
           implied_purchase_lasts.count() > 0 || implied_inquiry_lasts.count() > 0;
  }
};

struct Pack {
  std::string_view id;    // stable, snake_case ("us_fl"); the `rule` of its reasons
  std::string_view name;  // for people ("Florida Telephone Solicitation Act")
  std::optional<QuietHours> quiet_hours;
  std::optional<FrequencyCap> frequency_cap;
  ConsentRules consent;
  // In force from `valid_from` (inclusive) until `valid_until` (exclusive),
  // judged at the request's `now`.
  std::optional<date::sys_days> valid_from;
  std::optional<date::sys_days> valid_until;
  std::string_view sources;  // statutes, regulations, pages it encodes

  constexpr bool in_force(Timestamp now) const noexcept {
    return (!valid_from || now >= *valid_from) && (!valid_until || now < *valid_until);
  }
};

// Methods that count as a signed written agreement for TCPA "prior express
// written consent" (47 CFR 64.1200(f)(9); E-SIGN signatures allowed): a
// ticked box, a typed number on a consent form, a keyword reply, a signature.
// Verbal consent is express but not written.
constexpr bool is_written_consent(ConsentMethod method) noexcept {
  switch (method) {
    case ConsentMethod::kCheckbox:
    case ConsentMethod::kNumberEntry:
    case ConsentMethod::kKeywordReply:
    case ConsentMethod::kSignature:
      return true;
    default:
      return false;
  }
}

// When an implied consent granted at `granted_at` lapses: `lasts` calendar
// months later, at the same time of day (from that instant on it is expired).
// A day that does not exist in the target month (29 Feb + 2 years) is clamped
// to the month's last day, the earlier (conservative) reading.
constexpr Timestamp implied_consent_expiry(Timestamp granted_at, date::months lasts) noexcept {
  const date::sys_days day = date::floor<date::days>(granted_at);
  const Duration time_of_day = granted_at - day;
  date::year_month_day ymd = date::year_month_day{day} + lasts;
  if (!ymd.ok()) ymd = date::year_month_day_last{ymd.year(), date::month_day_last{ymd.month()}};
  return date::sys_days{ymd} + time_of_day;
}

}  // namespace sendpolicy

#endif  // SENDPOLICY_PACK_H_
