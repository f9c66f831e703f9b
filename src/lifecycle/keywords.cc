// Keyword classification: decode UTF-8, fold each code point to upper-case
// ASCII (accents stripped, full-width forms mapped), drop what surrounds the
// word (punctuation, emoji, spaces), then compare the whole message with the
// enabled lists. Everything happens in a fixed stack buffer: evaluate() calls
// this on the hot path and must not allocate.
#include "sendpolicy/lifecycle/keywords.h"

#include <array>

#include <utf8proc.h>

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
//
// Each code point is decomposed by Unicode's own data (libutf8proc: NFKD,
// case folding, default-ignorable code points and marks removed) into a
// fixed stack buffer, and each piece is then classified by its general
// category. No hand-kept ranges of punctuation or spaces: a separator added
// to Unicode next year is a separator here once the library knows it.

// What one code point contributes to the normalised word.
enum class Fold : unsigned char {
  kLetters,    // `letters` (one or more upper-case ASCII letters or a digit)
  kSeparator,  // ends a word: space, punctuation, symbols, emoji
  kSentenceEnd,  // a separator that also ends a sentence ('.', '!', line break)
  kIgnore,     // inside a word and invisible: combining accents, joiners
  kForeign,    // a letter we do not fold (Greek, Cyrillic, CJK...): no keyword
};

struct Folded {
  Fold fold;
  string_view letters;  // static storage
};

// How letters of other scripts are read. The matcher reads only Latin
// (kLatin); the strict reading behind may_be_opt_out() also tries the
// transliteration of Cyrillic and Greek ("СТОП" is STOP) and their Latin
// look-alikes (Cyrillic "ЅТОР" looks like STOP).
enum class Script : unsigned char { kLatin, kTransliterated, kLookAlike };

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

struct LetterMap {
  char32_t cp;  // after case folding: lower case
  string_view letters;
};

// Latin letters Unicode gives no decomposition to a base letter (a stroke
// or a ligature is part of the letter, not a mark): Ø is O, Ł is L, Æ is AE.
constexpr LetterMap kLatinBase[] = {
    {0xE6, "AE"}, {0xF0, "D"}, {0xF8, "O"},  {0xFE, "TH"}, {0x111, "D"}, {0x127, "H"},
    {0x131, "I"}, {0x138, "K"}, {0x142, "L"}, {0x14B, "N"}, {0x153, "OE"}, {0x167, "T"},
};

// Cyrillic and Greek, lower case, transliterated (ISO 9 / ELOT 743, simplified).
constexpr LetterMap kTransliteration[] = {
    {0x430, "A"},  {0x431, "B"},  {0x432, "V"},  {0x433, "G"},    {0x434, "D"},  {0x435, "E"},
    {0x436, "ZH"}, {0x437, "Z"},  {0x438, "I"},  {0x439, "I"},    {0x43A, "K"},  {0x43B, "L"},
    {0x43C, "M"},  {0x43D, "N"},  {0x43E, "O"},  {0x43F, "P"},    {0x440, "R"},  {0x441, "S"},
    {0x442, "T"},  {0x443, "U"},  {0x444, "F"},  {0x445, "KH"},   {0x446, "TS"}, {0x447, "CH"},
    {0x448, "SH"}, {0x449, "SHCH"}, {0x44A, ""}, {0x44B, "Y"},    {0x44C, ""},   {0x44D, "E"},
    {0x44E, "YU"}, {0x44F, "YA"}, {0x454, "YE"}, {0x455, "DZ"},   {0x456, "I"},  {0x458, "J"},
    {0x491, "G"},  {0x3B1, "A"},  {0x3B2, "V"},  {0x3B3, "G"},    {0x3B4, "D"},  {0x3B5, "E"},
    {0x3B6, "Z"},  {0x3B7, "I"},  {0x3B8, "TH"}, {0x3B9, "I"},    {0x3BA, "K"},  {0x3BB, "L"},
    {0x3BC, "M"},  {0x3BD, "N"},  {0x3BE, "X"},  {0x3BF, "O"},    {0x3C0, "P"},  {0x3C1, "R"},
    {0x3C2, "S"},  {0x3C3, "S"},  {0x3C4, "T"},  {0x3C5, "Y"},    {0x3C6, "F"},  {0x3C7, "CH"},
    {0x3C8, "PS"}, {0x3C9, "O"},
};

