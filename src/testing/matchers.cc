// Decision matchers: one expectation, three ways to report it (neutral,
// Catch2, GoogleTest), all from the same phrases.
#include "sendpolicy/testing/matchers.h"

#include <algorithm>
#include <ostream>
#include <utility>

#include "sendpolicy/explain.h"

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

std::string code_list(const std::vector<ReasonCode>& codes) {
  std::string s;
  for (ReasonCode c : codes) {
    if (!s.empty()) s += ", ";
    s += to_string(c);
  }
  return s;
}

std::string phrase(const Clause& c) {
  switch (c.kind) {
    case Kind::kAllows:
      return "allows the send";
    case Kind::kDenies:
      return "denies the send";
    case Kind::kDeniesIncluding:
      return "denies the send with reasons including " + code_list(c.reasons);
    case Kind::kDeniesExactly:
      return "denies the send with exactly reasons " + code_list(c.reasons);
    case Kind::kDefers:
      return c.until ? "defers the send until " + format_timestamp(*c.until)
                     : std::string("defers the send");
    case Kind::kDefersBecause:
      return "defers the send because of " + code_list(c.reasons) +
             (c.until ? " until " + format_timestamp(*c.until) : std::string());
    case Kind::kBills:
      return "bills " + std::string(to_string(c.billing));
    case Kind::kHasWarning:
      return "warns " + std::string(to_string(c.warning));
  }
  return "?";
}

std::string verdict_is(const SendDecision& d) {
  return "the verdict is " + std::string(to_string(d.verdict));
}

// Why `c` does not hold for `d`, or empty if it does.
std::string why_not(const Clause& c, const SendDecision& d) {
  switch (c.kind) {
    case Kind::kAllows:
      return d.verdict == Verdict::kAllow ? std::string() : verdict_is(d);
    case Kind::kDenies:
      if (d.verdict != Verdict::kDeny) return verdict_is(d);
      if (d.has(ReasonCode::kInvalidRequest)) {
        return "it is denied only because the request is invalid (expect that with "
               "Denies(Because::invalid_request))";
      }
      return {};
    case Kind::kDeniesIncluding:
    case Kind::kDeniesExactly: {
      if (d.verdict != Verdict::kDeny) return verdict_is(d);
      std::vector<ReasonCode> missing;
      for (ReasonCode code : c.reasons) {
        if (!d.has(code)) missing.push_back(code);
      }
      std::vector<ReasonCode> unexpected;
      if (c.kind == Kind::kDeniesExactly) {
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
    case Kind::kDefersBecause: {
      if (d.verdict != Verdict::kDefer) return verdict_is(d);
      std::string s;
      for (ReasonCode code : c.reasons) {
        if (!d.has(code)) s = "missing " + code_list(c.reasons);
      }
      if (c.until && d.retry_at != c.until) {
        if (!s.empty()) s += ", ";
        s += "it retries at " +
             (d.retry_at ? format_timestamp(*d.retry_at) : std::string("(no time)"));
      }
      return s;
    }
    case Kind::kBills:
      if (d.billing == c.billing) return {};
      return "it bills " + std::string(to_string(d.billing));
    case Kind::kHasWarning:
      if (d.has(c.warning)) return {};
      return "no warning " + std::string(to_string(c.warning));
  }
  return "?";
}

Clause clause(Kind kind) {
  Clause c;
  c.kind = kind;
  return c;
}

// Denies() with reasons: sorted into catalogue order, duplicates dropped, so
// the phrase reads like the decision.
DecisionMatcher denies_with(Kind kind, std::vector<ReasonCode> reasons) {
  Clause c = clause(kind);
  c.reasons = std::move(reasons);
  std::sort(c.reasons.begin(), c.reasons.end());
  c.reasons.erase(std::unique(c.reasons.begin(), c.reasons.end()), c.reasons.end());
  if (c.reasons.empty()) c.kind = Kind::kDenies;
  return DecisionMatcher(std::move(c));
}

}  // namespace

DecisionMatcher::DecisionMatcher(Clause clause) { clauses_.push_back(std::move(clause)); }

bool DecisionMatcher::matches(const SendDecision& d) const {
  for (const Clause& c : clauses_) {
    if (!why_not(c, d).empty()) return false;
  }
  return true;
}

std::string DecisionMatcher::expectation() const {
  std::string s;
  for (const Clause& c : clauses_) {
    if (!s.empty()) s += " and ";
    s += phrase(c);
  }
  return s;
}

std::string DecisionMatcher::mismatch(const SendDecision& d) const {
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

DecisionMatcher operator&&(const DecisionMatcher& a, const DecisionMatcher& b) {
  DecisionMatcher both = a;
  both.clauses_.insert(both.clauses_.end(), b.clauses_.begin(), b.clauses_.end());
  both.last_mismatch_.clear();
  return both;
}

bool DecisionMatcher::match(const SendDecision& d) const {
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
  return denies_with(Kind::kDeniesIncluding, reasons);
}

DecisionMatcher DeniesExactly(std::initializer_list<ReasonCode> reasons) {
  return denies_with(Kind::kDeniesExactly, reasons);
}

DecisionMatcher Denies(const std::vector<ReasonCode>& reasons) {
  return denies_with(Kind::kDeniesIncluding, reasons);
}

DecisionMatcher DeniesExactly(const std::vector<ReasonCode>& reasons) {
  return denies_with(Kind::kDeniesExactly, reasons);
}

DecisionMatcher Defers() { return DecisionMatcher(clause(Kind::kDefers)); }

DecisionMatcher Defers(Timestamp until) {
  Clause c = clause(Kind::kDefers);
  c.until = until;
  return DecisionMatcher(std::move(c));
}

DecisionMatcher DefersBecause(ReasonCode reason) {
  Clause c = clause(Kind::kDefersBecause);
  c.reasons = {reason};
  return DecisionMatcher(std::move(c));
}

DecisionMatcher DefersBecause(ReasonCode reason, Timestamp until) {
  Clause c = clause(Kind::kDefersBecause);
  c.reasons = {reason};
  c.until = until;
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

}  // namespace testing
}  // namespace sendpolicy
