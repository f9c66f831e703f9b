// Sentences for decisions, built only on demand.
#include "sendpolicy/explain.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstring>

#include "sendpolicy/reasons.h"
#include "sendpolicy/validate.h"

namespace sendpolicy {
namespace {

void append_timestamp(std::string& out, const std::optional<Timestamp>& t) {
  if (!t) {
    out += "(unknown)";
    return;
  }
  char buf[20];
  out += format_timestamp(*t, buf);
}

// The catalogue summary as a clause: lower-case start, no full stop.
std::string clause_of(std::string_view summary) {
  if (!summary.empty() && summary.back() == '.') summary.remove_suffix(1);
  std::string clause(summary);
  if (!clause.empty()) {
    clause.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(clause.front())));
  }
  return clause;
}

// Every code's clause, built once: the default sentence (purpose_not_consented,
// a fifth of the audit lines of a typical stream) is then one append, not
// a look-up, a character and a second append.
void append_summary_clause(std::string& out, ReasonCode code) {
  struct Clauses {
    std::array<std::string, kReasonCodeCount> text;
    Clauses() {
      for (std::size_t i = 0; i < kReasonCodeCount; ++i) {
        text[i] = clause_of(reason_info(static_cast<ReasonCode>(i)).summary);
      }
    }
  };
  static const Clauses clauses;  // immutable after its thread-safe initialisation
  const auto i = static_cast<std::size_t>(code);
  if (i < kReasonCodeCount) {
    out += clauses.text[i];
  } else {
    out += clause_of(reason_info(code).summary);  // outside the enum: never made by evaluate()
  }
}

}  // namespace

