// `sendpolicy test`: scenario files to TAP or JUnit XML. The file is read
// with simdjson's DOM; each scenario's request is re-serialised as one
// wire-format object and read by the wire library's strict parser, so a
// scenario accepts exactly what `sendpolicy check` accepts. Its `expect`
// becomes the testing kit's matchers (scenario_expect.cc); the reports are
// scenario_report.cc's.
#include "scenarios.h"

#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>

#include <sendpolicy/testing.h>
#include <sendpolicy/wire/json_writer.h>
#include <sendpolicy/wire/policy_json.h>
#include <sendpolicy/wire/request_json.h>

#include "commands.h"
#include "scenario_expect.h"
#include "scenario_report.h"
#include "scenario_time.h"

namespace sendpolicy_cli {
namespace {

namespace sp = sendpolicy;
namespace spt = sendpolicy::testing;
namespace dom = simdjson::dom;

using Status = ScenarioStatus;
using Outcome = ScenarioOutcome;

bool is_time_key(std::string_view key) {
  return key == "at" || (key.size() > 3 && key.substr(key.size() - 3) == "_at");
}

// The first key that appears twice in an object anywhere inside `e`, as
// "<path>: duplicate key". simdjson's DOM keeps every copy and lookups see
// the first, so a second "scenarios" or "expect" would be silently ignored.
std::string find_duplicate_key(dom::element e, const std::string& path) {
  if (e.type() == dom::element_type::ARRAY) {
    std::size_t i = 0;
    for (dom::element item : dom::array(e)) {
      std::string error = find_duplicate_key(item, path + "[" + std::to_string(i++) + "]");
      if (!error.empty()) return error;
    }
    return {};
  }
  if (e.type() != dom::element_type::OBJECT) return {};
  std::vector<std::string_view> seen;
  for (dom::key_value_pair field : dom::object(e)) {
    const std::string at = path.empty() ? std::string(field.key) : path + "." + std::string(field.key);
    for (std::string_view key : seen) {
      if (key == field.key) return at + ": duplicate key";
    }
    seen.push_back(field.key);
    std::string error = find_duplicate_key(field.value, at);
    if (!error.empty()) return error;
  }
  return {};
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
        if (!resolve_relative_time(text, now, resolved, problem)) {
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
  for (dom::key_value_pair field : o) {
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

// The decision evaluate() gives for a request it cannot read, for a request
// the wire parser rejected ("recipient.phone: expected a string"), so that
// the same matchers (InvalidAt) judge both. `field` owns the path the
// decision points into.
sp::SendDecision unreadable(std::string_view message, std::string& field) {
  std::string_view problem = message;
  const std::size_t colon = message.find(": ");
  const std::string_view path = message.substr(0, colon);
  const bool is_path = colon != std::string_view::npos && !path.empty() &&
                       path.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.[]") ==
                           std::string_view::npos;
  if (is_path) {
    field = std::string(path);
    problem = message.substr(colon + 2);
  }
  sp::SendDecision d;
  sp::Reason r;
  r.code = sp::ReasonCode::kInvalidRequest;
  r.rule = sp::reason_info(sp::ReasonCode::kInvalidRequest).default_rule;
  r.detail = problem;
  d.reasons.insert_by_code(r);
  d.verdict = sp::Verdict::kDeny;
  d.billing = sp::Billing::kNone;
  d.invalid = sp::FieldError{field, problem, -1};
  return d;
}

Outcome run_scenario(const sp::Policy& policy, std::optional<dom::element> file_given,
                     dom::element scenario, const std::string& where, const std::string& file,
                     std::vector<std::pair<std::string, std::string>>& names) {
  Outcome o;
  o.file = file;
  o.name = where;  // until the scenario's own name is read
  o.status = Status::kError;
  auto error_out = [&](std::string message) {
    o.message = std::move(message);
    return o;
  };
  dom::object s;
  if (scenario.get(s) != simdjson::SUCCESS) return error_out(where + ": expected an object");
  if (std::string dup = find_duplicate_key(scenario, where); !dup.empty()) {
    std::string_view name;
    if (s["name"].get(name) == simdjson::SUCCESS && !name.empty()) o.name = std::string(name);
    return error_out(dup);
  }
  std::string_view name;
  if (s["name"].get(name) != simdjson::SUCCESS || name.empty()) {
    return error_out(where + ".name: required (a non-empty string)");
  }
  o.name = std::string(name);
  // JUnit consumers merge test cases of equal names: a failing scenario
  // would hide behind a passing one of the same name.
  for (const auto& [earlier, earlier_where] : names) {
    if (earlier == name) {
      o.name += " [" + where + "]";
      return error_out(where + ".name: '" + std::string(name) + "' is also the name of " +
                       earlier_where + "; names must be unique in a file");
    }
  }
  names.emplace_back(std::string(name), where);
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

  std::optional<sp::Timestamp> now;
  bool has_id = false;
  for (const auto& [key, value] : merged) {
    std::string_view text;
    if (key == "now" && value.get(text) == simdjson::SUCCESS) now = sp::parse_timestamp(text);
    has_id = has_id || key == "id";
  }

  dom::element expect;
  if (s["expect"].get(expect) != simdjson::SUCCESS) {
    return error_out(where + ".expect: required (an object)");
  }
  std::optional<spt::DecisionMatcher> matcher;
  if (!read_expectation(expect, where + ".expect", now, matcher, error)) return error_out(error);

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
  if (!parsed.ok() && !matcher->expects_invalid()) {
    // Not a broken rule but a broken scenario: say so as an error.
    return error_out(where + ": invalid request: " + std::string(parsed.message()));
  }
  const std::string parse_error(parsed.message());
  std::string field;
  const sp::SendDecision decision =
      parsed.ok() ? sp::evaluate(policy, request) : unreadable(parse_error, field);
  o.message = matcher->failure_message(decision);
  o.status = o.message.empty() ? Status::kPass : Status::kFail;
  return o;
}

// The directory part of `file` ("" or ending in '/'), for paths in the file.
std::string directory_of(const std::string& file) {
  const std::size_t slash = file.find_last_of('/');
  return slash == std::string::npos ? std::string() : file.substr(0, slash + 1);
}

// `policy`: "whatsapp", a policy file's path (relative to the scenario
// file), or a policy object inline; the file format is docs/cli.md's.
std::string read_policy(dom::element e, const std::string& file, sp::Policy& policy) {
  std::string text;
  std::string_view name;
  if (e.get(name) == simdjson::SUCCESS) {
    if (name == "whatsapp") {
      policy = sp::Policy::whatsapp();
      return {};
    }
    if (name.empty()) return "policy: expected \"whatsapp\" or a policy file's path";
    const std::string path =
        name.front() == '/' ? std::string(name) : directory_of(file) + std::string(name);
    if (std::string error = read_file(path, std::size_t{1} << 20, text); !error.empty()) {
      return "policy: " + error;
    }
  } else if (e.type() == dom::element_type::OBJECT) {
    text = simdjson::minify(e);
  } else {
    return "policy: expected \"whatsapp\", a policy file's path or a policy object";
  }
  policy = sp::Policy::whatsapp();
  const absl::Status s = sp::wire::parse_policy(text, policy);
  if (!s.ok()) return "policy: " + std::string(s.message());
  return {};
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
  // A duplicate at the top or in the shared `given` / `policy` spoils every
  // scenario: a file error. One inside a scenario is that scenario's error.
  std::vector<std::string_view> seen;
  for (dom::key_value_pair field : top) {
    for (std::string_view key : seen) {
      if (key == field.key) return file_error(std::string(field.key) + ": duplicate key");
    }
    seen.push_back(field.key);
    if (field.key == "scenarios") continue;
    if (std::string dup = find_duplicate_key(field.value, std::string(field.key)); !dup.empty()) {
      return file_error(dup);
    }
  }
  sp::Policy policy = default_policy;
  dom::element policy_element;
  if (top["policy"].get(policy_element) == simdjson::SUCCESS) {
    if (std::string problem = read_policy(policy_element, file, policy); !problem.empty()) {
      return file_error(problem);
    }
  }
  std::optional<dom::element> given;
  dom::element g;
  if (top["given"].get(g) == simdjson::SUCCESS) given = g;
  dom::array scenarios;
  if (top["scenarios"].get(scenarios) != simdjson::SUCCESS || scenarios.size() == 0) {
    return file_error("scenarios: required (a non-empty list)");
  }
  std::vector<std::pair<std::string, std::string>> names;  // name, where
  std::size_t i = 0;
  for (dom::element scenario : scenarios) {
    outcomes.push_back(run_scenario(policy, given, scenario,
                                    "scenarios[" + std::to_string(i) + "]", file, names));
    ++i;
  }
}

}  // namespace

int run_test(const sp::Policy& policy, const TestOptions& options) {
  std::vector<Outcome> outcomes;
  for (const std::string& file : options.files) run_file(policy, file, outcomes);
  const std::string report = options.junit ? junit_report(outcomes) : tap_report(outcomes);
  if (options.output.empty()) {
    if (!write_all(stdout, report) || !finish_stdout()) return kExitUsageOrInput;
  } else {
    std::FILE* f = std::fopen(options.output.c_str(), "wb");
    const bool written = f != nullptr && write_all(f, report) && std::fflush(f) == 0;
    const bool closed = f != nullptr && std::fclose(f) == 0;
    if (!written || !closed) {
      std::fprintf(stderr, "sendpolicy test: cannot write %s\n",
                   sendpolicy::wire::printable(options.output).c_str());
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
