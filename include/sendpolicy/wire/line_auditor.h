// audit/line_auditor.h
//
// LineAuditor: one line of a JSON Lines campaign in, one decision line out,
// exactly as `sendpolicy audit` writes it. The CLI, the C API
// (libsendpolicy_c) and the Python module all call this one class, so the
// same input gives byte-identical decisions whichever of them audits it:
// the same parser (wire::RequestParser), the same serialiser
// (wire::append_decision_json), the same "line 7: ..." messages for lines
// that never became a request.
//
//   sendpolicy::audit::LineAuditor auditor(policy);  // one per thread
//   sendpolicy::audit::Summary summary;
//   std::string out;
//   auditor.audit_lines(buffer, /*first_line=*/1, out, summary);  // JSON Lines
//
// A LineAuditor reuses its parser and request, so a loop over millions of
// lines allocates only while they grow. It is not thread-safe; the policy it
// refers to must outlive it and may be shared by any number of auditors.
#ifndef SENDPOLICY_EXAMPLES_AUDIT_LINE_AUDITOR_H_
#define SENDPOLICY_EXAMPLES_AUDIT_LINE_AUDITOR_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <sendpolicy/sendpolicy.h>

#include "absl/status/statusor.h"

#include "sendpolicy/wire/summary.h"
#include "sendpolicy/wire/request_json.h"

namespace sendpolicy {
namespace audit {

// One size limit for a request, with one rule for every entry point (`check`
// and `audit`, the C API, the Python module): a request (a line, a file for
// `check`, a str/bytes/dict for Python) longer than the limit is answered
// with an invalid_request decision and not parsed. 0 means the default;
// other values must lie in [kMinLineBytes, kMaxLineBytes].
inline constexpr std::size_t kDefaultMaxLineBytes = std::size_t{1} << 20;
inline constexpr std::size_t kMinLineBytes = 64;
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 30;

// The limit `requested` stands for (0: the default), or InvalidArgument
// naming `what` ("max_line_bytes") if it is out of range.
absl::StatusOr<std::size_t> line_limit(std::size_t requested, std::string_view what);

// Line numbers start at 1; 0 means 1 everywhere (the C API's default).
constexpr std::uint64_t first_line_number(std::uint64_t requested) noexcept {
  return requested == 0 ? 1 : requested;
}

// "is longer than 1048576 bytes; not read": the problem for a request over
// the limit (after "line 7: " in an audit, alone for a single request).
std::string too_long_problem(std::size_t max_line_bytes);

class LineAuditor {
 public:
  explicit LineAuditor(const Policy& policy, std::size_t max_line_bytes = kDefaultMaxLineBytes);

  // Appends the decision for input line `number` (1-based, used in error
  // messages) to `out` and counts it in `summary`. `text` has no '\n' and
  // no trailing '\r'. `too_long` says the reader dropped a line longer than
  // max_line_bytes (text is then ignored). With `padded`, `text` is followed
  // by wire::RequestParser::kPadding readable bytes and is parsed in place.
  void audit_line(std::string_view text, std::uint64_t number, bool too_long, std::string& out,
                  Summary& summary, bool padded = false);

  // Splits `buffer` into lines as the CLI reads a file (on '\n'; a trailing
  // '\r' is dropped; a last line without '\n' counts; nothing after a final
  // '\n' does; a line longer than max_line_bytes, '\r' included, is too
  // long) and audits each, numbering from `first_line`. Returns the number
  // of lines.
  std::uint64_t audit_lines(std::string_view buffer, std::uint64_t first_line, std::string& out,
                            Summary& summary);

  // One input line for audit_group(): as audit_line()'s arguments.
  struct Line {
    std::string_view text;
    std::uint64_t number = 0;
    bool too_long = false;
    bool padded = false;
  };

  // How many lines audit_group() parses before it decides them.
  static constexpr std::size_t kGroupLines = 8;

  // Audits lines[0..count) as audit_line() would one after the other, with
  // the same bytes in `out` and the same counts, but kGroupLines at a time
  // in two passes: the group's lines are all parsed first, then each is
  // evaluated and written. Why: the reader's code and the evaluator's and
  // writer's together are larger than the core's instruction cache, so a
  // line at a time evicts each from it for the other; a pass over several
  // lines runs from a warm cache (docs/performance.md, round 6). The price
  // is kGroupLines reused requests per auditor instead of one, each keeping
  // the capacity of the largest line it held (up to the 1 MiB at which a
  // line's memory is given back). With `ends`, ends[i] is set to
  // out.size() after line i's decision, for callers that hand the
  // decisions out one by one.
  void audit_group(const Line* lines, std::size_t count, std::string& out, Summary& summary,
                   std::size_t* ends = nullptr);

  std::size_t max_line_bytes() const { return max_line_; }

 private:
  // What the first pass made of a line.
  enum class Read : unsigned char { kRequest, kTooLong, kBlank, kUnparsed };

  // audit_group() for count <= kGroupLines lines.
  void audit_one_group(const Line* lines, std::size_t count, std::string& out, Summary& summary,
                       std::size_t* ends);
  Read read(const Line& line, SendRequest& request, absl::Status& status);
  void decide(const Line& line, Read read, const SendRequest& request,
              const absl::Status& status, std::string& out, Summary& summary);
  void invalid(std::uint64_t number, std::string_view problem, std::string_view id,
               std::string& out, Summary& summary);

  const Policy& policy_;
  std::size_t max_line_;
  wire::RequestParser parser_;
  // One request per line of a group, reused group after group (their
  // strings and vectors keep their capacity).
  std::array<SendRequest, kGroupLines> requests_;
  std::string message_;
};

}  // namespace audit
}  // namespace sendpolicy

#endif  // SENDPOLICY_EXAMPLES_AUDIT_LINE_AUDITOR_H_
