// `sendpolicy test`: scenario files to TAP or JUnit XML. The file is read
// with simdjson's DOM; each scenario's request is re-serialised as one
// wire-format object and read by the wire library's strict parser, so a
// scenario accepts exactly what `sendpolicy check` accepts.
#include "scenarios.h"

#include <cstdio>
#include <optional>
#include <vector>
#include <string_view>
#include <utility>

#include <simdjson.h>

#include <sendpolicy/testing.h>

#include "commands.h"
#include <sendpolicy/wire/json_writer.h>
#include <sendpolicy/wire/request_json.h>

namespace sendpolicy_cli {
namespace {

namespace sp = sendpolicy;
namespace spt = sendpolicy::testing;
namespace dom = simdjson::dom;

enum class Status { kPass, kFail, kError };

struct Outcome {
  std::string file;
  std::string name;  // empty for a file-level error
  Status status = Status::kPass;
  std::string message;  // the failure message or the error
};

// Time fields: "at", "*_at", and the items of recipient.call_permission's
// "requests" (a list of times).
bool is_time_key(std::string_view key) {
  return key == "at" || key == "requests" ||
         (key.size() > 3 && key.substr(key.size() - 3) == "_at");
}

// "now", "now - 23h", "now+90m": an instant relative to `now`. Returns
// false with `error` set for a malformed one; true with `out` unchanged for a
// string that does not start with "now" (an absolute time, left to the wire
// parser).
bool resolve_relative(std::string_view text, std::optional<sp::Timestamp> now,
                      std::optional<sp::Timestamp>& out, std::string& error) {
  if (text.substr(0, 3) != "now") return true;
  if (!now) {
    error = "'" + std::string(text) + "' needs when.now as an RFC 3339 instant";
    return false;
  }
  std::string_view rest = text.substr(3);
  auto skip_spaces = [&rest] {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  };
  skip_spaces();
  if (rest.empty()) {
    out = now;
    return true;
  }
  const char sign = rest.front();
  rest.remove_prefix(1);
  skip_spaces();
  long long n = 0;
  std::size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9' && digits < 9) {
    n = n * 10 + (rest[digits] - '0');
    ++digits;
  }
  const std::string_view unit = digits > 0 ? rest.substr(digits) : std::string_view();
  long long unit_seconds = 0;
  if (unit == "s") unit_seconds = 1;
  if (unit == "m") unit_seconds = 60;
  if (unit == "h") unit_seconds = 3600;
  if (unit == "d") unit_seconds = 86400;
  const long long seconds = n * unit_seconds;
  if ((sign != '-' && sign != '+') || digits == 0 || unit_seconds == 0) {
    error = "'" + std::string(text) +
            "' is not a time relative to now (like \"now - 23h\"; units s, m, h, d)";
    return false;
  }
  const sp::Duration d{sign == '-' ? -seconds : seconds};
  out = *now + d;
  return true;
}

// Writes `e` (at `path`, e.g. "history[0].at") as JSON, resolving relative
// times in time fields. On error, `error` is "<path>: <problem>".
bool write_json(dom::element e, std::string_view key, const std::string& path,
                std::optional<sp::Timestamp> now, std::string& out, std::string& error) {
  switch (e.type()) {
    case dom::element_type::OBJECT: {
      out += '{';
      bool first = true;
      for (dom::key_value_pair field : dom::object(e)) {
        if (!first) out += ',';
        first = false;
        sendpolicy::wire::append_json_string(out, field.key);
        out += ':';
        if (!write_json(field.value, field.key, path + "." + std::string(field.key), now, out,
                        error)) {
          return false;
        }
      }
      out += '}';
      return true;
    }
    case dom::element_type::ARRAY: {
      out += '[';
      std::size_t i = 0;
      for (dom::element item : dom::array(e)) {
        if (i > 0) out += ',';
        if (!write_json(item, key, path + "[" + std::to_string(i) + "]", now, out, error)) {
          return false;
        }
        ++i;
      }
      out += ']';
      return true;
    }
    case dom::element_type::STRING: {
      const std::string_view text(e);
      std::optional<sp::Timestamp> resolved;
      if (is_time_key(key)) {
        std::string problem;
        if (!resolve_relative(text, now, resolved, problem)) {
          error = path + ": " + problem;
          return false;
        }
      }
      if (resolved) {
        sendpolicy::wire::append_json_timestamp(out, resolved);
      } else {
        sendpolicy::wire::append_json_string(out, text);
      }
      return true;
    }
    default:
      out += simdjson::minify(e);
      return true;
  }
}

bool only_keys(dom::object o, const std::vector<std::string_view>& allowed,
               const std::string& where, std::string& error) {
  for (dom::key_value_pair field : o) {
    bool ok = false;
    for (std::string_view a : allowed) ok = ok || field.key == a;
    if (!ok) {
      error = (where.empty() ? "" : where + ".") + std::string(field.key) + ": unknown field";
      return false;
    }
  }
  return true;
}

// `expect` as the testing kit's matchers.
bool read_expectation(dom::object expect, const std::string& where,
                      std::optional<spt::DecisionMatcher>& matcher, bool& expects_invalid,
                      std::string& error) {
  if (!only_keys(expect, {"verdict", "reasons", "reasons_exactly", "billing", "retry_at", "warnings"},
                 where, error)) {
    return false;
  }
  std::string_view verdict_name;
  if (expect["verdict"].get(verdict_name) != simdjson::SUCCESS) {
    error = where + ".verdict: required (allow, deny or defer)";
    return false;
  }
  const std::optional<sp::Verdict> verdict = sp::parse_enum<sp::Verdict>(verdict_name);
  if (!verdict) {
    error = where + ".verdict: expected allow, deny or defer";
    return false;
  }
  auto codes = [&](const char* key, std::vector<sp::ReasonCode>& out) {
    dom::array list;
    const auto err = expect[key].get(list);
    if (err == simdjson::NO_SUCH_FIELD) return true;
    if (err != simdjson::SUCCESS) {
      error = where + "." + key + ": expected a list of reason codes";
      return false;
    }
    for (dom::element item : list) {
      std::string_view name;
      std::optional<sp::ReasonCode> code;
      if (item.get(name) == simdjson::SUCCESS) code = sp::parse_reason_code(name);
      if (!code) {
        error = where + "." + key + ": '" + std::string(name) + "' is not a reason code";
        return false;
      }
      out.push_back(*code);
    }
    return true;
  };
  std::vector<sp::ReasonCode> reasons, exactly;
  if (!codes("reasons", reasons) || !codes("reasons_exactly", exactly)) return false;
  const bool has_reasons = expect.at_key("reasons").error() == simdjson::SUCCESS;
  const bool has_exactly = expect.at_key("reasons_exactly").error() == simdjson::SUCCESS;
  if (has_reasons && has_exactly) {
    error = where + ": give reasons or reasons_exactly, not both";
    return false;
  }
  // A defer has reasons too (quiet_hours, call_permission_request_limit):
  // `reasons` may name them; `reasons_exactly` is for denies.
  if (has_exactly && *verdict != sp::Verdict::kDeny) {
    error = where + ": reasons_exactly needs verdict deny";
    return false;
  }
  if (has_reasons && *verdict == sp::Verdict::kAllow) {
    error = where + ": reasons need verdict deny or defer";
    return false;
  }
  std::string_view retry_text;
  const bool has_retry = expect["retry_at"].get(retry_text) == simdjson::SUCCESS;
  if (has_retry && *verdict != sp::Verdict::kDefer) {
    error = where + ".retry_at: needs verdict defer";
    return false;
  }
  switch (*verdict) {
    case sp::Verdict::kAllow:
      matcher = spt::Allows();
      break;
    case sp::Verdict::kDeny:
      matcher = has_exactly ? spt::DeniesExactly(exactly)
                            : has_reasons ? spt::Denies(reasons) : spt::Denies();
      break;
    case sp::Verdict::kDefer: {
      if (!has_retry) {
        matcher = spt::Defers();
        break;
      }
      const std::optional<sp::Timestamp> t = sp::parse_timestamp(retry_text);
      if (!t) {
        error = where + ".retry_at: expected an RFC 3339 instant";
        return false;
      }
      matcher = spt::Defers(*t);
      break;
    }
  }
  if (*verdict == sp::Verdict::kDefer) {
    for (sp::ReasonCode code : reasons) matcher = *matcher && spt::DefersBecause(code);
  }
  std::string_view billing_name;
  if (expect["billing"].get(billing_name) == simdjson::SUCCESS) {
    const std::optional<sp::Billing> billing = sp::parse_enum<sp::Billing>(billing_name);
    if (!billing) {
      error = where + ".billing: '" + std::string(billing_name) + "' is not a billing category";
      return false;
    }
    matcher = *matcher && spt::Bills(*billing);
  }
  dom::array warnings;
  if (expect["warnings"].get(warnings) == simdjson::SUCCESS) {
    for (dom::element item : warnings) {
      std::string_view name;
      std::optional<sp::WarningCode> code;
      if (item.get(name) == simdjson::SUCCESS) code = sp::parse_warning_code(name);
      if (!code) {
        error = where + ".warnings: '" + std::string(name) + "' is not a warning code";
        return false;
      }
      matcher = *matcher && spt::HasWarning(*code);
    }
  }
  auto contains_invalid = [](const std::vector<sp::ReasonCode>& v) {
    for (sp::ReasonCode c : v) {
      if (c == sp::ReasonCode::kInvalidRequest) return true;
    }
    return false;
  };
  expects_invalid = contains_invalid(reasons) || contains_invalid(exactly);
  return true;
}

using Fields = std::vector<std::pair<std::string_view, dom::element>>;

// Adds `part`'s fields to `merged`, replacing fields of the same name whole.
bool merge(dom::element part, const std::vector<std::string_view>& allowed,
           const std::string& where, Fields& merged, std::string& error) {
  dom::object o;
  if (part.get(o) != simdjson::SUCCESS) {
    error = where + ": expected an object";
    return false;
  }
  if (!only_keys(o, allowed, where, error)) return false;
  std::vector<std::string_view> seen;
  for (dom::key_value_pair field : o) {
    for (std::string_view key : seen) {
      if (key == field.key) {
        error = where + "." + std::string(field.key) + ": duplicate field";
        return false;
      }
    }
    seen.push_back(field.key);
    bool replaced = false;
    for (auto& [key, value] : merged) {
      if (key == field.key) {
        value = field.value;
        replaced = true;
      }
    }
    if (!replaced) merged.emplace_back(field.key, field.value);
  }
  return true;
}

// `given` is the recipient's state, `when` the send (docs/testing.md).
const std::vector<std::string_view>& given_keys() {
  static const std::vector<std::string_view> keys = {"recipient", "consent", "window", "history"};
  return keys;
}
const std::vector<std::string_view>& when_keys() {
  static const std::vector<std::string_view> keys = {"now", "channel", "message", "id"};
  return keys;
}

Outcome run_scenario(const sp::Policy& policy, std::optional<dom::element> file_given,
                     dom::element scenario, const std::string& where, const std::string& file) {
  Outcome o;
  o.file = file;
  o.status = Status::kError;
  auto error_out = [&](std::string message) {
    o.message = std::move(message);
    return o;
  };
  dom::object s;
  if (scenario.get(s) != simdjson::SUCCESS) return error_out(where + ": expected an object");
  std::string_view name;
  if (s["name"].get(name) != simdjson::SUCCESS || name.empty()) {
    return error_out(where + ".name: required (a string)");
  }
  o.name = std::string(name);
  std::string error;
  if (!only_keys(s, {"name", "given", "when", "expect"}, where, error)) return error_out(error);

  Fields merged;
  if (file_given && !merge(*file_given, given_keys(), "given", merged, error)) {
    return error_out(error);
  }
  dom::element part;
  if (s["given"].get(part) == simdjson::SUCCESS &&
      !merge(part, given_keys(), where + ".given", merged, error)) {
    return error_out(error);
  }
  if (s["when"].get(part) != simdjson::SUCCESS) return error_out(where + ".when: required");
  if (!merge(part, when_keys(), where + ".when", merged, error)) return error_out(error);

  dom::object expect;
  if (s["expect"].get(expect) != simdjson::SUCCESS) {
    return error_out(where + ".expect: required (an object)");
  }
  std::optional<spt::DecisionMatcher> matcher;
  bool expects_invalid = false;
  if (!read_expectation(expect, where + ".expect", matcher, expects_invalid, error)) {
    return error_out(error);
  }

  std::optional<sp::Timestamp> now;
  bool has_id = false;
  for (const auto& [key, value] : merged) {
    std::string_view text;
    if (key == "now" && value.get(text) == simdjson::SUCCESS) now = sp::parse_timestamp(text);
    has_id = has_id || key == "id";
  }
  std::string json = "{";
  if (!has_id) {
    json += "\"id\":";
    sendpolicy::wire::append_json_string(json, name);
  }
  for (const auto& [key, value] : merged) {
    if (json.size() > 1) json += ',';
    sendpolicy::wire::append_json_string(json, key);
    json += ':';
    if (!write_json(value, key, std::string(key), now, json, error)) {
      return error_out(where + ": " + error);
    }
  }
  json += '}';

  sp::SendRequest request;
  sendpolicy::wire::RequestParser parser;
  const absl::Status parsed = parser.parse(json, request);
  if (!parsed.ok()) {
    if (expects_invalid) {
      o.status = Status::kPass;
      return o;
    }
    return error_out(where + ": invalid request: " + std::string(parsed.message()));
  }
  const sp::SendDecision decision = sp::evaluate(policy, request);
  o.message = matcher->failure_message(decision);
  o.status = o.message.empty() ? Status::kPass : Status::kFail;
  return o;
}

void run_file(const sp::Policy& default_policy, const std::string& file,
              std::vector<Outcome>& outcomes) {
  auto file_error = [&](std::string message) {
    Outcome o;
    o.file = file;
    o.status = Status::kError;
    o.message = std::move(message);
    outcomes.push_back(std::move(o));
  };
  std::string text;
  if (std::string error = read_file(file, std::size_t{64} << 20, text); !error.empty()) {
    return file_error(error);
  }
  dom::parser parser;
  dom::element root;
  if (const auto err = parser.parse(text).get(root); err != simdjson::SUCCESS) {
    return file_error(std::string("not valid JSON (") + simdjson::error_message(err) + ")");
  }
  dom::object top;
  if (root.get(top) != simdjson::SUCCESS) return file_error("expected a JSON object");
  std::string error;
  if (!only_keys(top, {"policy", "given", "scenarios"}, "", error)) return file_error(error);
  sp::Policy policy = default_policy;
  std::string_view policy_name;
  if (top["policy"].get(policy_name) == simdjson::SUCCESS) {
    if (policy_name != "whatsapp") return file_error("policy: only \"whatsapp\" is known");
    policy = sp::Policy::whatsapp();
  }
  std::optional<dom::element> given;
  dom::element g;
  if (top["given"].get(g) == simdjson::SUCCESS) given = g;
  dom::array scenarios;
  if (top["scenarios"].get(scenarios) != simdjson::SUCCESS || scenarios.size() == 0) {
    return file_error("scenarios: required (a non-empty list)");
  }
  std::size_t i = 0;
  for (dom::element scenario : scenarios) {
    outcomes.push_back(
        run_scenario(policy, given, scenario, "scenarios[" + std::to_string(i) + "]", file));
    ++i;
  }
}

std::string title(const Outcome& o) {
  return o.name.empty() ? o.file : o.file + ": " + o.name;
}

std::string tap_report(const std::vector<Outcome>& outcomes) {
  std::string s = "TAP version 13\n1.." + std::to_string(outcomes.size()) + "\n";
  std::size_t n = 0;
  for (const Outcome& o : outcomes) {
    ++n;
    s += o.status == Status::kPass ? "ok " : "not ok ";
    s += std::to_string(n) + " - " + title(o);
    if (o.status == Status::kError) s += " # error";
    s += '\n';
    if (o.status == Status::kPass) continue;
    s += "  ---\n  message: |-\n";
    std::size_t start = 0;
    while (start <= o.message.size()) {
      const std::size_t end = o.message.find('\n', start);
      s += "    " + o.message.substr(start, end - start) + '\n';
      if (end == std::string::npos) break;
      start = end + 1;
    }
    s += "  ...\n";
  }
  return s;
}

std::string xml_escape(std::string_view text) {
  std::string s;
  for (char c : text) {
    switch (c) {
      case '&': s += "&amp;"; break;
      case '<': s += "&lt;"; break;
      case '>': s += "&gt;"; break;
      case '"': s += "&quot;"; break;
      default: s += c;
    }
  }
  return s;
}

std::string junit_report(const std::vector<Outcome>& outcomes) {
  std::size_t failures = 0, errors = 0;
  for (const Outcome& o : outcomes) {
    failures += o.status == Status::kFail ? 1 : 0;
    errors += o.status == Status::kError ? 1 : 0;
  }
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += "<testsuites name=\"sendpolicy\" tests=\"" + std::to_string(outcomes.size()) +
       "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
       "\">\n";
  std::size_t i = 0;
  while (i < outcomes.size()) {
    std::size_t end = i;
    std::size_t f = 0, e = 0;
    while (end < outcomes.size() && outcomes[end].file == outcomes[i].file) {
      f += outcomes[end].status == Status::kFail ? 1 : 0;
      e += outcomes[end].status == Status::kError ? 1 : 0;
      ++end;
    }
    const std::string file = xml_escape(outcomes[i].file);
    s += "  <testsuite name=\"" + file + "\" tests=\"" + std::to_string(end - i) +
         "\" failures=\"" + std::to_string(f) + "\" errors=\"" + std::to_string(e) + "\">\n";
    for (; i < end; ++i) {
      const Outcome& o = outcomes[i];
      s += "    <testcase classname=\"" + file + "\" name=\"" +
           xml_escape(o.name.empty() ? "(file)" : o.name) + "\"";
      if (o.status == Status::kPass) {
        s += "/>\n";
        continue;
      }
      const char* tag = o.status == Status::kFail ? "failure" : "error";
      const std::string first_line = o.message.substr(0, o.message.find('\n'));
      s += ">\n      <" + std::string(tag) + " message=\"" + xml_escape(first_line) + "\">" +
           xml_escape(o.message) + "</" + tag + ">\n    </testcase>\n";
    }
    s += "  </testsuite>\n";
  }
  s += "</testsuites>\n";
  return s;
}

}  // namespace

int run_test(const sp::Policy& policy, const TestOptions& options) {
  std::vector<Outcome> outcomes;
  for (const std::string& file : options.files) run_file(policy, file, outcomes);
  const std::string report = options.junit ? junit_report(outcomes) : tap_report(outcomes);
  if (options.output.empty()) {
    std::fputs(report.c_str(), stdout);
  } else {
    std::FILE* f = std::fopen(options.output.c_str(), "wb");
    if (f == nullptr || std::fputs(report.c_str(), f) < 0 || std::fclose(f) != 0) {
      std::fprintf(stderr, "sendpolicy test: cannot write %s\n", options.output.c_str());
      return kExitUsageOrInput;
    }
  }
  int rc = 0;
  for (const Outcome& o : outcomes) {
    if (o.status == Status::kError) return kExitUsageOrInput;
    if (o.status == Status::kFail) rc = 1;
  }
  return rc;
}

}  // namespace sendpolicy_cli
