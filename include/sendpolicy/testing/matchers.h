// sendpolicy/testing/matchers.h
//
// Matchers for decisions, usable from any test framework:
//
//   Allows()                          verdict allow
//   Denies()                          verdict deny for a rule, not because the
//                                     request is invalid (see below)
//   Denies(Because::a, Because::b)    deny whose reasons include a and b
//                                     (others may be there too)
//   DeniesExactly(Because::a, ...)    deny whose reasons are exactly these
//   Defers(), Defers(until)           verdict defer (retry at `until`)
//   Defers(Because::quiet_hours)      defer whose reasons include these
//   DefersExactly(Because::a, ...)    defer whose reasons are exactly these
//   InvalidAt("recipient.phone")      invalid_request, for this input field
//   Bills(Billing::kUtility)          what the platform would charge
//   HasWarning(Warns::window_closing_soon)
//   HasWarningsExactly(Warns::a, ...) the warnings are exactly these
//   HasNoWarnings()                   no warning at all
//   m1 && m2                          both
//
// One matcher object works directly with
//   - Catch2 (v2 and v3): REQUIRE_THAT(decision, Denies(Because::no_opt_in));
//     include sendpolicy/testing/catch2.h to print decisions with explain();
//   - GoogleTest/gMock (1.11+): EXPECT_THAT(decision, Allows());
//   - anything else: matcher.matches(d), matcher.failure_message(d).
//
// A failure prints what was expected, what did not hold, and the decision as
// sendpolicy::explain() gives it:
//
//   expected: allows the send
//        but: the verdict is deny
//   decision: deny
//     outside_service_window [whatsapp.csw.free_form]: free-form messages need ...
//
// A matcher never passes a test for the wrong reason:
//   - Invalid input is judged only by the matchers that expect it: InvalidAt()
//     and Denies(Because::invalid_request). Every other matcher fails on an
//     invalid_request decision, because a request the library cannot read is
//     always denied, billed nothing and warned about nothing, so "it was
//     denied" or "it bills none" would pass for a test whose request has a
//     typo. Through the framework adapters (match(), MatchAndExplain()) it
//     even throws std::logic_error with the failure message, so a negation
//     such as gMock's Not(Denies()) cannot turn the invalid request into a
//     pass either.
//   - An expectation that cannot mean anything is refused when it is made
//     (std::invalid_argument): an empty list of reasons (every deny and every
//     defer has one), invalid_request beside other reasons (invalid input is
//     never judged by the rules), invalid_request in a defer, an empty field
//     path for InvalidAt.
#ifndef SENDPOLICY_TESTING_MATCHERS_H_
#define SENDPOLICY_TESTING_MATCHERS_H_

#include <initializer_list>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "sendpolicy/decision.h"
#include "sendpolicy/enums.h"
#include "sendpolicy/reasons.h"
#include "sendpolicy/time.h"

// The reason codes by wire name; one line per ReasonCode, in catalogue order.
// A test checks that this list and the catalogue agree.
#define SENDPOLICY_TESTING_REASON_CODES(X)                  \
  X(invalid_request, kInvalidRequest)                       \
  X(outside_service_window, kOutsideServiceWindow)          \
  X(no_opt_in, kNoOptIn)                                    \
  X(opt_in_withdrawn, kOptInWithdrawn)                      \
  X(opt_in_not_active, kOptInNotActive)                     \
  X(opt_in_not_informed, kOptInNotInformed)                 \
  X(purpose_not_consented, kPurposeNotConsented)            \
  X(opt_in_number_mismatch, kOptInNumberMismatch)           \
  X(opt_in_expired, kOptInExpired)                          \
  X(double_opt_in_missing, kDoubleOptInMissing)             \
  X(template_not_approved, kTemplateNotApproved)            \
  X(template_quality_low, kTemplateQualityLow)              \
  X(marketing_opted_out, kMarketingOptedOut)                \
  X(destination_restricted, kDestinationRestricted)         \
  X(marketing_limit, kMarketingLimit)                       \
  X(frequency_cap, kFrequencyCap)                           \
  X(quiet_hours, kQuietHours)                               \
  X(local_time_unknown, kLocalTimeUnknown)                  \
  X(tag_not_allowed, kTagNotAllowed)                        \
  X(opt_in_whatsapp_not_named, kOptInWhatsAppNotNamed)      \
  X(opt_in_number_not_editable, kOptInNumberNotEditable)      \
  X(phone_number_required, kPhoneNumberRequired)              \
  X(no_call_permission, kNoCallPermission)                    \
  X(call_permission_request_limit, kCallPermissionRequestLimit) \
  X(call_limit, kCallLimit)                                   \
  X(calling_not_available, kCallingNotAvailable)              \
  X(template_paused, kTemplatePaused)

