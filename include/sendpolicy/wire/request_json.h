// wire/request_json.h
//
// Reads one request in the JSON wire format (docs/cli.md, wire v1) into a
// SendRequest. Strict, because a guessed field is a guessed consent: unknown
// fields, duplicate keys, wrong types, unknown enum values, bad times,
// unknown time zones and trailing content are errors that name the field
// path ("recipient.phone: expected a string", "history[2].at: ...").
// `null` means "absent" for every optional field. Semantic checks (E.164,
// times after `now`, ...) are left to the library, which evaluate() applies.
//
//   sendpolicy::wire::RequestParser parser;   // one per thread; reuse it
//   sendpolicy::SendRequest request;          // reuse it too: capacity is kept
//   absl::Status s = parser.parse(line, request);
//   if (!s.ok()) { /* deny with invalid_request, message s.message() */ }
//
// A parser reuses its buffers and the request's strings and vectors, so a
// loop over millions of lines allocates only while they grow.
#ifndef SENDPOLICY_WIRE_REQUEST_JSON_H_
#define SENDPOLICY_WIRE_REQUEST_JSON_H_

#include <cstddef>
#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "sendpolicy/request.h"

namespace sendpolicy {
namespace wire {

class RequestParser {
 public:
  // Readable bytes parse_padded() needs after the end of its input (equal to
  // simdjson's SIMDJSON_PADDING; their content does not matter).
  static constexpr std::size_t kPadding = 64;

  RequestParser();
  ~RequestParser();
  RequestParser(RequestParser&&) noexcept;
  RequestParser& operator=(RequestParser&&) noexcept;

  // Parses `json` (one JSON object) into `out`. On error `out` holds
  // unspecified values, except that `out.id` is the request's id if it was
  // read before the error (so error reports can still be correlated).
  absl::Status parse(std::string_view json, SendRequest& out);

  // As parse(), without copying `json`: the caller guarantees kPadding
  // readable bytes after json.data() + json.size() (a line inside a larger
  // buffer usually has them).
  absl::Status parse_padded(std::string_view json, SendRequest& out);

  // Gives back the buffers a parse of a large request left behind (simdjson
  // keeps capacity for the largest document it has seen). parse() and
  // parse_padded() call it themselves after a request larger than
  // kRetainBytes, so a long-lived parser holds memory of the usual size.
  void release_memory();
  static constexpr std::size_t kRetainBytes = std::size_t{1} << 20;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience for one-off calls: parses with a thread-local RequestParser.
absl::Status parse_request(std::string_view json, SendRequest& out);

}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_REQUEST_JSON_H_
