// Decision matchers: one expectation, three ways to report it (neutral,
// Catch2, GoogleTest), all from the same phrases.
#include "sendpolicy/testing/matchers.h"

#include <algorithm>
#include <ostream>
#include <stdexcept>
#include <utility>

#include "sendpolicy/explain.h"
#include "sendpolicy/validate.h"

namespace sendpolicy {

void PrintTo(const SendDecision& decision, std::ostream* os) {
  std::string text = explain(decision);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  *os << text;
}

namespace testing {
namespace {

using Kind = DecisionMatcher::Kind;
using Clause = DecisionMatcher::Clause;

template <class Code>
std::string code_list(const std::vector<Code>& codes) {
  std::string s;
  for (Code c : codes) {
    if (!s.empty()) s += ", ";
    s += to_string(c);
  }
  return s;
}

// "denies" / "defers": the verdict a reason clause is about.
std::string verb(Verdict v) { return v == Verdict::kDefer ? "defers" : "denies"; }

std::string phrase(const Clause& c) {
  switch (c.kind) {
    case Kind::kAllows:
      return "allows the send";
    case Kind::kDenies:
      return "denies the send";
    case Kind::kReasonsIncluding:
      return verb(c.verdict) + " the send with reasons including " + code_list(c.reasons);
    case Kind::kReasonsExactly:
      return verb(c.verdict) + " the send with exactly reasons " + code_list(c.reasons);
    case Kind::kDefers:
      return c.until ? "defers the send until " + format_timestamp(*c.until)
                     : std::string("defers the send");
    case Kind::kBills:
      return "bills " + std::string(to_string(c.billing));
    case Kind::kHasWarning:
      return "warns " + std::string(to_string(c.warning));
    case Kind::kWarningsExactly:
      return c.warnings.empty() ? std::string("warns nothing")
                                : "warns exactly " + code_list(c.warnings);
    case Kind::kInvalidAt:
      return "rejects the request as invalid at " + c.field;
  }
  return "?";
}

std::string verdict_is(const SendDecision& d) {
  return "the verdict is " + std::string(to_string(d.verdict));
}

bool is_invalid(const SendDecision& d) { return d.has(ReasonCode::kInvalidRequest); }

std::string invalid_field(const SendDecision& d) {
  return d.invalid ? field_path(*d.invalid) : std::string();
}

// "recipient.phone: is required", or what is known of it (a parser's
// complaint about the whole input names no field).
std::string invalid_what(const SendDecision& d) {
  if (!d.invalid) return "(no field named)";
  const std::string path = field_path(*d.invalid);
  if (path.empty()) return std::string(d.invalid->problem);
  return path + ": " + std::string(d.invalid->problem);
}

bool clause_expects_invalid(const Clause& c) {
  if (c.kind == Kind::kInvalidAt) return true;
  return (c.kind == Kind::kReasonsIncluding || c.kind == Kind::kReasonsExactly) &&
         std::find(c.reasons.begin(), c.reasons.end(), ReasonCode::kInvalidRequest) !=
             c.reasons.end();
}

// Why `c` does not hold for `d`, or empty if it does.
std::string why_not(const Clause& c, const SendDecision& d) {
  switch (c.kind) {
    case Kind::kAllows:
      return d.verdict == Verdict::kAllow ? std::string() : verdict_is(d);
    case Kind::kDenies:
      return d.verdict == Verdict::kDeny ? std::string() : verdict_is(d);
    case Kind::kReasonsIncluding:
    case Kind::kReasonsExactly: {
      if (d.verdict != c.verdict) return verdict_is(d);
      std::vector<ReasonCode> missing;
      for (ReasonCode code : c.reasons) {
        if (!d.has(code)) missing.push_back(code);
      }
      std::vector<ReasonCode> unexpected;
      if (c.kind == Kind::kReasonsExactly) {
        for (const Reason& r : d.reasons) {
          if (std::find(c.reasons.begin(), c.reasons.end(), r.code) == c.reasons.end()) {
            unexpected.push_back(r.code);
          }
        }
      }
      std::string s;
      if (!missing.empty()) s = "missing " + code_list(missing);
      if (!unexpected.empty()) {
        if (!s.empty()) s += ", ";
        s += "unexpected " + code_list(unexpected);
      }
      return s;
    }
    case Kind::kDefers:
      if (d.verdict != Verdict::kDefer) return verdict_is(d);
      if (c.until && d.retry_at != c.until) {
        return "it retries at " + (d.retry_at ? format_timestamp(*d.retry_at)
                                              : std::string("(no time)"));
      }
      return {};
    case Kind::kBills:
      if (d.billing == c.billing) return {};
      return "it bills " + std::string(to_string(d.billing));
    case Kind::kHasWarning:
      if (d.has(c.warning)) return {};
      return "no warning " + std::string(to_string(c.warning));
    case Kind::kWarningsExactly: {
      std::vector<WarningCode> missing;
      for (WarningCode code : c.warnings) {
        if (!d.has(code)) missing.push_back(code);
      }
      std::vector<WarningCode> unexpected;
      for (const Warning& w : d.warnings) {
        if (std::find(c.warnings.begin(), c.warnings.end(), w.code) == c.warnings.end()) {
          unexpected.push_back(w.code);
        }
      }
      std::string s;
      if (!missing.empty()) s = "missing warning " + code_list(missing);
      if (!unexpected.empty()) {
        if (!s.empty()) s += ", ";
        s += "unexpected warning " + code_list(unexpected);
      }
      return s;
    }
    case Kind::kInvalidAt:
      if (!is_invalid(d)) {
        if (d.verdict != Verdict::kDeny) return verdict_is(d);
        std::vector<ReasonCode> codes;
        for (const Reason& r : d.reasons) codes.push_back(r.code);
        return "the request is valid; it is denied for " + code_list(codes);
      }
      if (invalid_field(d) == c.field) return {};
      return "it is invalid at " + invalid_what(d);
  }
  return "?";
}

Clause clause(Kind kind) {
  Clause c;
  c.kind = kind;
  return c;
}

[[noreturn]] void refuse(const char* factory, const std::string& why) {
  throw std::invalid_argument(std::string("sendpolicy::testing::") + factory + ": " + why);
}

// Denies()/Defers() with reasons: sorted into catalogue order, duplicates
// dropped, so the phrase reads like the decision. Expectations no decision
// can meet are refused here, where the test is written.
DecisionMatcher with_reasons(const char* factory, Kind kind, Verdict verdict,
                             std::vector<ReasonCode> reasons) {
  if (reasons.empty()) {
    refuse(factory,
           "an empty list of reasons would check nothing (every deny and every defer has a "
           "reason); name the reasons, or use Denies() / Defers() for any");
  }
  Clause c = clause(kind);
  c.verdict = verdict;
  c.reasons = std::move(reasons);
  std::sort(c.reasons.begin(), c.reasons.end());
  c.reasons.erase(std::unique(c.reasons.begin(), c.reasons.end()), c.reasons.end());
  if (clause_expects_invalid(c)) {
    if (verdict == Verdict::kDefer) {
      refuse(factory, "invalid_request is always a deny, never a defer");
    }
    if (c.reasons.size() > 1) {
      refuse(factory,
             "invalid_request never comes with other reasons (no rule judges invalid input); "
             "expect it alone, better as InvalidAt(\"field.path\")");
    }
  }
  return DecisionMatcher(std::move(c));
}

DecisionMatcher warnings_exactly(std::vector<WarningCode> warnings) {
  Clause c = clause(Kind::kWarningsExactly);
  c.warnings = std::move(warnings);
  std::sort(c.warnings.begin(), c.warnings.end());
  c.warnings.erase(std::unique(c.warnings.begin(), c.warnings.end()), c.warnings.end());
  return DecisionMatcher(std::move(c));
}

}  // namespace

DecisionMatcher::DecisionMatcher(Clause clause) { clauses_.push_back(std::move(clause)); }

bool DecisionMatcher::expects_invalid() const noexcept {
  for (const Clause& c : clauses_) {
    if (clause_expects_invalid(c)) return true;
  }
  return false;
}

bool DecisionMatcher::matches(const SendDecision& d) const { return mismatch(d).empty(); }

std::string DecisionMatcher::expectation() const {
  std::string s;
  for (const Clause& c : clauses_) {
    if (!s.empty()) s += " and ";
    s += phrase(c);
  }
  return s;
}

std::string DecisionMatcher::mismatch(const SendDecision& d) const {
  // An invalid request is judged only by a matcher that expects one: no
  // clause of any other may hold for it (Bills(none), Denies(), ...).
  if (is_invalid(d) && !expects_invalid()) {
    std::string s = "the request is invalid (" + invalid_what(d) + ")";
    if (!invalid_field(d).empty()) {
      s += "; expect that with InvalidAt(\"" + invalid_field(d) + "\")";
    }
    return s;
  }
  std::string s;
  for (const Clause& c : clauses_) {
    const std::string why = why_not(c, d);
    if (why.empty()) continue;
    if (!s.empty()) s += "; ";
    s += why;
  }
  return s;
}

std::string DecisionMatcher::failure_message(const SendDecision& d) const {
  const std::string why = mismatch(d);
  if (why.empty()) return {};
  std::string text = explain(d);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return "expected: " + expectation() + "\n     but: " + why + "\ndecision: " + text;
}

void DecisionMatcher::throw_if_unjudgeable(const SendDecision& d) const {
  // A framework may negate the answer (gMock's Not(...)); returning false
  // would then pass the test. Only an exception fails it either way.
  if (is_invalid(d) && !expects_invalid()) throw std::logic_error(failure_message(d));
}

DecisionMatcher operator&&(const DecisionMatcher& a, const DecisionMatcher& b) {
  DecisionMatcher both = a;
  both.clauses_.insert(both.clauses_.end(), b.clauses_.begin(), b.clauses_.end());
  both.last_mismatch_.clear();
  return both;
}

bool DecisionMatcher::match(const SendDecision& d) const {
  throw_if_unjudgeable(d);
  last_mismatch_ = mismatch(d);
  return last_mismatch_.empty();
}

std::string DecisionMatcher::toString() const {
  // Catch prints the decision (catch2.h: explain()) and then this.
  std::string s = "\nexpected: " + expectation();
  if (!last_mismatch_.empty()) s += "\n     but: " + last_mismatch_;
  return s;
}

bool DecisionMatcher::MatchAndExplain(const SendDecision& d, std::ostream* os) const {
  throw_if_unjudgeable(d);
  const std::string why = mismatch(d);
  if (os != nullptr && !why.empty()) *os << why;
  return why.empty();
}

void DecisionMatcher::DescribeTo(std::ostream* os) const { *os << expectation(); }

void DecisionMatcher::DescribeNegationTo(std::ostream* os) const {
  *os << "not (" << expectation() << ")";
}

DecisionMatcher Allows() { return DecisionMatcher(clause(Kind::kAllows)); }
DecisionMatcher Denies() { return DecisionMatcher(clause(Kind::kDenies)); }

DecisionMatcher Denies(std::initializer_list<ReasonCode> reasons) {
  return with_reasons("Denies", Kind::kReasonsIncluding, Verdict::kDeny, reasons);
}

DecisionMatcher DeniesExactly(std::initializer_list<ReasonCode> reasons) {
  return with_reasons("DeniesExactly", Kind::kReasonsExactly, Verdict::kDeny, reasons);
}

DecisionMatcher Denies(const std::vector<ReasonCode>& reasons) {
  return with_reasons("Denies", Kind::kReasonsIncluding, Verdict::kDeny, reasons);
}

DecisionMatcher DeniesExactly(const std::vector<ReasonCode>& reasons) {
  return with_reasons("DeniesExactly", Kind::kReasonsExactly, Verdict::kDeny, reasons);
}

DecisionMatcher Defers() { return DecisionMatcher(clause(Kind::kDefers)); }

DecisionMatcher Defers(Timestamp until) {
  Clause c = clause(Kind::kDefers);
  c.until = until;
  return DecisionMatcher(std::move(c));
}

DecisionMatcher Defers(std::initializer_list<ReasonCode> reasons) {
  return with_reasons("Defers", Kind::kReasonsIncluding, Verdict::kDefer, reasons);
}

DecisionMatcher DefersExactly(std::initializer_list<ReasonCode> reasons) {
  return with_reasons("DefersExactly", Kind::kReasonsExactly, Verdict::kDefer, reasons);
}

DecisionMatcher Defers(const std::vector<ReasonCode>& reasons) {
  return with_reasons("Defers", Kind::kReasonsIncluding, Verdict::kDefer, reasons);
}

DecisionMatcher DefersExactly(const std::vector<ReasonCode>& reasons) {
  return with_reasons("DefersExactly", Kind::kReasonsExactly, Verdict::kDefer, reasons);
}

DecisionMatcher InvalidAt(std::string field_path) {
  if (field_path.empty()) {
    refuse("InvalidAt", "name the field path, like \"recipient.phone\" or \"history[2].at\"");
  }
  Clause c = clause(Kind::kInvalidAt);
  c.field = std::move(field_path);
  return DecisionMatcher(std::move(c));
}

DecisionMatcher Bills(Billing billing) {
  Clause c = clause(Kind::kBills);
  c.billing = billing;
  return DecisionMatcher(std::move(c));
}

DecisionMatcher HasWarning(WarningCode warning) {
  Clause c = clause(Kind::kHasWarning);
  c.warning = warning;
  return DecisionMatcher(std::move(c));
}

DecisionMatcher HasWarningsExactly(std::initializer_list<WarningCode> warnings) {
  return warnings_exactly(warnings);
}

DecisionMatcher HasWarningsExactly(const std::vector<WarningCode>& warnings) {
  return warnings_exactly(warnings);
}

DecisionMatcher HasNoWarnings() { return warnings_exactly({}); }

}  // namespace testing
}  // namespace sendpolicy
