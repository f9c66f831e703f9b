// sendpolicy/policy.h
//
// Policy: which rules apply and how strictly, as plain data with documented
// defaults (the shape of cel-cpp's RuntimeOptions). Build one at start-up,
// share it between threads (evaluate() only reads it), and pass it to every
// evaluate() call.
//
//   sendpolicy::Policy policy = sendpolicy::Policy::whatsapp();
//   policy.block_red_quality_templates = true;
//   policy.max_consent_age = std::chrono::hours(24 * 365 * 2);
#ifndef SENDPOLICY_POLICY_H_
#define SENDPOLICY_POLICY_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "sendpolicy/enums.h"
#include "sendpolicy/jurisdictions.h"
#include "sendpolicy/lifecycle/keywords.h"
#include "sendpolicy/rule_calendar.h"
#include "sendpolicy/time.h"
#include "sendpolicy/window.h"

namespace sendpolicy {

// A set of template statuses, as a bit mask over TemplateStatus.
class TemplateStatusSet {
 public:
  constexpr TemplateStatusSet() noexcept = default;
  constexpr TemplateStatusSet(std::initializer_list<TemplateStatus> statuses) noexcept {
    for (TemplateStatus s : statuses) add(s);
  }
  constexpr void add(TemplateStatus s) noexcept { bits_ |= bit(s); }
  constexpr void remove(TemplateStatus s) noexcept { bits_ &= ~bit(s); }
  constexpr bool contains(TemplateStatus s) const noexcept { return (bits_ & bit(s)) != 0; }
  constexpr bool operator==(const TemplateStatusSet& o) const noexcept { return bits_ == o.bits_; }

 private:
  static constexpr std::uint32_t bit(TemplateStatus s) noexcept {
    return std::uint32_t{1} << static_cast<unsigned>(s);
  }
  std::uint32_t bits_ = 0;
};

// Which conversation events count as customer contact that opens or
// refreshes the service window. Meta documents messages and calls; reactions
// and system events are undocumented, so they are off by default (the
// conservative reading; docs/lifecycle.md).
struct WindowOpeners {
  bool reactions = false;
  bool system_events = false;
};

// The longest reply window for SMS (see Policy::sms_reply_window): a reply
// later than this answers no recent conversation and needs consent on file.
inline constexpr Duration kMaxSmsReplyWindow = std::chrono::hours(24);

// What the platforms enforce whatever a policy says. A policy may be
// stricter; looser values are errors (validate(const Policy&) in
// policy_check.h), except through the named loosening knobs, which leave a
// warning in each decision they change.
inline constexpr Duration kMaxServiceWindow = std::chrono::hours(24);       // Meta: 24 h (131047)
inline constexpr Duration kMaxHumanAgentWindow = std::chrono::hours(24 * 7); // Meta: HUMAN_AGENT 7 days
// Meta stopped delivering marketing templates to US numbers on this day.
inline constexpr Timestamp kUsMarketingPauseStart = in_force_from(RuleChange::kUsMarketingPause);
// The statuses Meta sends in; flagged, locked and in_appeal may be added
// (a documented loosening, warning template_status_relaxed), no others.
inline constexpr TemplateStatusSet kPlatformSendableStatuses{TemplateStatus::kApproved,
                                                             TemplateStatus::kReinstated};
inline constexpr TemplateStatusSet kRelaxableStatuses{
    TemplateStatus::kFlagged, TemplateStatus::kLocked, TemplateStatus::kInAppeal};
// Meta's cap on connected business-initiated calls per user in 24 h.
inline constexpr int kMaxCallCap24h = 100;
// Business-number countries without business-initiated calls: US, CA, EG,
// VN, NG (Meta, Calling API availability; Twilio 37007) and TR (respond.io).
inline constexpr std::array<std::string_view, 6> kCallingUnavailableCountries = {
    "US", "CA", "EG", "VN", "NG", "TR"};

struct Policy {
  // --- Customer service window (Meta "Send messages"; 131047) ---
  // At most kMaxServiceWindow (shorter is stricter); see policy_check.h for
  // every knob's bounds and the loosening knobs' warnings.
  Duration service_window = kStandardWindow;
  // Inside an open window Meta needs no opt-in for replies (wire semantics 5).
  // Set these to demand a standing opt-in anyway.
  bool free_form_in_window_needs_opt_in = false;
  bool utility_in_window_needs_opt_in = false;
  WindowOpeners window_openers;

  // --- Keywords in conversation history (docs/lifecycle.md) ---
  // Opt-out / opt-in / help words: English (Twilio's list) unless locale
  // packs or custom words are added. evaluate() only reads them.
  KeywordRules keywords;
  // What undoes a keyword opt-out: only an opt-in keyword (default), or any
  // later inbound message too (Odoo). Decisions warn which one applied.
  ReOptInModel re_opt_in = ReOptInModel::kExplicitKeyword;

