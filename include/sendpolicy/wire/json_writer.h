// wire/json_writer.h
//
// The few JSON writing primitives the wire format needs, appending to a
// caller-owned std::string so a loop that reuses one string stops
// allocating once it has grown.
//
//   std::string out;
//   sendpolicy::wire::append_json_string(out, "say \"hi\"");  // "say \"hi\""
#ifndef SENDPOLICY_WIRE_JSON_WRITER_H_
#define SENDPOLICY_WIRE_JSON_WRITER_H_

#include <optional>
#include <string>
#include <string_view>

#include "sendpolicy/time.h"

namespace sendpolicy {
namespace wire {

// Appends `text` as a JSON string literal, quotes included. Escapes '"',
// '\\' and control characters; bytes >= 0x80 are copied as they are (the
// caller passes UTF-8: wire input is validated by the parser).
void append_json_string(std::string& out, std::string_view text);

// True iff `text` needs no escaping inside a JSON string literal.
bool json_safe(std::string_view text) noexcept;

// Appends "2026-03-02T12:00:00Z" (quoted), or null.
void append_json_timestamp(std::string& out, std::optional<Timestamp> t);

// Appends a decimal integer.
void append_json_int(std::string& out, long long value);

// Appends `text` for a terminal or a text report: printable UTF-8 is copied,
// and everything that could hide, truncate or forge output is written as a
// visible escape: C0 controls (NUL, '\n', ESC, ...) and DEL as \n, \t, \r
// or \xNN; C1 controls (U+0080..U+009F), line and paragraph separators and
// bidirectional overrides (U+202A..U+202E, U+2066..U+2069) as \u{NNNN};
// bytes that are not UTF-8 as \xNN; '\' itself as "\\", so every escape is
// unambiguous. Used for ids, messages, names and paths in every text output.
void append_printable(std::string& out, std::string_view text);
std::string printable(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` that does not end
// inside a UTF-8 sequence (for quoting user input in error messages).
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept;

}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_JSON_WRITER_H_
