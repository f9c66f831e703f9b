#include "sendpolicy/wire/json_writer.h"

#include <charconv>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sendpolicy {
namespace wire {
namespace {

// Bytes that must be escaped in a JSON string: controls, '"' and '\\'.
struct EscapeTable {
  bool needs[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) needs[c] = true;
    needs[static_cast<unsigned char>('"')] = true;
    needs[static_cast<unsigned char>('\\')] = true;
  }
};
constexpr EscapeTable kEscape;

bool needs_escape(char c) noexcept { return kEscape.needs[static_cast<unsigned char>(c)]; }

}  // namespace

namespace {

// True iff the 8 bytes at p hold a byte below 0x20, a '"' or a '\\': each
// sets the 0x80 bit of its byte's lane below (exact for "any", which is all
// we ask).
bool word_needs_escape(const char* p) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  const std::uint64_t quote = w ^ (kOnes * '"');
  const std::uint64_t slash = w ^ (kOnes * '\\');
  const std::uint64_t bad = ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) |
                            ((slash - kOnes) & ~slash);
  return (bad & kHighs) != 0;
}

#if defined(__SSE2__)
// The same for the 16 bytes at p.
bool block_needs_escape(const char* p) noexcept {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // x <= 0x1F (unsigned) iff max(x, 0x1F) == 0x1F.
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
  const __m128i quote = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
  const __m128i slash = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
  return _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, slash))) != 0;
}
#endif

}  // namespace

bool json_safe(std::string_view text) noexcept {
  // Every reason sentence, rule id and request id of every audit line is
  // checked here, so whole blocks at a time, the last block overlapping the
  // one before rather than a byte loop over the tail (which was half of this
  // function's instructions). No load reaches outside `text`.
  const char* p = text.data();
  const std::size_t n = text.size();
#if defined(__SSE2__)
  if (n >= 16) {
    for (std::size_t i = 0; i + 16 < n; i += 16) {
      if (block_needs_escape(p + i)) return false;
    }
    return !block_needs_escape(p + n - 16);
  }
#endif
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (word_needs_escape(p + i)) return false;
    }
    return !word_needs_escape(p + n - 8);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (needs_escape(p[i])) return false;
  }
  return true;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the current run of bytes needing no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!needs_escape(text[i])) continue;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(esc, sizeof esc);
      }
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

void append_json_timestamp(std::string& out, std::optional<Timestamp> t) {
  if (!t) {
    out += "null";
    return;
  }
  char buf[20];
  out += '"';
  out += format_timestamp(*t, buf);
  out += '"';
}

void append_json_int(std::string& out, long long value) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, static_cast<std::size_t>(res.ptr - buf));
}

namespace {

// Length of the UTF-8 sequence at text[i] and its code point, or 0 if the
// bytes there are not well-formed UTF-8 (overlong, surrogate, truncated).
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = b(0);
  std::size_t n = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    cp = lead;
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2, cp = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3, cp = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool hides_or_forges(char32_t cp) noexcept {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
         cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

void append_printable(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const std::size_t n = utf8_sequence(text, i, cp);
    if (n == 0) {  // not UTF-8: show the byte
      const auto c = static_cast<unsigned char>(text[i]);
      const char esc[4] = {'\\', 'x', kHex[c >> 4], kHex[c & 0xF]};
      out.append(esc, sizeof esc);
      ++i;
      continue;
    }
    if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x80 && hides_or_forges(cp)) {
      const char esc[4] = {'\\', 'x', kHex[cp >> 4], kHex[cp & 0xF]};
      out.append(esc, sizeof esc);
    } else if (hides_or_forges(cp)) {
      const char esc[8] = {'\\', 'u', '{', kHex[(cp >> 12) & 0xF], kHex[(cp >> 8) & 0xF],
                           kHex[(cp >> 4) & 0xF], kHex[cp & 0xF], '}'};
      out.append(esc, sizeof esc);
    } else {
      out.append(text.data() + i, n);
    }
    i += n;
  }
}

std::string printable(std::string_view text) {
  std::string s;
  s.reserve(text.size());
  append_printable(s, text);
  return s;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept {
  if (text.size() <= max_bytes) return text;
  std::size_t n = max_bytes;
  // Back up over continuation bytes so the cut falls before a lead byte.
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

}  // namespace wire
}  // namespace sendpolicy