// Cyrillic and Greek letters that look like a Latin one (lower case; the
// upper-case forms fold to these).
constexpr LetterMap kLookAlike[] = {
    {0x430, "A"}, {0x432, "B"}, {0x435, "E"}, {0x43A, "K"}, {0x43C, "M"}, {0x43D, "H"},
    {0x43E, "O"}, {0x440, "P"}, {0x441, "C"}, {0x442, "T"}, {0x443, "Y"}, {0x445, "X"},
    {0x455, "S"}, {0x456, "I"}, {0x458, "J"}, {0x3B1, "A"}, {0x3B2, "B"}, {0x3B5, "E"},
    {0x3B6, "Z"}, {0x3B7, "H"}, {0x3B9, "I"}, {0x3BA, "K"}, {0x3BC, "M"}, {0x3BD, "N"},
    {0x3BF, "O"}, {0x3C1, "P"}, {0x3C4, "T"}, {0x3C5, "Y"}, {0x3C7, "X"},
};

template <std::size_t N>
constexpr const LetterMap* find_letter(const LetterMap (&map)[N], char32_t cp) noexcept {
  for (const LetterMap& m : map) {
    if (m.cp == cp) return &m;
  }
  return nullptr;
}

bool is_letter(utf8proc_category_t c) noexcept {
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
         c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO;
}

// Classifies one code point of a decomposition.
Folded fold_piece(char32_t cp, Script script) noexcept {
  if (cp < 0x80) return fold_ascii(cp);
  if (cp == 0x3002) return just(Fold::kSentenceEnd);  // ideographic full stop (and U+FF61)
  const auto category =
      static_cast<utf8proc_category_t>(utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->category);
  if (is_letter(category)) {
    if (const LetterMap* m = find_letter(kLatinBase, cp)) return {Fold::kLetters, m->letters};
    if (script == Script::kTransliterated) {
      if (const LetterMap* m = find_letter(kTransliteration, cp)) {
        return m->letters.empty() ? just(Fold::kIgnore) : Folded{Fold::kLetters, m->letters};
      }
    } else if (script == Script::kLookAlike) {
      if (const LetterMap* m = find_letter(kLookAlike, cp)) return {Fold::kLetters, m->letters};
    }
    return just(Fold::kForeign);
  }
  switch (category) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return just(Fold::kIgnore);  // marks (normally stripped before they get here)
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return just(Fold::kForeign);  // digits of other scripts: not a keyword
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return just(Fold::kSentenceEnd);
    default:
      // Punctuation, symbols (emoji), spaces, controls, format characters,
      // private use and unassigned code points all stand between words.
      return just(Fold::kSeparator);
  }
}

// NFKD, case folded, default ignorables and marks removed: "Ｓ" is "s",
// "é" is "e", "ﬀ" is "ff", "Ⓢ" is "s", a soft hyphen is nothing.
constexpr utf8proc_option_t kDecompose = static_cast<utf8proc_option_t>(
    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STRIPMARK);

// The longest full decomposition in Unicode is 18 code points (U+FDFA).
constexpr utf8proc_ssize_t kMaxDecomposition = 32;

