// sendpolicy/testing/catch2.h: the testing kit for Catch2 tests.
//
// Includes Catch2 (v2's single header, or v3's) and sendpolicy/testing.h, and
// teaches Catch to print decisions with sendpolicy::explain(), so a failing
//
//   REQUIRE_THAT(decision, Allows());
//
// reports
//
//   with expansion:
//     deny
//       outside_service_window [whatsapp.csw.free_form]: free-form messages ...
//     expected: allows the send
//          but: the verdict is deny
#ifndef SENDPOLICY_TESTING_CATCH2_H_
#define SENDPOLICY_TESTING_CATCH2_H_

#include <string>

#if __has_include(<catch2/catch.hpp>)
#include <catch2/catch.hpp>
#else
#include <catch2/catch_test_macros.hpp>
#include <catch2/catch_tostring.hpp>
#include <catch2/matchers/catch_matchers.hpp>
#endif

#include "sendpolicy/testing.h"

namespace Catch {

template <>
struct StringMaker<sendpolicy::SendDecision> {
  static std::string convert(const sendpolicy::SendDecision& decision) {
    std::string text = sendpolicy::explain(decision);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
  }
};

template <>
struct StringMaker<sendpolicy::Reason> {
  static std::string convert(const sendpolicy::Reason& reason) {
    return std::string(sendpolicy::to_string(reason.code));
  }
};

template <>
struct StringMaker<sendpolicy::Warning> {
  static std::string convert(const sendpolicy::Warning& warning) {
    return std::string(sendpolicy::to_string(warning.code));
  }
};

// The domain's enums by wire name ("free_form == template", not "0 == 1").
#define SENDPOLICY_TESTING_CATCH_ENUM_(E)                      \
  template <>                                                  \
  struct StringMaker<sendpolicy::E> {                          \
    static std::string convert(sendpolicy::E value) {          \
      return std::string(sendpolicy::to_string(value));        \
    }                                                          \
  };
SENDPOLICY_TESTING_CATCH_ENUM_(Channel)
SENDPOLICY_TESTING_CATCH_ENUM_(ConsentStatus)
SENDPOLICY_TESTING_CATCH_ENUM_(ConsentBasis)
SENDPOLICY_TESTING_CATCH_ENUM_(ConsentSource)
SENDPOLICY_TESTING_CATCH_ENUM_(ConsentMethod)
SENDPOLICY_TESTING_CATCH_ENUM_(EntryPoint)
SENDPOLICY_TESTING_CATCH_ENUM_(MessageKind)
SENDPOLICY_TESTING_CATCH_ENUM_(Category)
SENDPOLICY_TESTING_CATCH_ENUM_(TemplateStatus)
SENDPOLICY_TESTING_CATCH_ENUM_(TemplateQuality)
SENDPOLICY_TESTING_CATCH_ENUM_(MessageTag)
SENDPOLICY_TESTING_CATCH_ENUM_(Sender)
SENDPOLICY_TESTING_CATCH_ENUM_(Direction)
SENDPOLICY_TESTING_CATCH_ENUM_(EventType)
SENDPOLICY_TESTING_CATCH_ENUM_(Verdict)
SENDPOLICY_TESTING_CATCH_ENUM_(RequiredForm)
SENDPOLICY_TESTING_CATCH_ENUM_(Billing)
SENDPOLICY_TESTING_CATCH_ENUM_(Enforcement)
SENDPOLICY_TESTING_CATCH_ENUM_(ReasonCode)
SENDPOLICY_TESTING_CATCH_ENUM_(WarningCode)
#undef SENDPOLICY_TESTING_CATCH_ENUM_

// Instants as RFC 3339, not as a count of seconds.
template <>
struct StringMaker<sendpolicy::Timestamp> {
  static std::string convert(sendpolicy::Timestamp t) {
    return sendpolicy::format_timestamp(t);
  }
};

}  // namespace Catch

#endif  // SENDPOLICY_TESTING_CATCH2_H_