  // --- Templates (Meta template status and quality) ---
  // Statuses a template may be sent in. Meta: only APPROVED is sendable;
  // REINSTATED means sendable again.
  TemplateStatusSet sendable_statuses = kPlatformSendableStatuses;
  // Red-quality templates are still sendable at Meta, but are paused soon.
  bool block_red_quality_templates = false;

  // --- Opt-in (Meta "Get opt-in"; GDPR Art. 4(11), 7) ---
  Enforcement whatsapp_not_named = Enforcement::kWarn;   // Meta recommends naming WhatsApp
  Enforcement number_not_editable = Enforcement::kWarn;  // the user controls the number
  std::optional<Duration> max_consent_age;  // none: consent lasts until withdrawn
  bool require_double_opt_in = false;       // every opt-in must be confirmed

  // --- Marketing (Meta marketing templates; 131050, 131049) ---
  // Off: a loosening knob (warning marketing_opt_out_not_honoured).
  bool honour_marketing_opt_out = true;
  // Meta stopped delivering marketing templates to US numbers on 2025-04-01
  // (the rule calendar's date; a knob so a lift can be applied before a release).
  // Off: a loosening knob (warning us_marketing_pause_not_applied). The date
  // may be earlier than Meta's (stricter), never later.
  bool us_marketing_pause = true;
  Timestamp us_marketing_pause_from = kUsMarketingPauseStart;
  // Meta's wording is "all marketing template messages"; whether an open
  // window lifts the pause is undocumented, so by default it does not.
  bool us_marketing_pause_in_window = true;
  // A per-user marketing cap in 24 h, if the sender has learnt one (Meta
  // publishes no number; 131049). nullopt: not checked.
  std::optional<int> marketing_cap_24h;

  // --- SMS replies to the consumer's own text (wire v1.1) ---
  // A non-marketing SMS within this long of the consumer's last inbound text
  // answers a conversation they started and needs no consent on file (FCC
  // on-demand text ruling, 2012; CTIA Messaging Principles 5.1.1; Oregon HB
  // 3865 exempts direct replies). Opt-outs still block. 0 disables it (every
  // text needs consent, the pre-v1.1 reading). The 24 h is CTIA's practice,
  // not a statute's number: a knob that may only tighten it. A longer value
  // is read as kMaxSmsReplyWindow (the policy file refuses it).
  Duration sms_reply_window = kMaxSmsReplyWindow;

  // Warn when the window closes in less than this (0 disables).
  Duration window_closing_soon = std::chrono::hours(1);

  // --- Messenger and Instagram message tags (Meta, Messenger Platform policy) ---
  // HUMAN_AGENT: a human's reply until this long after the user's last
  // message; at most kMaxHumanAgentWindow.
  Duration human_agent_window = std::chrono::hours(24 * 7);
  // CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE, ACCOUNT_UPDATE (Messenger
  // only). Meta may replace them with utility templates: turn off then.
  bool messenger_update_tags = true;

  // --- WhatsApp business-initiated calls (Meta, User call permissions; docs/calls.md) ---
  // Connected business-initiated calls per user in 24 h. Meta says 100 today
  // (earlier 5, then 10; Twilio error 37006 still says 5), so it is a knob.
  int call_cap_24h = 100;
  // The country (ISO 3166-1 alpha-2) of the business number this policy
  // sends from. The library sees only the recipient, so availability of
  // calling by origin is known only from here; empty: not checked.
  std::string business_country;
  // Countries whose business numbers Meta offers no business-initiated
  // calls: US, CA, EG, VN, NG (Meta, Calling API availability; Twilio 37007)
  // and TR (respond.io). Checked only when business_country is set.
  // Removing one is a loosening (warning calling_availability_assumed).
  std::vector<std::string> calling_unavailable_countries = {kCallingUnavailableCountries.begin(),
                                                            kCallingUnavailableCountries.end()};

  // --- Jurisdiction packs (docs/packs.md): selected by recipient country/region ---
  Jurisdictions jurisdictions = Jurisdictions::defaults();

  // The default WhatsApp Business Platform policy described in docs/rules.md:
  // 24 h window; templates need approved status; business-initiated messages
  // need an active, informed opt-in for the message's purpose and the same
  // number; marketing opt-out and the US marketing pause honoured; plus the
  // default jurisdiction packs (docs/packs.md). Allocates the pack bindings.
  static Policy whatsapp() { return Policy{}; }
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_POLICY_H_
