// sendpolicy/rule_calendar.h
//
// The rule calendar: every dated change of a platform rule or a law that
// sendpolicy applies, in one table (what changed, from when, until when, the
// source and how sure the research is). Rules ask the calendar whether a
// change is in force at the request's `now` (wire semantics 7: a request
// dated before a change gets the old answer), so the next change Meta or a
// legislature makes is one row here, not a hunt through rule code.
// docs/rules.md ("What changed when") mirrors the table and a test checks
// that the two agree; `sendpolicy explain CODE` prints the rows that touch a
// code.
//
// Dates are instants in UTC at 00:00 of the day. Meta switches pricing at
// midnight in each business account's own time zone: a business east or west
// of UTC sees the switch up to 14 hours earlier or later than the calendar
// (documented in docs/rules.md).
//
//   if (sendpolicy::in_force(sendpolicy::RuleChange::kServiceMessagesBilled, now)) ...
#ifndef SENDPOLICY_RULE_CALENDAR_H_
#define SENDPOLICY_RULE_CALENDAR_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include <date/date.h>

#include "sendpolicy/time.h"

namespace sendpolicy {

// One enumerator per dated change, in calendar order (by start date).
enum class RuleChange : unsigned char {
  kCaCasl,                      // CASL in force (ca_casl pack)
  kUsFlMiniTcpa,                // Florida mini-TCPA amendments (us_fl pack)
  kUsOkMiniTcpa,                // Oklahoma OTSA (us_ok pack)
  kUsCtTexts,                   // Connecticut SB 1058: texts are sales calls (us_ct pack)
  kUsMdMiniTcpa,                // Maryland Stop the Spam Calls Act (us_md pack)
  kFccOptOutConfirmation,       // 47 CFR 64.1200(a)(12): one confirmation text
  kUsMarketingPause,            // WhatsApp: no marketing templates to US numbers
  kFccRevocationRules,          // 47 CFR 64.1200(a)(10): per-se opt-out words
  kUtilityFreeInWindow,         // WhatsApp: utility templates free in the window
  kUsTxSb140,                   // Texas SB 140: texts are telephone solicitation (us_tx pack)
  kUsOrHb3865,                  // Oregon HB 3865 (us_or pack)
  kMessengerUpdateTagsRetired,  // Messenger: only HUMAN_AGENT remains
  kServiceMessagesBilled,       // WhatsApp: free-form replies in the window billed
};
inline constexpr std::size_t kRuleChangeCount = 13;

struct RuleChangeInfo {
  RuleChange change;
  std::string_view id;     // stable, e.g. "whatsapp.billing.service_messages"
  std::string_view what;   // one sentence: what applies while in force
  date::sys_days from;     // first day in force (00:00 UTC)
  // First day no longer in force (exclusive); nullopt while open-ended.
  std::optional<date::sys_days> until;
  std::string_view source;
  std::string_view confidence;  // research mark: "H" (primary or agreeing sources) or "M"
  // Wire names the change decides (reason codes, billing values, packs),
  // separated by spaces; `sendpolicy explain CODE` matches against them.
  std::string_view affects;
};

namespace rule_calendar_detail {
constexpr date::sys_days day(int y, unsigned m, unsigned d) noexcept {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}};
}
}  // namespace rule_calendar_detail

