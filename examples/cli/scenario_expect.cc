// `expect` -> DecisionMatcher (scenario_expect.h).
#include "scenario_expect.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <sendpolicy/enums.h>
#include <sendpolicy/reasons.h>

#include "scenario_time.h"

namespace sendpolicy_cli {
namespace {

namespace sp = sendpolicy;
namespace spt = sendpolicy::testing;
namespace dom = simdjson::dom;

constexpr std::string_view kKeys[] = {"verdict", "reasons",  "reasons_exactly",
                                      "invalid_field", "billing", "retry_at",
                                      "warnings", "warnings_exactly"};

// The keys of `expect` as read, before they are checked against each other.
struct Read {
  std::optional<sp::Verdict> verdict;
  std::optional<std::vector<sp::ReasonCode>> reasons, reasons_exactly;
  std::optional<std::string> invalid_field;
  std::optional<sp::Billing> billing;
  std::optional<std::string> retry_at;
  std::optional<std::vector<sp::WarningCode>> warnings, warnings_exactly;
};

class Reader {
 public:
  Reader(dom::object expect, const std::string& where, std::string& error)
      : expect_(expect), where_(where), error_(error) {}

  bool fail(std::string_view key, const std::string& problem) {
    error_ = where_ + (key.empty() ? "" : "." + std::string(key)) + ": " + problem;
    return false;
  }

  // Every key known, none twice (the caller checked duplicates), none null:
  // there is nothing to remove in `expect`, so null can only be a mistake
  // for "none", which an empty list or leaving the key out says.
  bool keys() {
    for (dom::key_value_pair field : expect_) {
      if (std::find(std::begin(kKeys), std::end(kKeys), field.key) == std::end(kKeys)) {
        return fail(field.key, "unknown field (known: verdict, reasons, reasons_exactly, "
                               "invalid_field, billing, retry_at, warnings, warnings_exactly)");
      }
      if (field.value.is_null()) {
        return fail(field.key, "null is not an expectation; leave the key out");
      }
    }
    return true;
  }

  bool text(std::string_view key, const char* what, std::optional<std::string>& out) {
    dom::element e;
    if (expect_.at_key(key).get(e) != simdjson::SUCCESS) return true;
    std::string_view s;
    if (e.get(s) != simdjson::SUCCESS) return fail(key, std::string("expected ") + what);
    out = std::string(s);
    return true;
  }

  // A list of codes by wire name; `parse` is parse_reason_code or
  // parse_warning_code.
  template <class Code, class Parse>
  bool codes(std::string_view key, const char* what, Parse parse,
             std::optional<std::vector<Code>>& out) {
    dom::element e;
    if (expect_.at_key(key).get(e) != simdjson::SUCCESS) return true;
    dom::array list;
    if (e.get(list) != simdjson::SUCCESS) {
      return fail(key, std::string("expected a list of ") + what + " codes");
    }
    out.emplace();
    std::size_t i = 0;
    for (dom::element item : list) {
      const std::string at = std::string(key) + "[" + std::to_string(i++) + "]";
      std::string_view name;
      if (item.get(name) != simdjson::SUCCESS) {
        return fail(at, std::string("expected a ") + what + " code (a string)");
      }
      const std::optional<Code> code = parse(name);
      if (!code) return fail(at, "'" + std::string(name) + "' is not a " + what + " code");
      out->push_back(*code);
    }
    return true;
  }

  bool read(Read& r) {
    if (!keys()) return false;
    std::optional<std::string> verdict;
    if (!text("verdict", "a string (allow, deny or defer)", verdict)) return false;
    if (!verdict) return fail("verdict", "required (allow, deny or defer)");
    r.verdict = sp::parse_enum<sp::Verdict>(*verdict);
    if (!r.verdict) return fail("verdict", "expected allow, deny or defer");
    std::optional<std::string> billing;
    if (!codes<sp::ReasonCode>("reasons", "reason", sp::parse_reason_code, r.reasons) ||
        !codes<sp::ReasonCode>("reasons_exactly", "reason", sp::parse_reason_code,
                               r.reasons_exactly) ||
        !text("invalid_field", "a string (a field path like \"recipient.phone\")",
              r.invalid_field) ||
        !text("billing", "a string (a billing category)", billing) ||
        !text("retry_at", "a string (an RFC 3339 instant, or relative like \"now + 8h\")",
              r.retry_at) ||
        !codes<sp::WarningCode>("warnings", "warning", sp::parse_warning_code, r.warnings) ||
        !codes<sp::WarningCode>("warnings_exactly", "warning", sp::parse_warning_code,
                                r.warnings_exactly)) {
      return false;
    }
    if (billing) {
      r.billing = sp::parse_enum<sp::Billing>(*billing);
      if (!r.billing) return fail("billing", "'" + *billing + "' is not a billing category");
    }
    return true;
  }