#define SENDPOLICY_TESTING_WARNING_CODES(X)                     \
  X(opt_in_whatsapp_not_named, kOptInWhatsAppNotNamed)          \
  X(opt_in_number_not_editable, kOptInNumberNotEditable)        \
  X(template_quality_low, kTemplateQualityLow)                  \
  X(window_closing_soon, kWindowClosingSoon)                    \
  X(us_marketing_pause_not_applied, kUsMarketingPauseInWindow) \
  X(re_opted_in_by_keyword, kReOptedInByKeyword)                \
  X(re_opted_in_by_message, kReOptedInByMessage)                \
  X(opt_out_superseded_by_consent, kOptOutSupersededByConsent)  \
  X(country_derived_from_phone, kCountryDerivedFromPhone)        \
  X(marketing_opt_out_not_honoured, kMarketingOptOutNotHonoured) \
  X(template_status_relaxed, kTemplateStatusRelaxed)             \
  X(default_pack_unbound, kDefaultPackUnbound)                   \
  X(window_opened_by_undocumented_event, kWindowOpenedByUndocumentedEvent) \
  X(calling_availability_assumed, kCallingAvailabilityAssumed)

namespace sendpolicy {

// Lets GoogleTest print decisions as explain() does (found by ADL).
void PrintTo(const SendDecision& decision, std::ostream* os);

namespace testing {

// Reason codes spelled as on the wire: Because::outside_service_window.
struct Because {
#define SENDPOLICY_TESTING_MEMBER_(name, code) \
  static constexpr ReasonCode name = ReasonCode::code;
  SENDPOLICY_TESTING_REASON_CODES(SENDPOLICY_TESTING_MEMBER_)
#undef SENDPOLICY_TESTING_MEMBER_
};

// Warning codes spelled as on the wire: Warns::window_closing_soon.
struct Warns {
#define SENDPOLICY_TESTING_MEMBER_(name, code) \
  static constexpr WarningCode name = WarningCode::code;
  SENDPOLICY_TESTING_WARNING_CODES(SENDPOLICY_TESTING_MEMBER_)
#undef SENDPOLICY_TESTING_MEMBER_
};

// An expectation about a SendDecision: one or more clauses that must all
// hold. Build one with the factories below.
class DecisionMatcher {
 public:
  // True iff every clause holds for `decision`; false for an invalid_request
  // decision unless expects_invalid() (see the file comment).
  bool matches(const SendDecision& decision) const;

  // The expectation as a phrase: "denies the send with exactly reasons
  // no_opt_in, template_not_approved".
  std::string expectation() const;

  // What does not hold, one phrase per failing clause joined by "; ";
  // empty iff matches(decision).
  std::string mismatch(const SendDecision& decision) const;

  // "expected: ...\n     but: ...\ndecision: <explain(decision)>", or empty
  // iff matches(decision). The text every adapter prints.
  std::string failure_message(const SendDecision& decision) const;

  // True iff one of the clauses is about invalid input (InvalidAt(),
  // Denies(Because::invalid_request)): only such a matcher judges an
  // invalid_request decision.
  bool expects_invalid() const noexcept;

  // Both expectations.
  friend DecisionMatcher operator&&(const DecisionMatcher& a, const DecisionMatcher& b);

  // Catch2's matcher protocol (REQUIRE_THAT / CHECK_THAT, v2 and v3). Catch
  // calls match() and then toString() without the value, so match() keeps
  // the mismatch for toString(): use one matcher object per assertion.
  // Throws std::logic_error on an invalid request unless expects_invalid().
  bool match(const SendDecision& decision) const;
  std::string toString() const;