// Calls `emit(Folded)` for each piece of each code point of `text`; false on
// invalid UTF-8 (truncated, overlong, surrogate, beyond U+10FFFF).
template <class Emit>
bool fold_text(string_view text, Script script, Emit&& emit) noexcept {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_ssize_t i = 0;
  while (i < size) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(bytes + i, size - i, &cp);
    if (n <= 0 || cp < 0) return false;
    i += n;
    if (cp < 0x80) {
      emit(fold_ascii(static_cast<char32_t>(cp)));
      continue;
    }
    utf8proc_int32_t pieces[kMaxDecomposition];
    const utf8proc_ssize_t count = utf8proc_decompose_char(cp, pieces, kMaxDecomposition, kDecompose, nullptr);
    if (count < 0 || count > kMaxDecomposition) return false;
    const auto category = utf8proc_get_property(cp)->category;
    const bool symbol = !is_letter(static_cast<utf8proc_category_t>(category)) &&
                        category != UTF8PROC_CATEGORY_ND && category != UTF8PROC_CATEGORY_NL &&
                        category != UTF8PROC_CATEGORY_NO;
    if (symbol) {
      // A symbol standing for one letter (Ⓢ, 🅂) is that letter; one
      // abbreviating several (™, ℡, ㎏) stays a symbol, so "STOP™" is STOP.
      int letters = 0;
      for (utf8proc_ssize_t k = 0; k < count; ++k) {
        if (fold_piece(static_cast<char32_t>(pieces[k]), script).fold == Fold::kLetters) ++letters;
      }
      if (letters > 1) {
        emit(just(Fold::kSeparator));
        continue;
      }
    }
    for (utf8proc_ssize_t k = 0; k < count; ++k) emit(fold_piece(static_cast<char32_t>(pieces[k]), script));
  }
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
  const bool valid = fold_text(text, Script::kLatin, [&](const Folded& f) {
    if (!n.ok && sentence_closed) return;  // decided; only validating the rest
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
  });
  if (!valid) {
    n.ok = false;
    n.sentence_ok = false;  // invalid UTF-8 anywhere never matches, not even a first sentence
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

// The strict reading: every word, every pair of neighbouring words, every
// run of single letters ("S-T-O-P", "S T O P") and the message's letters
// all joined, in one script reading. True as soon as one is an opt-out word.
class OptOutScan {
 public:
  explicit OptOutScan(const KeywordRules& rules) noexcept : rules_(rules) {}

  void piece(const Folded& f) noexcept {
    switch (f.fold) {
      case Fold::kLetters:
        for (const char c : f.letters) {
          word_.push(c);
          all_.push(c);
        }
        break;
      case Fold::kIgnore:
        break;
      case Fold::kForeign:
        word_.ok = false;
        all_.ok = false;
        break;
      case Fold::kSeparator:
      case Fold::kSentenceEnd:
        end_word();
        break;
    }
  }

  bool finish() noexcept {
    end_word();
    end_spelled();
    check(all_);
    return found_;
  }

 private:
  struct Buffer {
    char buf[kMaxKeywordLength] = {};
    std::size_t len = 0;
    bool ok = true;
    void push(char c) noexcept {
      if (len == sizeof(buf)) {
        ok = false;
        return;
      }
      buf[len++] = c;
    }
    void append(const Buffer& o) noexcept {
      ok = ok && o.ok;
      for (std::size_t k = 0; k < o.len; ++k) push(o.buf[k]);
    }
    string_view view() const noexcept { return ok ? string_view(buf, len) : string_view(); }
  };

  void check(const Buffer& b) noexcept {
    if (!found_ && b.ok && b.len > 0 && in_rules(b.view(), List::kOptOut, rules_)) found_ = true;
  }

  void end_spelled() noexcept {
    if (spelled_.len > 1) check(spelled_);
    spelled_ = Buffer{};
  }

  void end_word() noexcept {
    if (word_.len == 0 && word_.ok) return;
    check(word_);
    Buffer pair = previous_;
    pair.append(word_);
    if (previous_.len > 0) check(pair);
    if (word_.ok && word_.len == 1) {
      spelled_.push(word_.buf[0]);
    } else {
      end_spelled();
    }
    previous_ = word_;
    word_ = Buffer{};
  }

  const KeywordRules& rules_;
  Buffer word_, previous_, spelled_, all_;
  bool found_ = false;
};

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

bool may_be_opt_out(std::string_view text, const KeywordRules& rules) noexcept {
  if (classify_keyword(text, rules) == Keyword::kOptOut) return true;
  for (const Script script : {Script::kLatin, Script::kTransliterated, Script::kLookAlike}) {
    OptOutScan scan(rules);
    // Unreadable text cannot be ruled out: it might say STOP.
    if (!fold_text(text, script, [&](const Folded& f) { scan.piece(f); })) return true;
    if (scan.finish()) return true;
  }
  return false;
}

const LocaleKeywords& locale_keywords(KeywordLocale locale) noexcept {
  const auto i = static_cast<std::size_t>(locale);
  return kLocales[i < kLocales.size() ? i : 0];
}

}  // namespace sendpolicy