inline constexpr std::array<RuleChangeInfo, kRuleChangeCount> kRuleCalendar = {{
    {RuleChange::kCaCasl, "ca_casl", "Canada's Anti-Spam Legislation applies to commercial electronic messages.",
     rule_calendar_detail::day(2014, 7, 1), std::nullopt, "S.C. 2010, c. 23, s. 6, 10", "H",
     "ca_casl no_opt_in opt_in_not_active opt_in_expired"},
    {RuleChange::kUsFlMiniTcpa, "us_fl",
     "Florida: texts 08:00-20:00, 3 per 24 h on the same subject, written consent for automated texts.",
     rule_calendar_detail::day(2021, 7, 1), std::nullopt,
     "Fla. Stat. 501.616(6), 501.059(8)(a); SB 1120 (2021)", "H",
     "us_fl quiet_hours frequency_cap opt_in_not_active"},
    {RuleChange::kUsOkMiniTcpa, "us_ok",
     "Oklahoma: texts 08:00-20:00, 3 per 24 h on the same subject, written consent for automated texts.",
     rule_calendar_detail::day(2022, 11, 1), std::nullopt, "Okla. Stat. tit. 15 775C.1 et seq. (HB 3168)",
     "H", "us_ok quiet_hours frequency_cap opt_in_not_active"},
    {RuleChange::kUsCtTexts, "us_ct",
     "Connecticut: marketing texts are telephonic sales calls: 09:00-20:00 local, prior express written "
     "consent.",
     rule_calendar_detail::day(2023, 10, 1), std::nullopt,
     "Conn. Gen. Stat. 42-288a as amended by SB 1058 (2023)", "M",
     "us_ct quiet_hours no_opt_in opt_in_not_active"},
    {RuleChange::kUsMdMiniTcpa, "us_md",
     "Maryland: texts 08:00-20:00, 3 per 24 h on the same subject, written consent for automated texts.",
     rule_calendar_detail::day(2024, 1, 1), std::nullopt, "Md. Com. Law 14-4501 et seq. (SB 90, 2023)",
     "H", "us_md quiet_hours frequency_cap opt_in_not_active"},
    {RuleChange::kFccOptOutConfirmation, "fcc.opt_out.confirmation",
     "One non-marketing text confirming an opt-out may be sent within 5 minutes of it "
     "(message.confirms_opt_out).",
     rule_calendar_detail::day(2024, 4, 4), std::nullopt, "47 CFR 64.1200(a)(12); FCC 24-24", "H",
     "opt_in_withdrawn"},
    {RuleChange::kUsMarketingPause, "whatsapp.marketing.us_pause",
     "WhatsApp does not deliver marketing templates to US (+1, US area code) numbers (error 131049); "
     "no end announced. Policy knob us_marketing_pause_from defaults to this date.",
     rule_calendar_detail::day(2025, 4, 1), std::nullopt,
     "Meta, Per-user marketing limits (US marketing pause); AWS End User Messaging docs", "H",
     "destination_restricted"},
    {RuleChange::kFccRevocationRules, "fcc.opt_out.per_se_words",
     "STOP, QUIT, END, REVOKE, OPT OUT, CANCEL and UNSUBSCRIBE are per-se revocations of consent; "
     "every keyword set keeps them.",
     rule_calendar_detail::day(2025, 4, 11), std::nullopt, "47 CFR 64.1200(a)(10); FCC 24-24", "H",
     "opt_in_withdrawn"},
    {RuleChange::kUtilityFreeInWindow, "whatsapp.billing.utility_free_in_window",
     "WhatsApp per-message pricing: a utility template inside an open service window is free.",
     rule_calendar_detail::day(2025, 7, 1), rule_calendar_detail::day(2026, 10, 1),
     "Meta, Pricing (per-message pricing, 2025-07-01); WasapFlow changelog; ChakraHQ, YCloud (2026-10-01 "
     "end)",
     "H", "utility_free_in_window utility"},
    {RuleChange::kUsTxSb140, "us_tx",
     "Texas: text solicitations only Mon-Sat 09:00-21:00, Sunday 12:00-21:00 local.",
     rule_calendar_detail::day(2025, 9, 1), std::nullopt,
     "Tex. Bus. & Com. Code 301.051; ch. 302 as amended by SB 140 (2025)", "H", "us_tx quiet_hours"},
    {RuleChange::kUsOrHb3865, "us_or",
     "Oregon: marketing texts 08:00-20:00 local, at most 3 per 24 h unless a purchase within 18 months; "
     "direct replies exempt.",
     rule_calendar_detail::day(2026, 1, 1), std::nullopt, "Oregon HB 3865 (2025), ORS 646.561 et seq.",
     "H", "us_or quiet_hours frequency_cap"},
    {RuleChange::kMessengerUpdateTagsRetired, "messenger.tags.update_tags_retired",
     "Messenger rejects CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE and ACCOUNT_UPDATE (error 100); "
     "only HUMAN_AGENT remains. Utility templates replace them.",
     rule_calendar_detail::day(2026, 4, 27), std::nullopt,
     "erxes PR #9177 (verified against the Send API); chatwoot issue #14674; Meta, Messenger utility "
     "messages",
     "H", "tag_not_allowed"},
    {RuleChange::kServiceMessagesBilled, "whatsapp.billing.service_messages",
     "WhatsApp bills free-form (service) messages inside the window at the market's utility rate; "
     "free entry points stay free.",
     rule_calendar_detail::day(2026, 10, 1), std::nullopt,
     "Meta, Pricing: non-template messages; WasapFlow changelog; ChakraHQ, YCloud", "H",
     "service free_service"},
}};

namespace rule_calendar_detail {
constexpr bool in_enum_order() noexcept {
  for (std::size_t i = 0; i < kRuleCalendar.size(); ++i) {
    if (static_cast<std::size_t>(kRuleCalendar[i].change) != i) return false;
    if (i > 0 && kRuleCalendar[i].from < kRuleCalendar[i - 1].from) return false;
  }
  return true;
}
}  // namespace rule_calendar_detail
static_assert(rule_calendar_detail::in_enum_order(),
              "calendar rows follow RuleChange order, which is by start date");

constexpr const RuleChangeInfo& rule_change(RuleChange change) noexcept {
  const auto i = static_cast<std::size_t>(change);
  return kRuleCalendar[i < kRuleCalendar.size() ? i : 0];
}

// The first instant the change applies.
constexpr Timestamp in_force_from(RuleChange change) noexcept {
  return Timestamp{rule_change(change).from};
}

// True iff the change applies at `now`: from <= now < until.
constexpr bool in_force(RuleChange change, Timestamp now) noexcept {
  const RuleChangeInfo& c = rule_change(change);
  return Timestamp{c.from} <= now && (!c.until || now < Timestamp{*c.until});
}

// True iff `name` (a wire name) is one of the words in `change.affects`.
constexpr bool affects(const RuleChangeInfo& change, std::string_view name) noexcept {
  std::string_view rest = change.affects;
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    const std::string_view word = rest.substr(0, space);
    if (word == name) return true;
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return false;
}

}  // namespace sendpolicy

#endif  // SENDPOLICY_RULE_CALENDAR_H_
