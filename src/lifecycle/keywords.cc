// Keyword classification: decode UTF-8, fold each code point to upper-case
// ASCII (accents stripped, full-width forms mapped), drop what surrounds the
// word (punctuation, emoji, spaces), then compare the whole message with the
// enabled lists. Everything happens in a fixed stack buffer: evaluate() calls
// this on the hot path and must not allocate.
#include "sendpolicy/lifecycle/keywords.h"

#include <array>

namespace sendpolicy {
namespace {

using std::string_view;

// --- Keyword tables (normalised form) ---------------------------------------
// English: Twilio's default lists (twilio.com/docs/messaging/tutorials/
// advanced-opt-out), the FCC per-se words (STOP, QUIT, END, REVOKE, OPT OUT,
// CANCEL, UNSUBSCRIBE) included. Other languages: this project's proposal
// (shared research, legal-rules.md §10.2; ARRET also AWS/Twilio for French
// Canada, SAIR Brazilian carriers), to be reviewed by native speakers.
constexpr string_view kEnOut[] = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL",
                                  "END",  "QUIT",    "REVOKE",      "OPTOUT"};
constexpr string_view kEnIn[] = {"START", "YES", "UNSTOP"};
static_assert(std::size(kFccPerSeOptOut) == kFccPerSeOptOutCount);
constexpr string_view kEnHelp[] = {"HELP", "INFO"};
constexpr string_view kItOut[] = {"STOP",  "ANNULLA", "CANCELLA", "DISISCRIVI",
                                  "DISISCRIVIMI", "BASTA", "RIMUOVI"};
constexpr string_view kItIn[] = {"ISCRIVI", "START", "SI"};
constexpr string_view kItHelp[] = {"AIUTO", "INFO"};
constexpr string_view kEsOut[] = {"BAJA", "ALTO", "PARAR", "PARA", "CANCELAR", "DETENER", "STOP"};
constexpr string_view kEsIn[] = {"ALTA", "INICIAR", "START"};
constexpr string_view kEsHelp[] = {"AYUDA", "INFO"};
constexpr string_view kPtOut[] = {"SAIR", "PARAR", "PARE", "CANCELAR", "DESCADASTRAR", "STOP"};
constexpr string_view kPtIn[] = {"VOLTAR", "START"};
constexpr string_view kPtHelp[] = {"AJUDA", "INFO"};
constexpr string_view kFrOut[] = {"STOP", "ARRET", "ARRETE", "ARRETER", "DESABONNER", "DESINSCRIRE"};
constexpr string_view kFrIn[] = {"START", "ABONNER"};
constexpr string_view kFrHelp[] = {"AIDE", "INFO"};
constexpr string_view kDeOut[] = {"STOPP", "STOP", "ABMELDEN", "ABBESTELLEN", "ENDE"};
constexpr string_view kDeIn[] = {"START", "ANMELDEN"};
constexpr string_view kDeHelp[] = {"HILFE", "INFO"};

#define SENDPOLICY_LOCALE(L, OUT, IN, HELP) \
  LocaleKeywords{L, OUT, std::size(OUT), IN, std::size(IN), HELP, std::size(HELP)}

constexpr std::array<LocaleKeywords, kKeywordLocaleCount> kLocales = {{
    SENDPOLICY_LOCALE(KeywordLocale::kEn, kEnOut, kEnIn, kEnHelp),
    SENDPOLICY_LOCALE(KeywordLocale::kIt, kItOut, kItIn, kItHelp),
    SENDPOLICY_LOCALE(KeywordLocale::kEs, kEsOut, kEsIn, kEsHelp),
    SENDPOLICY_LOCALE(KeywordLocale::kPt, kPtOut, kPtIn, kPtHelp),
    SENDPOLICY_LOCALE(KeywordLocale::kFr, kFrOut, kFrIn, kFrHelp),
    SENDPOLICY_LOCALE(KeywordLocale::kDe, kDeOut, kDeIn, kDeHelp),
}};
#undef SENDPOLICY_LOCALE

// --- Folding code points ------------------------------------------------------

// What one code point contributes to the normalised word.
enum class Fold : unsigned char {
  kLetters,    // `letters` (one or two upper-case ASCII letters or a digit)
  kSeparator,  // ends a word: space, punctuation, symbols, emoji
  kSentenceEnd,  // a separator that also ends a sentence ('.', '!', line break)
  kIgnore,     // inside a word and invisible: combining accents, joiners
  kForeign,    // a letter we do not fold (Greek, Cyrillic, CJK...): no keyword
};

struct Folded {
  Fold fold;
  string_view letters;  // static storage
};

// Latin-1 Supplement and Latin Extended-A letters to their base letters, by
// range; × and ÷ are symbols. Ranges cover upper and lower case alike.
struct LatinRange {
  char32_t first;
  char32_t last;
  string_view letters;
};
constexpr LatinRange kLatin[] = {
    {0xC0, 0xC5, "A"},   {0xC6, 0xC6, "AE"},  {0xC7, 0xC7, "C"},   {0xC8, 0xCB, "E"},
    {0xCC, 0xCF, "I"},   {0xD0, 0xD0, "D"},   {0xD1, 0xD1, "N"},   {0xD2, 0xD6, "O"},
    {0xD8, 0xD8, "O"},   {0xD9, 0xDC, "U"},   {0xDD, 0xDD, "Y"},   {0xDE, 0xDE, "TH"},
    {0xDF, 0xDF, "SS"},  {0xE0, 0xE5, "A"},   {0xE6, 0xE6, "AE"},  {0xE7, 0xE7, "C"},
    {0xE8, 0xEB, "E"},   {0xEC, 0xEF, "I"},   {0xF0, 0xF0, "D"},   {0xF1, 0xF1, "N"},
    {0xF2, 0xF6, "O"},   {0xF8, 0xF8, "O"},   {0xF9, 0xFC, "U"},   {0xFD, 0xFD, "Y"},
    {0xFE, 0xFE, "TH"},  {0xFF, 0xFF, "Y"},   {0x100, 0x105, "A"}, {0x106, 0x10D, "C"},
    {0x10E, 0x111, "D"}, {0x112, 0x11B, "E"}, {0x11C, 0x123, "G"}, {0x124, 0x127, "H"},
    {0x128, 0x131, "I"}, {0x132, 0x133, "IJ"}, {0x134, 0x135, "J"}, {0x136, 0x138, "K"},
    {0x139, 0x142, "L"}, {0x143, 0x14B, "N"}, {0x14C, 0x151, "O"}, {0x152, 0x153, "OE"},
    {0x154, 0x159, "R"}, {0x15A, 0x161, "S"}, {0x162, 0x167, "T"}, {0x168, 0x173, "U"},
    {0x174, 0x175, "W"}, {0x176, 0x178, "Y"}, {0x179, 0x17E, "Z"}, {0x17F, 0x17F, "S"},
};

constexpr Folded just(Fold f) noexcept { return {f, {}}; }

// Each upper-case letter and digit as a one-character view of static storage.
constexpr string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr string_view kDigits = "0123456789";

constexpr bool in(char32_t cp, char32_t first, char32_t last) noexcept {
  return cp >= first && cp <= last;
}

constexpr Folded fold_ascii(char32_t cp) noexcept {
  if (in(cp, 'a', 'z')) return {Fold::kLetters, kUpper.substr(cp - 'a', 1)};
  if (in(cp, 'A', 'Z')) return {Fold::kLetters, kUpper.substr(cp - 'A', 1)};
  if (in(cp, '0', '9')) return {Fold::kLetters, kDigits.substr(cp - '0', 1)};
  if (cp == '.' || cp == '!' || cp == '\n' || cp == '\r') return just(Fold::kSentenceEnd);
  return just(Fold::kSeparator);
}

constexpr Folded fold(char32_t cp) noexcept {
  if (cp < 0x80) return fold_ascii(cp);
  // Full-width ASCII (U+FF01..U+FF5E) is ASCII shifted by 0xFEE0.
  if (in(cp, 0xFF01, 0xFF5E)) return fold_ascii(cp - 0xFEE0);
  if (cp == 0x3002 || cp == 0xFF61) return just(Fold::kSentenceEnd);  // ideographic full stop
  if (cp == 0xAD || in(cp, 0x300, 0x36F) || in(cp, 0x200B, 0x200D) || cp == 0x2060 ||
      cp == 0xFEFF || in(cp, 0xFE00, 0xFE0F) || in(cp, 0xE0000, 0xE007F)) {
    return just(Fold::kIgnore);  // soft hyphen, combining marks, joiners, selectors, tags
  }
  if (cp == 0xD7 || cp == 0xF7 || cp < 0xC0) return just(Fold::kSeparator);  // Latin-1 symbols
  if (cp <= 0x17F) {
    for (const LatinRange& r : kLatin) {
      if (in(cp, r.first, r.last)) return {Fold::kLetters, r.letters};
    }
  }
  // Punctuation, currency, symbols, arrows, dingbats, CJK punctuation,
  // full-width punctuation remainder, emoji and pictographs.
  if (in(cp, 0x2000, 0x206F) || in(cp, 0x20A0, 0x20CF) || in(cp, 0x2100, 0x2BFF) ||
      in(cp, 0x3000, 0x303F) || in(cp, 0xFE10, 0xFE1F) || in(cp, 0xFE30, 0xFE4F) ||
      in(cp, 0xFF5F, 0xFF65) || in(cp, 0x1F000, 0x1FAFF)) {
    return just(Fold::kSeparator);
  }
  return just(Fold::kForeign);
}

// Decodes one UTF-8 code point at text[i], advancing i. Returns false on any
// malformed sequence: truncated, stray continuation, overlong, surrogate, or
// beyond U+10FFFF.
bool decode(string_view text, std::size_t& i, char32_t& cp) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  std::size_t len = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    cp = b0;
    ++i;
    return true;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return false;
  }
  if (i + len > text.size()) return false;
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || in(cp, 0xD800, 0xDFFF)) return false;
  i += len;
  return true;
}

