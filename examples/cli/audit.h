// `sendpolicy audit`: JSON Lines of requests in, one decision per line out,
// in input order, nothing dropped. Streams with bounded memory; with
// threads > 1 batches of lines are evaluated in parallel and written in
// order through a bounded ring of batches.
#ifndef SENDPOLICY_EXAMPLES_CLI_AUDIT_H_
#define SENDPOLICY_EXAMPLES_CLI_AUDIT_H_

#include <cstddef>
#include <string>

#include <sendpolicy/sendpolicy.h>

namespace sendpolicy_cli {

struct AuditOptions {
  std::string input = "-";   // file, or "-" for stdin
  std::string output;        // file; empty for stdout
  bool summary = false;
  std::string summary_file;  // empty: summary to stderr
  unsigned threads = 1;
  std::size_t max_line_bytes = std::size_t{1} << 20;
  bool progress = true;      // still only when stderr is a terminal
};

// Returns the process exit code: 0 when every line was answered, 2 on
// usage or I/O errors (message on stderr).
int run_audit(const sendpolicy::Policy& policy, const AuditOptions& options);

}  // namespace sendpolicy_cli

#endif  // SENDPOLICY_EXAMPLES_CLI_AUDIT_H_
