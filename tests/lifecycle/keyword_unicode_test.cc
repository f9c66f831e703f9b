// Issue 17, items 2 and 12: opt-out keywords next to any punctuation,
// separator, symbol or invisible code point still opt out, whatever Unicode
// category it has (checked for every code point of those categories); and
// the strict reading that decides whether a message may re-opt someone in.
#include <utf8proc.h>

#include "test_support.h"

using namespace sendpolicy;

namespace {

std::string utf8(char32_t cp) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

bool is_surrogate(char32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }

// True iff the compatibility decomposition of `cp` holds a letter or a
// digit: such a code point may legitimately change the word (Ⓐ is A).
bool decomposes_to_letters(char32_t cp) {
  utf8proc_int32_t out[32];
  const auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), out, 32,
                                         static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT),
                                         nullptr);
  for (utf8proc_ssize_t k = 0; k < n && k < 32; ++k) {
    const auto c = utf8proc_get_property(out[k])->category;
    if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
        (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO)) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("Issue 17.2: the reported code points after STOP no longer hide it", "[lifecycle][keywords][issue17]") {
  const KeywordRules rules;
  const auto cp = GENERATE(as<char32_t>{}, 0x0964, 0x061F, 0xFE57, 0x1680, 0x180E, 0x3164, 0x20E3, 0xE000,
                           0xF8FF, 0xF0000, 0x10FFFD, 0xFFFF, 0xFFFE, 0x2122, 0x00B7, 0x1F1F8);
  CAPTURE(static_cast<unsigned>(cp));
  CHECK(classify_keyword("STOP" + utf8(cp), rules) == Keyword::kOptOut);
  CHECK(classify_keyword(utf8(cp) + "STOP", rules) == Keyword::kOptOut);
}

TEST_CASE("Issue 17.2: every punctuation, separator, symbol, control, format, private-use and unassigned code point",
          "[lifecycle][keywords][issue17]") {
  const KeywordRules rules;
  std::size_t checked = 0;
  std::size_t missed = 0;
  char32_t first_missed = 0;
  for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (is_surrogate(cp)) continue;
    const auto c = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->category;
    const bool separating = (c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO) ||  // P*
                            (c >= UTF8PROC_CATEGORY_ZS && c <= UTF8PROC_CATEGORY_ZP) ||  // Z*
                            (c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO) ||  // S*
                            c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF ||
                            c == UTF8PROC_CATEGORY_CO || c == UTF8PROC_CATEGORY_CN ||
                            c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME;
    if (!separating) continue;
    // A symbol that stands for one letter (Ⓐ) is that letter: "STOPⒶ" is
    // STOPA. Punctuation and separators never decompose to letters.
    if ((c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO) && decomposes_to_letters(cp)) continue;
    ++checked;
    const std::string s = utf8(cp);
    if (classify_keyword("STOP" + s, rules) != Keyword::kOptOut ||
        classify_keyword(s + "stop" + s, rules) != Keyword::kOptOut) {
      if (missed++ == 0) first_missed = cp;
    }
  }
  CAPTURE(static_cast<unsigned>(first_missed));
  CHECK(checked > 900000);  // Cn alone is most of the code space
  CHECK(missed == 0);
}

TEST_CASE("Issue 17.2: compatibility variants and case are the same keyword", "[lifecycle][keywords][issue17]") {
  const KeywordRules rules;
  const auto text = GENERATE(as<std::string>{},
                             "\xF0\x9D\x90\x92\xF0\x9D\x90\x93\xF0\x9D\x90\x8E\xF0\x9D\x90\x8F",  // 𝐒𝐓𝐎𝐏 (bold)
                             "\xE2\x93\x88\xE2\x93\x89\xE2\x93\x84\xE2\x93\x85",                  // ⓈⓉⓄⓅ
                             "\xEF\xBC\xB3\xEF\xBD\x94\xEF\xBD\x8F\xEF\xBD\x90",                  // Ｓｔｏｐ
                             "s\xCC\x8Ct\xCC\x81op",                                               // št́op (marks)
                             "\xC5\xBF" "top",                                                     // ſtop (long s)
                             "\xE3\x85\xA4STOP\xE3\x85\xA4");  // Hangul fillers around it
  CAPTURE(text);
  CHECK(classify_keyword(text, rules) == Keyword::kOptOut);
}

TEST_CASE("Issue 17.12: the strict reading catches what must not re-opt in", "[lifecycle][keywords][issue17]") {
  const KeywordRules rules;
  const auto [text, maybe] = GENERATE(table<std::string, bool>({
      {"stop texting me", true},
      {"STOP STOP STOP", true},
      {"S-T-O-P", true},
      {"S T O P please", true},
      {"\xD0\xA1\xD0\xA2\xD0\x9E\xD0\x9F", true},       // СТОП (Russian for stop)
      {"\xD0\x85\xD0\xA2\xD0\x9E\xD0\xA0", true},       // ЅТОР (Cyrillic look-alikes)
      {"STOP\xFF", true},                                // invalid UTF-8 after STOP
      {"please opt out now", true},
      {"Stop. Thanks", true},
      {"hi, where is my order?", false},
      {"thanks!", false},
      {"yes", false},
      {"\xF0\x9F\x91\x8D", false},  // 👍
  }));
  CAPTURE(text);
  CHECK(may_be_opt_out(text, rules) == maybe);
}
