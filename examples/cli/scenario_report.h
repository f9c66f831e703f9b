// The reports of `sendpolicy test`: TAP (version 13) and JUnit XML.
//
// Scenario names and file names are user text, and a report must never turn
// a failure into a pass or become unreadable: TAP descriptions escape `#`
// (else "... # TODO" is a TODO directive, which `prove` counts as passed)
// and `\`, and put control characters (line breaks) as spaces; failure
// messages are YAML literal blocks TAP::Harness's reader accepts; JUnit XML
// holds only XML 1.0 characters (others become U+FFFD) and escapes line
// breaks in attributes so they survive attribute normalisation.
#ifndef SENDPOLICY_EXAMPLES_CLI_SCENARIO_REPORT_H_
#define SENDPOLICY_EXAMPLES_CLI_SCENARIO_REPORT_H_

#include <string>
#include <vector>

namespace sendpolicy_cli {

enum class ScenarioStatus { kPass, kFail, kError };

struct ScenarioOutcome {
  std::string file;
  std::string name;  // empty for a file-level error
  ScenarioStatus status = ScenarioStatus::kPass;
  std::string message;  // the failure message or the error
};

std::string tap_report(const std::vector<ScenarioOutcome>& outcomes);
std::string junit_report(const std::vector<ScenarioOutcome>& outcomes);

}  // namespace sendpolicy_cli

#endif  // SENDPOLICY_EXAMPLES_CLI_SCENARIO_REPORT_H_
