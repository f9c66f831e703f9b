// json_safe() decides whether a reason sentence can be written without
// escaping; it reads 16 (SSE2) or 8 bytes at a time, the last block
// overlapping the one before, so every byte value is tried at every position
// of strings that end inside, at and after each block boundary (up to three
// 16-byte blocks).
#include <string>

#include <catch2/catch.hpp>

#include <sendpolicy/wire/json_writer.h>

namespace wire = sendpolicy::wire;

TEST_CASE("json_safe finds every byte JSON must escape, at every position") {
  long wrong = 0;
  for (std::size_t length = 1; length <= 49; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string text(length, 'a');
        text[at] = static_cast<char>(byte);
        // RFC 8259 section 7: '"', '\\' and U+0000..U+001F must be escaped;
        // bytes >= 0x80 (UTF-8) and DEL need not be.
        const bool must_escape = byte < 0x20 || byte == '"' || byte == '\\';
        if (wire::json_safe(text) == must_escape) ++wrong;
      }
    }
  }
  CHECK(wrong == 0);
  CHECK(wire::json_safe(""));
  CHECK(wire::json_safe("\xC3\xA8\xE2\x80\xA8 \x7F plain text of more than eight bytes"));
}
