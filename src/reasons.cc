// The reason-code catalogue: the single table every code's name, rule,
// platform error, source and remedy come from. docs/rules.md mirrors it and
// tests/reasons_test.cc checks that the two agree.
#include "sendpolicy/reasons.h"

#include <array>

namespace sendpolicy {
namespace {

using R = ReasonCode;

constexpr std::array<ReasonInfo, kReasonCodeCount> kReasons = {{
    {R::kInvalidRequest, "invalid_request", "request.validation", 0,
     "The request is malformed or contradictory, so no rule could be applied.",
     "sendpolicy wire format v1 (fail closed)",
     "Fix the field named in the message and evaluate again."},
    {R::kOutsideServiceWindow, "outside_service_window", "whatsapp.csw.free_form", 131047,
     "A free-form message needs an open customer service window (24 h after the "
     "customer's last message or call).",
     "Meta, Send messages: customer service windows; error 131047 (Re-engagement message)",
     "Send an approved template instead, or wait for the customer to write."},
    {R::kNoOptIn, "no_opt_in", "whatsapp.opt_in.required", 0,
     "A business-initiated message needs the recipient's opt-in, and none is on file.",
     "Meta, Get opt-in for WhatsApp; WhatsApp Business Messaging Policy; GDPR Art. 6(1)(a), 7(1)",
     "Collect an active opt-in naming your business and the content before messaging."},
    {R::kOptInWithdrawn, "opt_in_withdrawn", "whatsapp.opt_in.withdrawn", 0,
     "The recipient withdrew consent or opted out (by record or by an opt-out keyword).",
     "WhatsApp Business Messaging Policy (honour opt-out requests); GDPR Art. 7(3), 21(3)",
     "Do not message this recipient until they opt in again explicitly."},
    {R::kOptInNotActive, "opt_in_not_active", "whatsapp.opt_in.active", 0,
     "The consent was not an affirmative user action (pre-ticked, imported or unknown).",
     "GDPR Art. 4(11) and Recital 32; CJEU C-673/17 Planet49; Meta, Get opt-in",
     "Ask the user to opt in with an action they take (tick, type their number, reply)."},
    {R::kOptInNotInformed, "opt_in_not_informed", "whatsapp.opt_in.informed", 0,
     "The user was not told the business name or what content they would receive.",
     "Meta, Get opt-in (state the business and the content); GDPR Art. 4(11), Recital 42",
     "Collect consent again with a notice naming the business and the content."},
    {R::kPurposeNotConsented, "purpose_not_consented", "whatsapp.opt_in.purpose", 0,
     "The message's purpose is not among the purposes the user consented to.",
     "GDPR Art. 6(1)(a) (specific purposes), Recital 32 and 43; Meta, Get opt-in",
     "Send only content the user asked for, or ask for consent to this purpose."},
    {R::kOptInNumberMismatch, "opt_in_number_mismatch", "whatsapp.opt_in.number", 0,
     "The consent was given for a different phone number (or WhatsApp user ID) than the "
     "recipient's.",
     "Meta, Get opt-in (the user controls the number); GDPR Art. 7(1)",
     "Message only the number (or WhatsApp user ID) the user consented under."},
    {R::kOptInExpired, "opt_in_expired", "policy.opt_in.max_age", 0,
     "The consent is older than the policy allows (or an implied consent lapsed).",
     "Policy setting; EDPB Guidelines 05/2020 §5.1 (refresh consent); CASL s.10(10)",
     "Refresh the consent before messaging."},
    {R::kDoubleOptInMissing, "double_opt_in_missing", "policy.opt_in.double", 0,
     "The policy requires a confirmed double opt-in and there is no confirmation.",
     "Policy setting; BGH I ZR 164/09 (double opt-in as proof, Germany)",
     "Send the confirmation request and wait for the user to confirm."},
    {R::kTemplateNotApproved, "template_not_approved", "whatsapp.template.status", 132001,
     "Only templates in a sendable status (approved) can be sent.",
     "Meta, Templates overview and template status webhook; errors 132001, 132015, 132016",
     "Use an approved template, or wait for review or un-pausing."},
    {R::kTemplateQualityLow, "template_quality_low", "policy.template.quality", 0,
     "The template's quality rating is red and the policy blocks red templates.",
     "Meta, Template quality (red templates are paused, then disabled)",
     "Improve or replace the template."},
    {R::kMarketingOptedOut, "marketing_opted_out", "whatsapp.marketing.opt_out", 131050,
     "The user stopped marketing messages from this business (Stop promotions).",
     "Meta, Marketing templates: user preferences; error 131050",
     "Send no marketing templates; utility and service messages still go."},
    {R::kDestinationRestricted, "destination_restricted", "whatsapp.marketing.us_pause", 131049,
     "Marketing templates are not delivered to this destination (US numbers since 2025-04-01).",
     "Meta, Per-user marketing limits (US marketing pause, 2025-04-01); error 131049",
     "Use another channel for marketing to this destination."},
    {R::kMarketingLimit, "marketing_limit", "whatsapp.marketing.per_user_limit", 131049,
     "The per-user marketing cap for the last 24 h has been reached.",
     "Meta, Per-user marketing limits; error 131049 (wait at least 24 h)",
     "Retry after 24 h."},
    {R::kFrequencyCap, "frequency_cap", "jurisdiction.frequency_cap", 0,
     "A jurisdiction caps messages per 24 h (on the same subject, or all marketing, as the pack "
     "says) and the cap is reached.",
     "Fla. Stat. 501.616(6)(b); Okla. Stat. tit. 15 §775C; Md. Com. Law §14-4501 et seq. (packs)",
     "Wait until the 24 h period has passed."},
    {R::kQuietHours, "quiet_hours", "jurisdiction.quiet_hours", 0,
     "The recipient's local time is outside the permitted hours.",
     "47 CFR 64.1200(c)(1) (TCPA); Fla. Stat. 501.616(6)(a); Tex. Bus. & Com. Code §301.051 (packs)",
     "Send at retry_at, the next permitted instant."},
    {R::kLocalTimeUnknown, "local_time_unknown", "jurisdiction.local_time", 0,
     "A rule depends on the recipient's local time, which is not known: no time zone was given, or "
     "the one given was not resolved.",
     "sendpolicy (fail closed when a local-time rule cannot be checked)",
     "Supply recipient.time_zone (an IANA name) and resolve it (the wire codec does; in C++ set "
     "recipient.zone with a ZoneResolver)."},
    {R::kTagNotAllowed, "tag_not_allowed", "channel.tag", 0,
     "The message tag is not valid for this channel, sender, elapsed time or date (Messenger's "
     "update tags are retired since 2026-04-27, error 100).",
     "Meta, Messenger Platform policy: message tags (HUMAN_AGENT 7 days, human only; Instagram "
     "HUMAN_AGENT only; no promotion); update tags retired 2026-04-27 (Send API error 100)",
     "Remove the tag, send within the tag's window from a human agent, or use a Messenger "
     "utility template."},
    {R::kOptInWhatsAppNotNamed, "opt_in_whatsapp_not_named", "whatsapp.opt_in.branding", 0,
     "The opt-in notice did not name WhatsApp, and the policy requires it.",
     "Meta, Get opt-in (best practice: name WhatsApp, show its logo)",
     "Collect consent with a notice that names WhatsApp."},
    {R::kOptInNumberNotEditable, "opt_in_number_not_editable", "whatsapp.opt_in.number_control",
     0, "The user could not enter or edit the number, and the policy requires it.",
     "Meta, Get opt-in (the user should control the number)",
     "Let the user type or confirm their number when opting in."},
    {R::kPhoneNumberRequired, "phone_number_required", "whatsapp.identity.phone_required", 0,
     "Authentication templates (one-tap, zero-tap, copy-code) need the recipient's phone "
     "number; a WhatsApp user ID is not enough.",
     "Meta, Business-scoped user IDs (authentication templates still need a phone number)",
     "Ask the user to share their number (REQUEST_CONTACT_INFO button) or verify them another way."},
    {R::kNoCallPermission, "no_call_permission", "whatsapp.calling.permission", 0,
     "A business-initiated call needs the user's current call permission: granted, not a "
     "temporary one 7 days old, not revoked by 4 unanswered calls in a row.",
     "Meta, User call permissions (Business Calling API; permanent permissions since 2025-11-03)",
     "Send a call-permission request (free-form in the window, a template outside it) and call "
     "after the user grants it."},
    {R::kCallPermissionRequestLimit, "call_permission_request_limit",
     "whatsapp.calling.permission_request_limit", 0,
     "Call-permission requests are limited to 1 per 24 h and 2 per 7 days per user; a connected "
     "call resets the counts.",
     "Meta, User call permissions (request limits)",
     "Send the request at retry_at, or after a connected call."},
    {R::kCallLimit, "call_limit", "whatsapp.calling.connected_call_limit", 0,
     "The connected business-initiated calls to this user in the last 24 h reached the cap.",
     "Meta, User call permissions (100 connected calls per 24 h; earlier 5, then 10; policy "
     "setting call_cap_24h)",
     "Call again once fewer calls than the cap connected in the last 24 h."},
    {R::kCallingNotAvailable, "calling_not_available", "whatsapp.calling.availability", 0,
     "Meta offers no business-initiated calls from business numbers of this country.",
     "Meta, Calling API availability (not US, CA, EG, VN, NG); respond.io adds TR; Twilio error "
     "37007 (policy settings business_country, calling_unavailable_countries)",
     "Call from a business number of a country where calling is offered, or reach the user by "
     "message."},
    {R::kTemplatePaused, "template_paused", "whatsapp.template.paused", 132015,
     "The template is paused by Meta until a known time (template.paused_until); the send is "
     "deferred to it.",
     "Meta, Template pausing (red quality: paused 3 h, then 6 h, then disabled); error 132015",
     "Send at retry_at, when the pause ends, or use another approved template now."},
}};

constexpr std::array<WarningInfo, kWarningCodeCount> kWarnings = {{
    {WarningCode::kOptInWhatsAppNotNamed, "opt_in_whatsapp_not_named",
     "The opt-in notice did not name WhatsApp; Meta recommends naming it.",
     "Meta, Get opt-in for WhatsApp"},
    {WarningCode::kOptInNumberNotEditable, "opt_in_number_not_editable",
     "The user could not enter or edit the number they consented for.",
     "Meta, Get opt-in for WhatsApp"},
    {WarningCode::kTemplateQualityLow, "template_quality_low",
     "The template's quality is red; Meta pauses such templates (3 h, 6 h, then disables).",
     "Meta, Template quality"},
    {WarningCode::kWindowClosingSoon, "window_closing_soon",
     "The customer service window closes soon; free-form replies stop then.",
     "Meta, Send messages: customer service windows"},
    {WarningCode::kUsMarketingPauseInWindow, "us_marketing_pause_not_applied",
     "A marketing template to a US number: the policy does not apply the US marketing pause "
     "(us_marketing_pause off, or us_marketing_pause_in_window off inside an open window); "
     "Meta may still refuse it (131049).",
     "Meta, Per-user marketing limits (US marketing pause)"},
    {WarningCode::kReOptedInByKeyword, "re_opted_in_by_keyword",
     "The customer opted out with a keyword and later opted in again with an opt-in keyword "
     "(START, YES, UNSTOP, or one of the policy's other locales or extra_opt_in words); the "
     "re-opt-in model was explicit_keyword.",
     "Twilio, Advanced opt-out (START/YES/UNSTOP); GDPR Art. 7(3)"},
    {WarningCode::kReOptedInByMessage, "re_opted_in_by_message",
     "The customer opted out with a keyword and later wrote again; the policy's re-opt-in model "
     "any_inbound treats that as opting in again (check it is what your users expect).",
     "Odoo WhatsApp module (any inbound message un-blacklists); policy choice"},
    {WarningCode::kOptOutSupersededByConsent, "opt_out_superseded_by_consent",
     "An opt-out keyword in history is older than the consent on file, an explicit opt-in for "
     "this number and purpose; the later consent applies.",
     "GDPR Art. 7(3) (withdrawal wins over earlier grants, a later opt-in restores)"},
    {WarningCode::kCountryDerivedFromPhone, "country_derived_from_phone",
     "recipient.country was not given, so the country was derived from the phone number "
     "(calling code, +1 area code or number range), and a pack of that country blocked or "
     "deferred the send; send recipient.country to say it yourself.",
     "ITU-T E.164 calling codes; NANPA and CNA area codes"},
    {WarningCode::kMarketingOptOutNotHonoured, "marketing_opt_out_not_honoured",
     "A marketing template to a user who chose Stop promotions: the policy does not honour "
     "Meta's marketing opt-out (honour_marketing_opt_out is off); Meta returns 131050.",
     "Meta, Marketing templates: user preferences; error 131050"},
    {WarningCode::kTemplateStatusRelaxed, "template_status_relaxed",
     "The template's status is not approved; it is sendable only because the policy adds the "
     "status to sendable_statuses, and Meta may still refuse it.",
     "Meta, Templates overview and template status webhook (only approved is sendable)"},
    {WarningCode::kDefaultPackUnbound, "default_pack_unbound",
     "The recipient's destination has a default jurisdiction pack that the policy does not "
     "bind, so that pack's rules were not checked.",
     "sendpolicy default pack map (docs/packs.md); policy choice"},
    {WarningCode::kWindowOpenedByUndocumentedEvent, "window_opened_by_undocumented_event",
     "The service window is open only because the policy counts a reaction or system event as "
     "customer contact (window_openers); Meta documents only messages and calls, and may refuse "
     "a free-form message (131047).",
     "Meta, Send messages: customer service windows (messages and calls); policy choice"},
    {WarningCode::kCallingAvailabilityAssumed, "calling_availability_assumed",
     "A call or call-permission request from a business number in a country where Meta offers "
     "no business-initiated calls; allowed only because the policy removes that country from "
     "calling_unavailable_countries, and Meta may refuse it.",
     "Meta, Calling API availability; policy choice"},
}};

constexpr bool catalogue_in_order() {
  for (std::size_t i = 0; i < kReasons.size(); ++i) {
    if (static_cast<std::size_t>(kReasons[i].code) != i) return false;
  }
  for (std::size_t i = 0; i < kWarnings.size(); ++i) {
    if (static_cast<std::size_t>(kWarnings[i].code) != i) return false;
  }
  return true;
}
static_assert(catalogue_in_order(), "catalogue rows must follow enum order");

}  // namespace

const ReasonInfo& reason_info(ReasonCode code) noexcept {
  const auto i = static_cast<std::size_t>(code);
  return kReasons[i < kReasons.size() ? i : 0];
}

const WarningInfo& warning_info(WarningCode code) noexcept {
  const auto i = static_cast<std::size_t>(code);
  return kWarnings[i < kWarnings.size() ? i : 0];
}

std::string_view to_string(ReasonCode code) noexcept { return reason_info(code).name; }
std::string_view to_string(WarningCode code) noexcept { return warning_info(code).name; }

std::optional<ReasonCode> parse_reason_code(std::string_view name) noexcept {
  for (const ReasonInfo& info : kReasons) {
    if (info.name == name) return info.code;
  }
  return std::nullopt;
}

std::optional<WarningCode> parse_warning_code(std::string_view name) noexcept {
  for (const WarningInfo& info : kWarnings) {
    if (info.name == name) return info.code;
  }
  return std::nullopt;
}

}  // namespace sendpolicy