void append_reason_message(std::string& out, const SendDecision& d, const Reason& r) {
  switch (r.code) {
    case ReasonCode::kInvalidRequest:
      out += "invalid request";
      if (d.invalid) {
        out += ": ";
        out += field_path(*d.invalid);
        out += ' ';
        out += d.invalid->problem;
      }
      break;
    case ReasonCode::kOutsideServiceWindow:
      out += "free-form messages need an open customer service window; ";
      if (r.at) {
        out += "it closed at ";
        append_timestamp(out, r.at);
      } else {
        out += "the customer has not written or called";
      }
      break;
    case ReasonCode::kOptInWithdrawn:
      if (r.detail.rfind("confirmation: ", 0) == 0) {
        // message.confirms_opt_out, but not the one allowed confirmation.
        out += "the recipient opted out, and this is not the one allowed confirmation of it (";
        out += r.detail.substr(14);
        out += "): non-marketing, within 5 minutes, first message after the opt-out";
      } else if (r.detail == "keyword") {
        out += "the customer opted out with a keyword in the conversation and has not opted in again";
      } else {
        out += "the recipient withdrew consent";
        if (r.at) {
          out += " at ";
          append_timestamp(out, r.at);
        }
      }
      break;
    case ReasonCode::kOptInNotActive:
      out += "consent collected by '";
      out += r.detail;
      out += "' is not an active opt-in (an action the user took)";
      break;
    case ReasonCode::kTemplateNotApproved:
      out += "template status is '";
      out += r.detail;
      out += "'; only approved templates can be sent";
      break;
    case ReasonCode::kOptInExpired:
      out += "consent expired at ";
      append_timestamp(out, r.at);
      out += " under the policy's maximum consent age";
      break;
    case ReasonCode::kDestinationRestricted:
      if (r.detail == "US user ID") {
        out += "marketing templates are not delivered to US numbers since 2025-04-01, and a "
               "WhatsApp user ID starting US. belongs to a US number";
      } else {
        out += "marketing templates are not delivered to US numbers (+1, US area code) since "
               "2025-04-01";
      }
      break;
    case ReasonCode::kOptInNumberMismatch:
      // Names the identifier that did not match (sendpolicy/identity.h).
      if (r.detail == "user_id") {
        out += "the consent was given under a different WhatsApp user ID (consent.user_id) "
               "than the recipient's (recipient.user_id)";
      } else if (r.detail == "consent.user_id missing") {
        out += "the recipient has no phone number and the consent names no WhatsApp user ID "
               "(consent.user_id) to match recipient.user_id";
      } else if (r.detail == "recipient.user_id missing") {
        out += "the consent names no phone number and the recipient has no WhatsApp user ID "
               "(recipient.user_id) to match consent.user_id";
      } else {
        out += "the consent was given for a different phone number (consent.phone) than the "
               "recipient's (recipient.phone)";
      }
      break;
    case ReasonCode::kQuietHours:
      out += "outside the permitted local hours";
      if (!r.detail.empty()) {
        out += " of ";
        out += r.detail;
      }
      if (r.at) {
        out += "; next permitted at ";
        append_timestamp(out, r.at);
      } else {
        // A deny: the pack never opens, or the packs' hours never overlap.
        out += "; no instant is permitted by every applicable pack";
      }
      break;
    case ReasonCode::kFrequencyCap:
      out += "the cap of ";
      out += r.rule;
      out += r.detail == "all marketing" ? " on marketing messages in 24 h"
                                         : " on messages on the same subject in 24 h";
      out += " is reached";
      break;
    case ReasonCode::kLocalTimeUnknown:
      out += "a local-time rule of ";
      out += r.rule;
      out += " applies and the recipient's local time is not known (";
      out += r.detail.empty() ? std::string_view("no time zone given") : r.detail;
      out += ')';
      break;
    case ReasonCode::kTemplatePaused:
      out += "the template is paused until ";
      append_timestamp(out, r.at);
      break;
    case ReasonCode::kTagNotAllowed:
      if (r.detail.rfind("retired", 0) == 0) {
        out += "Messenger retired this message tag on 2026-04-27 (only human_agent remains; use a "
               "utility template instead)";
        break;
      }
      out += "message tags are not valid here";
      if (!r.detail.empty()) {
        out += " (";
        out += r.detail;
        out += ')';
      }
      break;
    case ReasonCode::kNoCallPermission:
      if (r.detail == "expired" || r.detail == "expired_before_permanent") {
        out += "the user's temporary call permission expired at ";
        append_timestamp(out, r.at);
        out += " (7 days after it was granted";
        if (r.detail == "expired_before_permanent") {
          out += "; permissions granted before 2025-11-03 are temporary";
        }
        out += ')';
      } else if (r.detail == "unanswered") {
        out += "4 business-initiated calls in a row went unanswered, which revokes the user's "
               "call permission";
      } else {
        out += "business-initiated calls need the user's call permission; its status is '";
        out += r.detail;
        out += '\'';
      }
      break;
    case ReasonCode::kCallPermissionRequestLimit:
      out += "call-permission requests are limited to 1 per 24 h and 2 per 7 days (";
      out += r.detail;
      out += " reached; a connected call resets the counts); the next may go at ";
      append_timestamp(out, r.at);
      break;
    default: {
      append_summary_clause(out, r.code);
      if (!r.detail.empty()) {
        out += " (";
        out += r.detail;
        out += ')';
      }
      break;
    }
  }
  if (r.platform_error != 0) {
    // to_chars into the stack: std::to_string built a temporary string (an
    // out-of-line constructor call) for the ~0.8 reasons per audit line that
    // carry a Meta error code.
    constexpr std::string_view kPrefix = " (Meta error ";
    char buf[kPrefix.size() + 11 + 1];  // an int has at most 11 characters
    std::memcpy(buf, kPrefix.data(), kPrefix.size());
    char* end = std::to_chars(buf + kPrefix.size(), buf + sizeof(buf) - 1, r.platform_error).ptr;
    *end++ = ')';
    out.append(buf, static_cast<std::size_t>(end - buf));
  }
}

std::string reason_message(const SendDecision& d, const Reason& r) {
  std::string s;
  append_reason_message(s, d, r);
  return s;
}

std::string warning_message(const SendDecision& d, const Warning& w) {
  if (w.code == WarningCode::kWindowClosingSoon && d.window.closes_at) {
    return "the customer service window closes at " + format_timestamp(*d.window.closes_at);
  }
  std::string s(warning_info(w.code).summary);
  if (!w.detail.empty()) s += " (" + std::string(w.detail) + ")";
  return s;
}

std::string explain(const SendDecision& d) {
  std::string s(to_string(d.verdict));
  if (d.retry_at) s += " until " + format_timestamp(*d.retry_at);
  s += '\n';
  for (const Reason& r : d.reasons) {
    s += "  ";
    s += to_string(r.code);
    s += " [";
    s += r.rule;
    s += "]: ";
    s += reason_message(d, r);
    s += '\n';
  }
  for (const Warning& w : d.warnings) {
    s += "  warning ";
    s += to_string(w.code);
    s += ": ";
    s += warning_message(d, w);
    s += '\n';
  }
  return s;
}

}  // namespace sendpolicy
