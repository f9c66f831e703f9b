// `sendpolicy check`: one request, one decision, JSON or readable text.
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <date/tz.h>

#include "commands.h"
#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/request_json.h>

namespace sendpolicy_cli {
namespace {

namespace sp = sendpolicy;

constexpr std::size_t kMaxRequestBytes = std::size_t{16} << 20;

// "2026-03-02T11:00:00Z (12:00 CET, Europe/Rome)".
std::string when(sp::Timestamp t, const date::time_zone* zone, const std::string& zone_name) {
  std::string s = sp::format_timestamp(t);
  if (zone != nullptr) {
    s += " (";
    s += date::format("%Y-%m-%d %H:%M %Z", date::make_zoned(zone, t));
    s += " in ";
    s += zone_name;
    s += ')';
  }
  return s;
}

std::string text_decision(const sp::SendDecision& d, const sp::SendRequest& r) {
  const date::time_zone* zone = r.recipient.zone;
  std::string s = "verdict: ";
  s += sp::to_string(d.verdict);
  if (d.retry_at) s += ", retry at " + when(*d.retry_at, zone, r.recipient.time_zone);
  s += '\n';
  if (!r.id.empty()) s += "request: " + r.id + '\n';
  if (!d.reasons.empty()) s += "reasons:\n";
  for (const sp::Reason& reason : d.reasons) {
    const sp::ReasonInfo& info = sp::reason_info(reason.code);
    s += "  - ";
    s += info.name;
    s += ": " + sp::reason_message(d, reason) + '\n';
    s += "    rule: ";
    s += reason.rule;
    s += "\n    source: ";
    s += info.source;
    s += "\n    what to do: ";
    s += info.remedy;
    s += '\n';
  }
  if (!d.warnings.empty()) s += "warnings:\n";
  for (const sp::Warning& w : d.warnings) {
    s += "  - ";
    s += sp::to_string(w.code);
    s += ": " + sp::warning_message(d, w) + '\n';
  }
  if (d.invalid) return s;  // no rule ran: window, form and billing say nothing
  s += "service window: ";
  if (r.channel == sp::Channel::kSms) {
    s += "none (SMS has no service window)\n";
  } else if (!d.window.closes_at) {
    s += "never opened (the customer has not written or called)\n";
  } else if (d.window.open) {
    s += "open, closes at " + when(*d.window.closes_at, zone, r.recipient.time_zone) + '\n';
  } else {
    s += "closed at " + when(*d.window.closes_at, zone, r.recipient.time_zone) + '\n';
  }
  s += "required form: ";
  s += sp::to_string(d.required_form);
  s += "\nbilling: ";
  s += sp::to_string(d.billing);
  s += '\n';
  return s;
}

}  // namespace

std::string read_file(const std::string& path, std::size_t limit, std::string& out) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) return "cannot open " + path + ": " + std::strerror(errno);
  out.clear();
  char buf[65536];
  std::size_t n = 0;
  std::string error;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (out.size() + n > limit) {
      error = path + " is larger than " + std::to_string(limit) + " bytes";
      break;
    }
    out.append(buf, n);
  }
  if (error.empty() && std::ferror(f)) error = "cannot read " + path + ": " + std::strerror(errno);
  if (f != stdin) std::fclose(f);
  return error;
}

int run_check(const sp::Policy& policy, const CheckOptions& o) {
  std::string json;
  if (std::string error = read_file(o.input, kMaxRequestBytes, json); !error.empty()) {
    std::fprintf(stderr, "sendpolicy check: %s\n", error.c_str());
    return kExitUsageOrInput;
  }
  sp::SendRequest request;
  sendpolicy::wire::RequestParser parser;
  const absl::Status status = parser.parse(json, request);
  std::string out;
  if (!status.ok()) {
    const std::string message(status.message());
    if (o.text) {
      out = "verdict: deny\nreasons:\n  - invalid_request: " + message + '\n';
    } else {
      sendpolicy::wire::append_invalid_json(out, request.id, message);
    }
    std::fputs(out.c_str(), stdout);
    return kExitUsageOrInput;
  }
  const sp::SendDecision d = sp::evaluate(policy, request);
  if (o.text) {
    out = text_decision(d, request);
  } else {
    sendpolicy::wire::append_decision_json(out, request.id, d);
  }
  std::fputs(out.c_str(), stdout);
  if (d.has(sp::ReasonCode::kInvalidRequest)) return kExitUsageOrInput;
  return d.allowed() ? kExitAllow : kExitDenyOrDefer;
}

}  // namespace sendpolicy_cli
