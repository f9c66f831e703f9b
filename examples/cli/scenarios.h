// `sendpolicy test FILE...`: runs scenario files (given / when / expect; the
// format is in docs/testing.md) and reports TAP or JUnit XML for CI.
//
//   sendpolicy test --format junit -o report.xml scenarios/*.json
//
// Each scenario's request is the wire-format request made of the file's
// `given`, the scenario's `given` and its `when`; its `expect` becomes the
// testing kit's matchers, so a failure reads exactly as in a C++ test.
#ifndef SENDPOLICY_EXAMPLES_CLI_SCENARIOS_H_
#define SENDPOLICY_EXAMPLES_CLI_SCENARIOS_H_

#include <string>
#include <vector>

#include <sendpolicy/sendpolicy.h>

namespace sendpolicy_cli {

struct TestOptions {
  std::vector<std::string> files;
  bool junit = false;   // --format junit (default tap)
  std::string output;   // -o; empty: stdout
};

// 0 every scenario passed, 1 some failed, 2 a file or scenario could not be
// read or has a mistake (a wrongly typed expectation, a duplicate key, ...;
// reported as a failing test too, with the reason).
int run_test(const sendpolicy::Policy& policy, const TestOptions& options);

}  // namespace sendpolicy_cli

#endif  // SENDPOLICY_EXAMPLES_CLI_SCENARIOS_H_
