// The matchers under gMock, where Not(...) negates a matcher's answer: on a
// request with a typo no expectation may pass, negated or not (issue 21.5).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include <sendpolicy/testing.h>

namespace sp = sendpolicy;
namespace spt = sendpolicy::testing;
using namespace std::chrono_literals;

namespace {

const sp::Timestamp kNow = spt::at("2026-03-02T12:00:00Z");

// No .to(...): invalid_request at recipient.phone.
sp::SendDecision invalid() {
  return sp::evaluate(sp::Policy::whatsapp(), spt::a_whatsapp_message().at(kNow));
}

sp::SendDecision outside_window() {
  return sp::evaluate(sp::Policy::whatsapp(), spt::a_whatsapp_message()
                                                  .to("+393471234567")
                                                  .at(kNow)
                                                  .last_inbound(kNow - 25h));
}

TEST(GMockMatchers, NegationDoesNotPassAnInvalidRequest) {
  // Each of these EXPECT_THATs passed before: Denies() and HasWarning()
  // answer false on an invalid request, and Not() made that true.
  EXPECT_THROW(EXPECT_THAT(invalid(), ::testing::Not(spt::Denies())), std::logic_error);
  EXPECT_THROW(EXPECT_THAT(invalid(), ::testing::Not(spt::Allows())), std::logic_error);
  EXPECT_THROW(EXPECT_THAT(invalid(), ::testing::Not(spt::HasWarning(
                                          spt::Warns::window_closing_soon))),
               std::logic_error);
  // And Bills(none) alone matched it.
  EXPECT_THROW(EXPECT_THAT(invalid(), spt::Bills(sp::Billing::kNone)), std::logic_error);
}

TEST(GMockMatchers, TheInvalidRequestMatchersWork) {
  EXPECT_THAT(invalid(), spt::InvalidAt("recipient.phone"));
  EXPECT_THAT(invalid(), ::testing::Not(spt::InvalidAt("now")));
  EXPECT_THAT(outside_window(), ::testing::Not(spt::InvalidAt("recipient.phone")));
}

TEST(GMockMatchers, NegationStillWorksOnValidRequests) {
  EXPECT_THAT(outside_window(), ::testing::Not(spt::Allows()));
  EXPECT_THAT(outside_window(), ::testing::Not(spt::Denies(spt::Because::no_opt_in)));
  EXPECT_THAT(outside_window(), spt::Denies() && spt::Bills(sp::Billing::kNone));
}

}  // namespace