 private:
  dom::object expect_;
  const std::string& where_;
  std::string& error_;
};

bool has(const std::vector<sp::ReasonCode>& codes, sp::ReasonCode code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// The keys against each other: every combination that no decision can meet,
// or that would check nothing, is an error.
bool check(const Read& r, Reader& in) {
  const sp::Verdict verdict = *r.verdict;
  if (r.reasons && r.reasons_exactly) return in.fail("", "give reasons or reasons_exactly, not both");
  if (r.warnings && r.warnings_exactly) {
    return in.fail("", "give warnings or warnings_exactly, not both");
  }
  const char* key = r.reasons ? "reasons" : "reasons_exactly";
  const std::optional<std::vector<sp::ReasonCode>>& reasons =
      r.reasons ? r.reasons : r.reasons_exactly;
  if (reasons) {
    if (reasons->empty()) {
      return in.fail(key, r.reasons ? "an empty list would check nothing; leave the key out "
                                      "to accept any reasons"
                                    : "an empty list matches no decision (every deny and "
                                      "every defer has a reason)");
    }
    if (verdict == sp::Verdict::kAllow) return in.fail(key, "needs verdict deny or defer");
    if (has(*reasons, sp::ReasonCode::kInvalidRequest)) {
      if (verdict == sp::Verdict::kDefer) {
        return in.fail(key, "invalid_request is always a deny, never a defer");
      }
      if (std::any_of(reasons->begin(), reasons->end(),
                      [](sp::ReasonCode c) { return c != sp::ReasonCode::kInvalidRequest; })) {
        return in.fail(key, "invalid_request never comes with other reasons (no rule judges "
                            "invalid input); expect it alone, with invalid_field");
      }
      if (!r.invalid_field) {
        return in.fail(key, "invalid_request needs invalid_field, the field that is invalid "
                            "(like \"recipient.phone\"), so that another mistake in the "
                            "scenario cannot pass the test");
      }
    }
  }
  if (r.invalid_field) {
    if (r.invalid_field->empty()) {
      return in.fail("invalid_field", "expected a field path like \"recipient.phone\"");
    }
    if (verdict != sp::Verdict::kDeny) return in.fail("invalid_field", "needs verdict deny");
    if (reasons && !has(*reasons, sp::ReasonCode::kInvalidRequest)) {
      return in.fail(key, "an invalid request has the one reason invalid_request");
    }
  }
  if (r.retry_at && verdict != sp::Verdict::kDefer) {
    return in.fail("retry_at", "needs verdict defer");
  }
  if (r.warnings && r.warnings->empty()) {
    return in.fail("warnings", "an empty list would check nothing; write "
                               "\"warnings_exactly\": [] for no warnings");
  }
  return true;
}

spt::DecisionMatcher build(const Read& r, std::optional<sp::Timestamp> retry_at) {
  std::optional<spt::DecisionMatcher> m;
  switch (*r.verdict) {
    case sp::Verdict::kAllow:
      m = spt::Allows();
      break;
    case sp::Verdict::kDeny:
      if (r.invalid_field) {
        m = spt::InvalidAt(*r.invalid_field);
      } else if (r.reasons_exactly) {
        m = spt::DeniesExactly(*r.reasons_exactly);
      } else if (r.reasons) {
        m = spt::Denies(*r.reasons);
      } else {
        m = spt::Denies();
      }
      break;
    case sp::Verdict::kDefer: {
      std::optional<spt::DecisionMatcher> why;
      if (r.reasons_exactly) why = spt::DefersExactly(*r.reasons_exactly);
      if (r.reasons) why = spt::Defers(*r.reasons);
      if (retry_at) {
        m = why ? spt::Defers(*retry_at) && *why : spt::Defers(*retry_at);
      } else {
        m = why ? *why : spt::Defers();
      }
      break;
    }
  }
  if (r.billing) m = *m && spt::Bills(*r.billing);
  if (r.warnings) {
    for (sp::WarningCode w : *r.warnings) m = *m && spt::HasWarning(w);
  }
  if (r.warnings_exactly) m = *m && spt::HasWarningsExactly(*r.warnings_exactly);
  return *m;
}

}  // namespace

bool read_expectation(dom::element expect, const std::string& where,
                      std::optional<sp::Timestamp> now,
                      std::optional<spt::DecisionMatcher>& matcher, std::string& error) {
  dom::object object;
  if (expect.get(object) != simdjson::SUCCESS) {
    error = where + ": expected an object";
    return false;
  }
  Reader in(object, where, error);
  Read r;
  if (!in.read(r) || !check(r, in)) return false;
  std::optional<sp::Timestamp> retry_at;
  if (r.retry_at) {
    std::string problem;
    if (!resolve_relative_time(*r.retry_at, now, retry_at, problem)) {
      return in.fail("retry_at", problem);
    }
    if (!retry_at) retry_at = sp::parse_timestamp(*r.retry_at);
    if (!retry_at) {
      return in.fail("retry_at", "expected an RFC 3339 instant, or a time relative to now "
                                 "(like \"now + 8h\")");
    }
  }
  try {
    matcher = build(r, retry_at);
  } catch (const std::invalid_argument& e) {  // check() should have caught it first
    error = where + ": " + e.what();
    return false;
  }
  return true;
}

}  // namespace sendpolicy_cli
