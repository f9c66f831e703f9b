// Internal to the wire library: where a JSON text first breaks the grammar,
// as a line and column, for error messages a person can act on. simdjson
// says only what went wrong, not where; policy files are small and written
// by hand, so they get this second, exact look before simdjson reads them.
#ifndef SENDPOLICY_WIRE_SRC_JSON_SYNTAX_H_
#define SENDPOLICY_WIRE_SRC_JSON_SYNTAX_H_

#include <optional>
#include <string>
#include <string_view>

namespace sendpolicy {
namespace wire {
namespace internal {

struct SyntaxError {
  int line = 1;       // 1-based
  int column = 1;     // 1-based, in characters (UTF-8 code points)
  std::string what;   // "expected ',' or '}'"
};

// The first RFC 8259 grammar error in `json` (one value, whitespace around
// it), or nullopt when the text is grammatical. UTF-8 validity inside
// strings is left to simdjson. Nesting deeper than 512 is an error.
std::optional<SyntaxError> find_syntax_error(std::string_view json);

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_SRC_JSON_SYNTAX_H_
