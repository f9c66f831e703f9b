// Sentences for decisions, built only on demand.
#include "sendpolicy/explain.h"

#include <cctype>

#include "sendpolicy/validate.h"

namespace sendpolicy {
namespace {

std::string at_text(const std::optional<Timestamp>& t) {
  return t ? format_timestamp(*t) : std::string("(unknown)");
}

std::string platform_suffix(const Reason& r) {
  if (r.platform_error == 0) return {};
  return " (Meta error " + std::to_string(r.platform_error) + ")";
}

}  // namespace

std::string reason_message(const SendDecision& d, const Reason& r) {
  std::string s;
  switch (r.code) {
    case ReasonCode::kInvalidRequest:
      if (d.invalid) {
        s = "invalid request: " + field_path(*d.invalid) + " " + std::string(d.invalid->problem);
      } else {
        s = "invalid request";
      }
      break;
    case ReasonCode::kOutsideServiceWindow:
      s = r.at ? "free-form messages need an open customer service window; it closed at " +
                     format_timestamp(*r.at)
               : std::string("free-form messages need an open customer service window; the "
                             "customer has not written or called");
      break;
    case ReasonCode::kOptInWithdrawn:
      if (r.detail == "keyword") {
        s = "the customer opted out with a keyword in the conversation and has not opted in again";
      } else if (r.at) {
        s = "the recipient withdrew consent at " + format_timestamp(*r.at);
      } else {
        s = "the recipient withdrew consent";
      }
      break;
    case ReasonCode::kOptInNotActive:
      s = "consent collected by '" + std::string(r.detail) +
          "' is not an active opt-in (an action the user took)";
      break;
    case ReasonCode::kTemplateNotApproved:
      s = "template status is '" + std::string(r.detail) +
          "'; only approved templates can be sent";
      break;
    case ReasonCode::kOptInExpired:
      s = "consent expired at " + at_text(r.at) + " under the policy's maximum consent age";
      break;
    case ReasonCode::kDestinationRestricted:
      s = "marketing templates are not delivered to US numbers (+1, US area code) since "
          "2025-04-01";
      break;
    case ReasonCode::kQuietHours:
      s = "outside the permitted local hours";
      if (!r.detail.empty()) s += " of " + std::string(r.detail);
      s += "; next permitted at " + at_text(r.at);
      break;
    case ReasonCode::kTagNotAllowed:
      s = "message tags are not valid here";
      if (!r.detail.empty()) s += " (" + std::string(r.detail) + ")";
      break;
    default: {
      const std::string_view summary = reason_info(r.code).summary;
      s.assign(summary.data(), summary.size());
      if (!s.empty() && s.back() == '.') s.pop_back();
      if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
      if (!r.detail.empty()) s += " (" + std::string(r.detail) + ")";
      break;
    }
  }
  return s + platform_suffix(r);
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
