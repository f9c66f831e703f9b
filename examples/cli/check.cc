// `sendpolicy check`: one request, one decision, JSON or readable text.
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <date/tz.h>

#include "commands.h"
#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/json_writer.h>
#include <sendpolicy/wire/line_auditor.h>
#include <sendpolicy/wire/request_json.h>

namespace sendpolicy_cli {
namespace {

namespace sp = sendpolicy;

using sendpolicy::wire::printable;

// "2026-03-02T11:00:00Z (12:00 CET, Europe/Rome)".
std::string when(sp::Timestamp t, const date::time_zone* zone, const std::string& zone_name) {
  std::string s = sp::format_timestamp(t);
  if (zone != nullptr) {
    s += " (";
    s += date::format("%Y-%m-%d %H:%M %Z", date::make_zoned(zone, t));
    s += " in ";
    s += printable(zone_name);
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
  // Request text is escaped: a newline or an ANSI escape in an id must not
  // forge a line such as "verdict: allow", a NUL must not cut the output.
  if (!r.id.empty()) s += "request: " + printable(r.id) + '\n';
  if (!d.reasons.empty()) s += "reasons:\n";
  for (const sp::Reason& reason : d.reasons) {
    const sp::ReasonInfo& info = sp::reason_info(reason.code);
    s += "  - ";
    s += info.name;
    s += ": " + printable(sp::reason_message(d, reason)) + '\n';
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
    s += ": " + printable(sp::warning_message(d, w)) + '\n';
  }
  if (d.invalid) return s;  // no rule ran: window, form and billing say nothing
  s += "service window: ";
  if (!d.window.closes_at) {
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

// The hint for a file of several requests: `check` reads one request,
// `audit` reads JSON Lines.
std::string with_hint(std::string message, std::string_view json) {
  if (message != "unexpected content after the JSON object") return message;
  const std::size_t nl = json.find('\n');
  if (nl == std::string_view::npos) return message;
  const std::size_t next = json.find_first_not_of(" \t\r\n", nl);
  if (next != std::string_view::npos && json[next] == '{') {
    message += " (this looks like JSON Lines, one request per line: use `sendpolicy audit`)";
  }
  return message;
}

}  // namespace

bool write_all(std::FILE* file, std::string_view data) {
  if (data.empty()) return std::ferror(file) == 0;
  return std::fwrite(data.data(), 1, data.size(), file) == data.size();
}

bool finish_stdout() {
  if (std::fflush(stdout) == 0 && std::ferror(stdout) == 0) return true;
  std::fprintf(stderr, "sendpolicy: cannot write standard output: %s\n", std::strerror(errno));
  return false;
}

std::string read_file(const std::string& path, std::size_t limit, std::string& out,
                      bool* too_large) {
  if (too_large != nullptr) *too_large = false;
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) return "cannot open " + path + ": " + std::strerror(errno);
  out.clear();
  char buf[65536];
  std::size_t n = 0;
  std::string error;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (out.size() + n > limit) {
      error = path + " is larger than " + std::to_string(limit) + " bytes";
      if (too_large != nullptr) *too_large = true;
      break;
    }
    out.append(buf, n);
  }
  if (error.empty() && std::ferror(f)) error = "cannot read " + path + ": " + std::strerror(errno);
  if (f != stdin) std::fclose(f);
  return error;
}

int run_check(const sp::Policy& policy, const CheckOptions& o) {
  const std::size_t limit = sendpolicy::audit::kDefaultMaxLineBytes;
  std::string json;
  bool too_long = false;
  const std::string error = read_file(o.input, limit, json, &too_long);
  if (!error.empty() && !too_long) {
    std::fprintf(stderr, "sendpolicy check: %s\n", printable(error).c_str());
    return kExitUsageOrInput;
  }
  sp::SendRequest request;
  sendpolicy::wire::RequestParser parser;
  // One size rule with audit, the C API and Python (line_auditor.h).
  const absl::Status status = too_long ? absl::InvalidArgumentError(
                                             "request " + sendpolicy::audit::too_long_problem(limit))
                                       : parser.parse(json, request);
  std::string out;
  std::string problem;
  sp::SendDecision d;
  if (status.ok()) {
    d = sp::evaluate(policy, request);
    if (const std::string_view field = sendpolicy::wire::time_out_of_range(d); !field.empty()) {
      problem = sendpolicy::wire::result_out_of_range_problem(field);
    }
  } else {
    const absl::string_view m = status.message();
    problem = with_hint(std::string(m.data(), m.size()), json);
  }
  if (!problem.empty()) {
    if (o.text) {
      out = "verdict: deny\nreasons:\n  - invalid_request: " + printable(problem) + '\n';
    } else {
      sendpolicy::wire::append_invalid_json(out, request.id, problem);
    }
    write_all(stdout, out);  // exit 2 either way; main() reports a lost write
    return kExitUsageOrInput;
  }
  if (o.text) {
    out = text_decision(d, request);
  } else {
    sendpolicy::wire::append_decision_json(out, request.id, d);
  }
  if (!write_all(stdout, out)) return kExitUsageOrInput;
  if (d.has(sp::ReasonCode::kInvalidRequest)) return kExitUsageOrInput;
  return d.allowed() ? kExitAllow : kExitDenyOrDefer;
}

}  // namespace sendpolicy_cli
