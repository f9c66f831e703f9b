// The catalogue is complete, stable and documented.
#include <set>

#include "source_file.h"
#include "test_support.h"

using namespace sendpolicy;

TEST_CASE("Wire-format reason codes keep their names", "[reasons]") {
  // The contract of docs/wire-format.md: these never change.
  const char* const wire[] = {
      "invalid_request", "outside_service_window", "no_opt_in", "opt_in_withdrawn",
      "opt_in_not_active", "opt_in_not_informed", "purpose_not_consented",
      "opt_in_number_mismatch", "opt_in_expired", "double_opt_in_missing",
      "template_not_approved", "template_quality_low", "marketing_opted_out",
      "destination_restricted", "marketing_limit", "frequency_cap", "quiet_hours",
      "local_time_unknown", "tag_not_allowed"};
  for (std::size_t i = 0; i < std::size(wire); ++i) {
    CAPTURE(wire[i]);
    const auto code = parse_reason_code(wire[i]);
    REQUIRE(code.has_value());
    CHECK(static_cast<std::size_t>(*code) == i);
    CHECK(to_string(*code) == wire[i]);
  }
}

TEST_CASE("Catalogue entries are complete and unique", "[reasons]") {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < kReasonCodeCount; ++i) {
    const ReasonInfo& info = reason_info(static_cast<ReasonCode>(i));
    CAPTURE(info.name);
    CHECK(static_cast<std::size_t>(info.code) == i);
    CHECK(names.insert(info.name).second);
    CHECK_FALSE(info.default_rule.empty());
    CHECK_FALSE(info.summary.empty());
    CHECK_FALSE(info.source.empty());
    CHECK_FALSE(info.remedy.empty());
    CHECK(parse_reason_code(info.name) == info.code);
  }
  for (std::size_t i = 0; i < kWarningCodeCount; ++i) {
    const WarningInfo& info = warning_info(static_cast<WarningCode>(i));
    CHECK(parse_warning_code(info.name) == info.code);
    CHECK_FALSE(info.summary.empty());
  }
  CHECK_FALSE(parse_reason_code("Outside_Service_Window").has_value());
}

TEST_CASE("docs/rules.md documents every reason and warning code", "[reasons][docs]") {
  const std::string doc = sendpolicy_test::read_source_file("docs/rules.md");
  for (std::size_t i = 0; i < kReasonCodeCount; ++i) {
    const std::string name(reason_info(static_cast<ReasonCode>(i)).name);
    CAPTURE(name);
    CHECK(doc.find("`" + name + "`") != std::string::npos);
  }
  for (std::size_t i = 0; i < kWarningCodeCount; ++i) {
    const std::string name(warning_info(static_cast<WarningCode>(i)).name);
    CAPTURE(name);
    CHECK(doc.find("`" + name + "`") != std::string::npos);
  }
}
