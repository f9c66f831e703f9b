// The `check` and `explain` subcommands (audit has audit.h).
#ifndef SENDPOLICY_EXAMPLES_CLI_COMMANDS_H_
#define SENDPOLICY_EXAMPLES_CLI_COMMANDS_H_

#include <cstdio>
#include <string>
#include <string_view>

#include <sendpolicy/sendpolicy.h>

namespace sendpolicy_cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitAllow = 0;
inline constexpr int kExitDenyOrDefer = 1;
inline constexpr int kExitUsageOrInput = 2;

struct CheckOptions {
  std::string input = "-";
  bool text = false;  // --format text
};

// One request in, one decision out. 0 allow, 1 deny/defer, 2 input error
// (the invalid_request decision is still printed).
int run_check(const sendpolicy::Policy& policy, const CheckOptions& options);

// What a reason or warning code means; no code: the list of codes.
int run_explain(const std::string& code);

// Writes all of `data` (NUL bytes included) to `file`; false on a write
// error (a full disk, /dev/full, a closed pipe), which callers turn into
// exit code 2: output that was not written must not look like success.
bool write_all(std::FILE* file, std::string_view data);

// Flushes standard output and reports a failed write there on stderr.
// Returns false if anything written to stdout was lost.
bool finish_stdout();

// Reads a whole file ("-": stdin) into `out`, at most `limit` bytes.
// Returns an error message, empty on success; *too_large (if given) says
// the error is the limit.
std::string read_file(const std::string& path, std::size_t limit, std::string& out,
                      bool* too_large = nullptr);

}  // namespace sendpolicy_cli

#endif  // SENDPOLICY_EXAMPLES_CLI_COMMANDS_H_