// The normalised message (and its first sentence) in fixed storage.
struct Normalised {
  char buf[kMaxKeywordLength];
  std::size_t len = 0;
  int words = 0;
  bool ok = true;  // still a candidate
  bool in_word = false;
  // The first sentence, when the text has more than one.
  std::size_t sentence_len = 0;
  bool sentence_ok = false;

  string_view word() const noexcept { return ok ? string_view(buf, len) : string_view(); }
  string_view first_sentence() const noexcept {
    return sentence_ok ? string_view(buf, sentence_len) : string_view();
  }
};

// A candidate keyword has one or two words; more is a sentence.
constexpr int kMaxWords = 2;

Normalised normalise(string_view text) noexcept {
  Normalised n;
  bool sentence_closed = false;
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    if (!decode(text, i, cp)) {
      n.ok = false;
      n.sentence_ok = false;
      return n;  // invalid UTF-8 anywhere never matches, not even a first sentence
    }
    if (!n.ok && sentence_closed) continue;  // decided; only validating the rest
    const Folded f = fold(cp);
    switch (f.fold) {
      case Fold::kLetters:
        if (!n.in_word) {
          n.in_word = true;
          if (++n.words > kMaxWords) n.ok = false;
        }
        for (const char c : f.letters) {
          if (n.len == sizeof(n.buf)) {
            n.ok = false;
            break;
          }
          n.buf[n.len++] = c;
        }
        break;
      case Fold::kSentenceEnd:
        n.in_word = false;
        if (!sentence_closed && n.words > 0) {
          sentence_closed = true;
          n.sentence_ok = n.ok;
          n.sentence_len = n.len;
        }
        break;
      case Fold::kSeparator:
        n.in_word = false;
        break;
      case Fold::kIgnore:
        break;
      case Fold::kForeign:
        n.ok = false;
        break;
    }
  }
  if (n.len == 0) n.ok = false;
  return n;
}

