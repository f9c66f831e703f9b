// A scenario's `expect` object as the testing kit's matchers
// (docs/testing.md, "Scenario files": what each key means).
//
// Strict, because an expectation that is silently skipped passes a wrong
// test: unknown keys, wrong types, null, empty reason lists, combinations no
// decision can meet and invalid_request without the field it is about are
// errors naming the key.
#ifndef SENDPOLICY_EXAMPLES_CLI_SCENARIO_EXPECT_H_
#define SENDPOLICY_EXAMPLES_CLI_SCENARIO_EXPECT_H_

#include <optional>
#include <string>

#include <simdjson.h>

#include <sendpolicy/testing/matchers.h>
#include <sendpolicy/time.h>

namespace sendpolicy_cli {

// Reads `expect` (at `where`, e.g. "scenarios[2].expect") into `matcher`.
// `now` is the scenario's when.now, for a relative retry_at. Returns false
// with `error` = "<where>.<key>: <problem>" on a mistake.
bool read_expectation(simdjson::dom::element expect, const std::string& where,
                      std::optional<sendpolicy::Timestamp> now,
                      std::optional<sendpolicy::testing::DecisionMatcher>& matcher,
                      std::string& error);

}  // namespace sendpolicy_cli

#endif  // SENDPOLICY_EXAMPLES_CLI_SCENARIO_EXPECT_H_
