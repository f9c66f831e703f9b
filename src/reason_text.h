// The sentences of reasons and warnings (sendpolicy/explain.h), written to
// any text sink. One text, two writers: explain.cc instantiates it for
// std::string (reason_message(), explain()), and the wire codec's decision
// writer (src/wire/decision_json.cc) for its line buffer, so an audit line's
// sentences are copied into the line once instead of through ~10
// std::string appends (a call, a capacity check and a library memcpy each).
//
// A Sink has put(std::string_view), put(char), put_int(long long) and
// put_time(Timestamp) (RFC 3339, unquoted).
#ifndef SENDPOLICY_SRC_REASON_TEXT_H_
#define SENDPOLICY_SRC_REASON_TEXT_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "sendpolicy/decision.h"
#include "sendpolicy/reasons.h"
#include "sendpolicy/time.h"
#include "sendpolicy/validate.h"

namespace sendpolicy {
namespace internal {

template <class Sink>
void put_timestamp_or_unknown(Sink& out, const std::optional<Timestamp>& t) {
  if (t) {
    out.put_time(*t);
  } else {
    out.put("(unknown)");
  }
}

// The catalogue summary as a clause: lower-case start, no full stop. ASCII
// lower-casing, not std::tolower: the text must not depend on the process's
// C locale (and std::tolower's per-call locale look-up was ~1.4% of an
// audit).
template <class Sink>
void put_summary_clause(Sink& out, ReasonCode code) {
  std::string_view summary = reason_info(code).summary;
  if (!summary.empty() && summary.back() == '.') summary.remove_suffix(1);
  if (summary.empty()) return;
  out.put(absl::ascii_tolower(static_cast<unsigned char>(summary.front())));
  out.put(summary.substr(1));
}

// reason_message()'s sentence.
template <class Sink>
void put_reason_message(Sink& out, const SendDecision& d, const Reason& r) {
  switch (r.code) {
    case ReasonCode::kInvalidRequest:
      out.put("invalid request");
      if (d.invalid) {
        out.put(": ");
        out.put(std::string_view(field_path(*d.invalid)));
        out.put(' ');
        out.put(d.invalid->problem);
      }
      break;
    case ReasonCode::kOutsideServiceWindow:
      out.put("free-form messages need an open customer service window; ");
      if (r.at) {
        out.put("it closed at ");
        put_timestamp_or_unknown(out, r.at);
      } else {
        out.put("the customer has not written or called");
      }
      break;
    case ReasonCode::kOptInWithdrawn:
      if (r.detail.rfind("confirmation: ", 0) == 0) {
        // message.confirms_opt_out, but not the one allowed confirmation.
        out.put("the recipient opted out, and this is not the one allowed confirmation of it (");
        out.put(r.detail.substr(14));
        out.put("): non-marketing, within 5 minutes, first message after the opt-out");
      } else if (r.detail == "keyword") {
        out.put("the customer opted out with a keyword in the conversation and has not opted in again");
      } else {
        out.put("the recipient withdrew consent");
        if (r.at) {
          out.put(" at ");
          put_timestamp_or_unknown(out, r.at);
        }
      }
      break;
    case ReasonCode::kOptInNotActive:
      out.put("consent collected by '");
      out.put(r.detail);
      out.put("' is not an active opt-in (an action the user took)");
      break;
    case ReasonCode::kTemplateNotApproved:
      out.put("template status is '");
      out.put(r.detail);
      out.put("'; only approved templates can be sent");
      break;
    case ReasonCode::kOptInExpired:
      out.put("consent expired at ");
      put_timestamp_or_unknown(out, r.at);
      out.put(" under the policy's maximum consent age");
      break;
    case ReasonCode::kDestinationRestricted:
      if (r.detail == "US user ID") {
        out.put("marketing templates are not delivered to US numbers since 2025-04-01, and a "
               "WhatsApp user ID starting US. belongs to a US number");
      } else {
        out.put("marketing templates are not delivered to US numbers (+1, US area code) since "
               "2025-04-01");
      }
      break;
    case ReasonCode::kOptInNumberMismatch:
      // Names the identifier that did not match (sendpolicy/identity.h).
      if (r.detail == "user_id") {
        out.put("the consent was given under a different WhatsApp user ID (consent.user_id) "
               "than the recipient's (recipient.user_id)");
      } else if (r.detail == "consent.user_id missing") {
        out.put("the recipient has no phone number and the consent names no WhatsApp user ID "
               "(consent.user_id) to match recipient.user_id");
      } else if (r.detail == "recipient.user_id missing") {
        out.put("the consent names no phone number and the recipient has no WhatsApp user ID "
               "(recipient.user_id) to match consent.user_id");
      } else {
        out.put("the consent was given for a different phone number (consent.phone) than the "
               "recipient's (recipient.phone)");
      }
      break;
    case ReasonCode::kQuietHours:
      out.put("outside the permitted local hours");
      if (!r.detail.empty()) {
        out.put(" of ");
        out.put(r.detail);
      }
      if (r.at) {
        out.put("; next permitted at ");
        put_timestamp_or_unknown(out, r.at);
      } else {
        // A deny: the pack never opens, or the packs' hours never overlap.
        out.put("; no instant is permitted by every applicable pack");
      }
      break;
    case ReasonCode::kFrequencyCap:
      out.put("the cap of ");
      out.put(r.rule);
      out.put(r.detail == "all marketing" ? " on marketing messages in 24 h"
                                         : " on messages on the same subject in 24 h");
      out.put(" is reached");
      break;
    case ReasonCode::kLocalTimeUnknown:
      out.put("a local-time rule of ");
      out.put(r.rule);
      out.put(" applies and the recipient's local time is not known (");
      out.put(r.detail.empty() ? std::string_view("no time zone given") : r.detail);
      out.put(')');
      break;
    case ReasonCode::kTemplatePaused:
      out.put("the template is paused until ");
      put_timestamp_or_unknown(out, r.at);
      break;
    case ReasonCode::kTagNotAllowed:
      if (r.detail.rfind("retired", 0) == 0) {
        out.put("Messenger retired this message tag on 2026-04-27 (only human_agent remains; use a "
               "utility template instead)");
        break;
      }
      out.put("message tags are not valid here");
      if (!r.detail.empty()) {
        out.put(" (");
        out.put(r.detail);
        out.put(')');
      }
      break;
    case ReasonCode::kNoCallPermission:
      if (r.detail == "expired" || r.detail == "expired_before_permanent") {
        out.put("the user's temporary call permission expired at ");
        put_timestamp_or_unknown(out, r.at);
        out.put(" (7 days after it was granted");
        if (r.detail == "expired_before_permanent") {
          out.put("; permissions granted before 2025-11-03 are temporary");
        }
        out.put(')');
      } else if (r.detail == "unanswered") {
        out.put("4 business-initiated calls in a row went unanswered, which revokes the user's "
               "call permission");
      } else {
        out.put("business-initiated calls need the user's call permission; its status is '");
        out.put(r.detail);
        out.put('\'');
      }
      break;
    case ReasonCode::kCallPermissionRequestLimit:
      out.put("call-permission requests are limited to 1 per 24 h and 2 per 7 days (");
      out.put(r.detail);
      out.put(" reached; a connected call resets the counts); the next may go at ");
      put_timestamp_or_unknown(out, r.at);
      break;
    default: {
      put_summary_clause(out, r.code);
      if (!r.detail.empty()) {
        out.put(" (");
        out.put(r.detail);
        out.put(')');
      }
      break;
    }
  }
  if (r.platform_error != 0) {
    out.put(" (Meta error ");
    out.put_int(r.platform_error);
    out.put(')');
  }
}

// warning_message()'s sentence.
template <class Sink>
void put_warning_message(Sink& out, const SendDecision& d, const Warning& w) {
  if (w.code == WarningCode::kWindowClosingSoon && d.window.closes_at) {
    out.put("the customer service window closes at ");
    out.put_time(*d.window.closes_at);
    return;
  }
  out.put(warning_info(w.code).summary);
  if (!w.detail.empty()) {
    out.put(" (");
    out.put(w.detail);
    out.put(')');
  }
}

}  // namespace internal
}  // namespace sendpolicy

#endif  // SENDPOLICY_SRC_REASON_TEXT_H_