bool listed(string_view word, const string_view* list, std::size_t count) noexcept {
  for (std::size_t k = 0; k < count; ++k) {
    if (list[k] == word) return true;
  }
  return false;
}

bool listed_custom(string_view word, const std::vector<std::string>& custom) noexcept {
  for (const std::string& c : custom) {
    if (normalise(c).word() == word) return true;
  }
  return false;
}

enum class List : unsigned char { kOptOut, kOptIn, kHelp };

bool in_rules(string_view word, List list, const KeywordRules& rules) noexcept {
  if (word.empty()) return false;
  // The FCC's per-se revocations count whatever the locales say: no keyword
  // setting may stop a policy from honouring STOP (47 CFR 64.1200(a)(10)).
  if (list == List::kOptOut && listed(word, kFccPerSeOptOut, std::size(kFccPerSeOptOut))) {
    return true;
  }
  for (const LocaleKeywords& l : kLocales) {
    if (!rules.locales.contains(l.locale)) continue;
    switch (list) {
      case List::kOptOut:
        if (listed(word, l.opt_out, l.opt_out_count)) return true;
        break;
      case List::kOptIn:
        if (listed(word, l.opt_in, l.opt_in_count)) return true;
        break;
      case List::kHelp:
        if (listed(word, l.help, l.help_count)) return true;
        break;
    }
  }
  switch (list) {
    case List::kOptOut:
      return listed_custom(word, rules.extra_opt_out);
    case List::kOptIn:
      return listed_custom(word, rules.extra_opt_in);
    case List::kHelp:
      return listed_custom(word, rules.extra_help);
  }
  return false;
}

}  // namespace

std::string normalise_keyword(std::string_view text) {
  return std::string(normalise(text).word());
}

Keyword classify_keyword(std::string_view text, const KeywordRules& rules) noexcept {
  const Normalised n = normalise(text);
  const string_view word = n.word();
  // Opt-out first: a word on two lists must never re-open consent.
  if (in_rules(word, List::kOptOut, rules)) return Keyword::kOptOut;
  if (in_rules(word, List::kOptIn, rules)) return Keyword::kOptIn;
  if (in_rules(word, List::kHelp, rules)) return Keyword::kHelp;
  if (rules.opt_out_first_sentence && in_rules(n.first_sentence(), List::kOptOut, rules)) {
    return Keyword::kOptOut;
  }
  return Keyword::kNone;
}

const LocaleKeywords& locale_keywords(KeywordLocale locale) noexcept {
  const auto i = static_cast<std::size_t>(locale);
  return kLocales[i < kLocales.size() ? i : 0];
}

}  // namespace sendpolicy