  // GoogleTest's matcher protocol (EXPECT_THAT, gMock 1.11+). Throws
  // std::logic_error on an invalid request unless expects_invalid(), so that
  // Not(...) fails too.
  using is_gtest_matcher = void;
  bool MatchAndExplain(const SendDecision& decision, std::ostream* os) const;
  void DescribeTo(std::ostream* os) const;
  void DescribeNegationTo(std::ostream* os) const;

  // Implementation detail of the factories.
  enum class Kind : unsigned char {
    kAllows, kDenies, kReasonsIncluding, kReasonsExactly, kDefers, kBills, kHasWarning,
    kWarningsExactly, kInvalidAt,
  };
  struct Clause {
    Kind kind = Kind::kAllows;
    Verdict verdict = Verdict::kDeny;  // of kReasonsIncluding / kReasonsExactly
    std::vector<ReasonCode> reasons;
    std::optional<Timestamp> until;
    Billing billing = Billing::kNone;
    WarningCode warning = WarningCode::kWindowClosingSoon;
    std::vector<WarningCode> warnings;  // kWarningsExactly
    std::string field;                  // kInvalidAt
  };
  explicit DecisionMatcher(Clause clause);

 private:
  void throw_if_unjudgeable(const SendDecision& decision) const;

  std::vector<Clause> clauses_;
  mutable std::string last_mismatch_;  // for toString(), see match()
};

// The factories below throw std::invalid_argument for an expectation that
// cannot mean anything (see the file comment).
DecisionMatcher Allows();
DecisionMatcher Denies();
DecisionMatcher Denies(std::initializer_list<ReasonCode> reasons);
DecisionMatcher DeniesExactly(std::initializer_list<ReasonCode> reasons);
// The same with reasons known only at run time (scenario files).
DecisionMatcher Denies(const std::vector<ReasonCode>& reasons);
DecisionMatcher DeniesExactly(const std::vector<ReasonCode>& reasons);
DecisionMatcher Defers();
DecisionMatcher Defers(Timestamp until);
DecisionMatcher Defers(std::initializer_list<ReasonCode> reasons);
DecisionMatcher DefersExactly(std::initializer_list<ReasonCode> reasons);
DecisionMatcher Defers(const std::vector<ReasonCode>& reasons);
DecisionMatcher DefersExactly(const std::vector<ReasonCode>& reasons);
// invalid_request because of this input field, as the wire format and
// sendpolicy::field_path() spell it: "recipient.phone", "history[2].at".
DecisionMatcher InvalidAt(std::string field_path);
DecisionMatcher Bills(Billing billing);
DecisionMatcher HasWarning(WarningCode warning);
// The warnings are exactly these, in any order; an empty list: no warnings.
DecisionMatcher HasWarningsExactly(std::initializer_list<WarningCode> warnings);
DecisionMatcher HasWarningsExactly(const std::vector<WarningCode>& warnings);
DecisionMatcher HasNoWarnings();

// Denies(Because::a, Because::b, ...): the reasons include all of these.
template <class... More>
DecisionMatcher Denies(ReasonCode first, More... more) {
  return Denies({first, more...});
}

// DeniesExactly(Because::a, ...): the reasons are exactly these (any order).
template <class... More>
DecisionMatcher DeniesExactly(ReasonCode first, More... more) {
  return DeniesExactly({first, more...});
}

// Defers(Because::quiet_hours, ...): a defer whose reasons include these.
template <class... More>
DecisionMatcher Defers(ReasonCode first, More... more) {
  return Defers({first, more...});
}

// DefersExactly(Because::quiet_hours, ...): a defer for exactly these reasons.
template <class... More>
DecisionMatcher DefersExactly(ReasonCode first, More... more) {
  return DefersExactly({first, more...});
}

// HasWarningsExactly(Warns::a, ...): the warnings are exactly these.
template <class... More>
DecisionMatcher HasWarningsExactly(WarningCode first, More... more) {
  return HasWarningsExactly({first, more...});
}

}  // namespace testing
}  // namespace sendpolicy

#endif  // SENDPOLICY_TESTING_MATCHERS_H_
