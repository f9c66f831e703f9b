// The rule calendar (rule_calendar.h): each change's boundaries, the instant
// before and at each, and the table's shape.
#include "sendpolicy/rule_calendar.h"

#include "source_file.h"
#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("Each dated change is in force from its first instant, until its end (exclusive)",
          "[calendar]") {
  auto [change, before, first] = GENERATE(table<RuleChange, const char*, const char*>({
      {RuleChange::kUsMarketingPause, "2025-03-31T23:59:59Z", "2025-04-01T00:00:00Z"},
      {RuleChange::kUtilityFreeInWindow, "2025-06-30T23:59:59Z", "2025-07-01T00:00:00Z"},
      {RuleChange::kMessengerUpdateTagsRetired, "2026-04-26T23:59:59Z", "2026-04-27T00:00:00Z"},
      {RuleChange::kServiceMessagesBilled, "2026-09-30T23:59:59Z", "2026-10-01T00:00:00Z"},
      {RuleChange::kUsOrHb3865, "2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z"},
      {RuleChange::kUsCtTexts, "2023-09-30T23:59:59Z", "2023-10-01T00:00:00Z"},
      {RuleChange::kUsTxSb140, "2025-08-31T23:59:59Z", "2025-09-01T00:00:00Z"},
      {RuleChange::kFccOptOutConfirmation, "2024-04-03T23:59:59Z", "2024-04-04T00:00:00Z"},
  }));
  CAPTURE(rule_change(change).id);
  CHECK_FALSE(in_force(change, at(before)));
  CHECK(in_force(change, at(first)));
  CHECK(in_force_from(change) == at(first));
}

TEST_CASE("Utility templates are free in the window only until 2026-09-30", "[calendar]") {
  CHECK(in_force(RuleChange::kUtilityFreeInWindow, at("2026-09-30T23:59:59Z")));
  CHECK_FALSE(in_force(RuleChange::kUtilityFreeInWindow, at("2026-10-01T00:00:00Z")));
}

TEST_CASE("The calendar names every change once, with a source and a confidence", "[calendar]") {
  for (std::size_t i = 0; i < kRuleCalendar.size(); ++i) {
    const RuleChangeInfo& c = kRuleCalendar[i];
    CAPTURE(c.id);
    CHECK(static_cast<std::size_t>(c.change) == i);
    CHECK_FALSE(c.what.empty());
    CHECK_FALSE(c.source.empty());
    CHECK((c.confidence == "H" || c.confidence == "M"));
    CHECK_FALSE(c.affects.empty());
    if (c.until) CHECK(*c.until > c.from);
    for (std::size_t j = i + 1; j < kRuleCalendar.size(); ++j) CHECK(kRuleCalendar[j].id != c.id);
  }
}

TEST_CASE("affects() matches whole wire names only", "[calendar]") {
  const RuleChangeInfo& tags = rule_change(RuleChange::kMessengerUpdateTagsRetired);
  CHECK(affects(tags, "tag_not_allowed"));
  CHECK_FALSE(affects(tags, "tag"));
  CHECK_FALSE(affects(tags, "not_allowed"));
  CHECK(affects(rule_change(RuleChange::kServiceMessagesBilled), "service"));
}

TEST_CASE("The US marketing pause knob defaults to the calendar's date", "[calendar]") {
  CHECK(Policy::whatsapp().us_marketing_pause_from == in_force_from(RuleChange::kUsMarketingPause));
}

TEST_CASE("docs/rules.md lists every calendar row with its dates", "[calendar][docs]") {
  const std::string doc = sendpolicy_test::read_source_file("docs/rules.md");
  const auto day = [](date::sys_days d) { return format_timestamp(Timestamp{d}).substr(0, 10); };
  for (const RuleChangeInfo& c : kRuleCalendar) {
    CAPTURE(c.id);
    const std::size_t table = doc.find("## What changed when");
    REQUIRE(table != std::string::npos);
    const std::size_t row = doc.find("| `" + std::string(c.id) + "` |", table);
    REQUIRE(row != std::string::npos);
    const std::string line = doc.substr(row, doc.find('\n', row) - row);
    CHECK(line.find("| " + day(c.from) + " |") != std::string::npos);
    if (c.until) CHECK(line.find("| " + day(*c.until) + " |") != std::string::npos);
    CHECK(line.find("| " + std::string(c.confidence)) != std::string::npos);
  }
}
