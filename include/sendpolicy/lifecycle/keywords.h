// sendpolicy/lifecycle/keywords.h
//
// Classifies one inbound text as an opt-out, opt-in or help keyword, the way
// SMS platforms do and WhatsApp businesses are expected to (WhatsApp Business
// Messaging Policy: honour every opt-out request). The match is on the WHOLE
// message, after normalising case, punctuation, accents, full-width letters
// and emoji around the word, so " Stop. " and "STOP 🛑" opt out while
// "STOP PLEASE" and "We have got to STOP this bill" do not (Twilio, "Advanced
// opt-out": single-word match; Spoke #1016; p2pu #593). Multi-word keywords
// are written without their separator ("OPT OUT", "opt-out" and "OptOut" all
// read as OPTOUT), and a message of at most two words is read joined.
//
// The default set is Twilio's documented list (STOP, STOPALL, UNSUBSCRIBE,
// CANCEL, END, QUIT, REVOKE, OPTOUT; START, YES, UNSTOP; HELP, INFO), which
// also holds the FCC's per-se revocation words (47 CFR 64.1200(a)(10)).
// Locale packs for Italian, Spanish, Portuguese, French and German are
// opt-in: they are this project's proposal (docs/lifecycle.md), not a carrier
// or regulator list, and need review before a business relies on them.
//
// Code points are classified by Unicode's data (libutf8proc: general
// category, compatibility decomposition, case folding, default-ignorable
// code points), never by hand-kept ranges: every punctuation, separator and
// symbol separates words, marks and invisible format characters vanish,
// "𝐒𝐓𝐎𝐏" and "ＳＴＯＰ" read as STOP. Classification never allocates: text is
// normalised into a stack buffer. Invalid UTF-8 never matches.
//
//   sendpolicy::KeywordRules rules;                    // English only
//   rules.locales.add(sendpolicy::KeywordLocale::kFr);  // + ARRET, DESABONNER...
//   sendpolicy::classify_keyword("Arrêt !", rules);     // Keyword::kOptOut
//   sendpolicy::classify_keyword("stop please", rules); // Keyword::kNone
#ifndef SENDPOLICY_LIFECYCLE_KEYWORDS_H_
#define SENDPOLICY_LIFECYCLE_KEYWORDS_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "sendpolicy/enums.h"

namespace sendpolicy {

// What an inbound text asks for.
enum class Keyword : unsigned char { kNone, kOptOut, kOptIn, kHelp };

// Language packs of keywords. kEn is Twilio's default list (documented);
// the others are proposals, enabled only when the policy asks for them.
enum class KeywordLocale : unsigned char { kEn, kIt, kEs, kPt, kFr, kDe };
inline constexpr std::size_t kKeywordLocaleCount = 6;

// After an opt-out, what makes the customer opted in again.
enum class ReOptInModel : unsigned char {
  // Only an opt-in keyword (START, YES, UNSTOP...). Twilio's and the
  // carriers' model, and the default: a later message is not consent.
  kExplicitKeyword,
  // Also any later inbound message or call from the customer other than a
  // help keyword or anything that may be an opt-out by the strictest
  // reading (may_be_opt_out(): "stop texting me", "S-T-O-P", a caption
  // "STOP"). System events never re-opt in. Odoo's WhatsApp module does this
  // (any inbound message removes the number from its blacklist).
  kAnyInbound,
};

// Wire names through enums.h's to_string() / parse_enum<E>().
template <>
struct EnumTraits<Keyword> {
  static constexpr std::string_view kNames[] = {"none", "opt_out", "opt_in", "help"};
  static constexpr std::size_t kCount = 4;
};
template <>
struct EnumTraits<KeywordLocale> {
  static constexpr std::string_view kNames[] = {"en", "it", "es", "pt", "fr", "de"};
  static constexpr std::size_t kCount = kKeywordLocaleCount;
};
template <>
struct EnumTraits<ReOptInModel> {
  static constexpr std::string_view kNames[] = {"explicit_keyword", "any_inbound"};
  static constexpr std::size_t kCount = 2;
};

// A set of locales, as a bit mask.
class KeywordLocaleSet {
 public:
  constexpr KeywordLocaleSet() noexcept = default;
  constexpr KeywordLocaleSet(std::initializer_list<KeywordLocale> locales) noexcept {
    for (KeywordLocale l : locales) add(l);
  }
  constexpr void add(KeywordLocale l) noexcept { bits_ = static_cast<std::uint8_t>(bits_ | bit(l)); }
  constexpr void remove(KeywordLocale l) noexcept {
    bits_ = static_cast<std::uint8_t>(bits_ & ~bit(l));
  }
  constexpr bool contains(KeywordLocale l) const noexcept { return (bits_ & bit(l)) != 0; }
  constexpr bool operator==(const KeywordLocaleSet& o) const noexcept { return bits_ == o.bits_; }

 private:
  static constexpr std::uint8_t bit(KeywordLocale l) noexcept {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(l));
  }
  std::uint8_t bits_ = 0;
};

// Which words count. The built-in words live in static tables; `extra_*`
// add the business's own (normalised the same way when matched, so
// "Désinscription" matches "DESINSCRIPTION"). Words longer than
// kMaxKeywordLength letters never match.
struct KeywordRules {
  KeywordLocaleSet locales{KeywordLocale::kEn};
  // Also read an opt-out when the message's FIRST sentence (ended by '.', '!'
  // or a line break) is an opt-out keyword: "Stop. Thank you" (p2pu #593).
  // Off by default: platforms match the whole message, and a looser match
  // should only ever add opt-outs (it never applies to opt-in or help).
  bool opt_out_first_sentence = false;
  std::vector<std::string> extra_opt_out;
  std::vector<std::string> extra_opt_in;
  std::vector<std::string> extra_help;
};

inline constexpr std::size_t kMaxKeywordLength = 48;

// The normalised form the matcher compares: upper-case ASCII letters and
// digits, accents and full-width forms folded, words joined when there are at
// most two of them. Empty when the text is not a candidate (invalid UTF-8,
// three or more words, letters outside Latin, longer than kMaxKeywordLength).
// Allocates; for tests and diagnostics. classify_keyword() does not allocate.
std::string normalise_keyword(std::string_view text);

// Opt-out wins when a word is in several lists (a custom opt-in word equal
// to STOP cannot re-open a door STOP closed).
Keyword classify_keyword(std::string_view text, const KeywordRules& rules) noexcept;

// The strictest reading: true iff `text` might be an opt-out by any looser
// match than classify_keyword(): an opt-out word anywhere ("stop texting
// me", "STOP STOP STOP"), two neighbouring words joined ("please opt out"),
// spelled out ("S-T-O-P"), Cyrillic or Greek transliterated ("СТОП") or
// look-alike letters, or text that is not valid UTF-8 (unreadable, so not
// ruled out). A message for which this is true never re-opts anyone in
// (ReOptInModel::kAnyInbound). Allocation-free.
bool may_be_opt_out(std::string_view text, const KeywordRules& rules) noexcept;

// The built-in words of a locale, in their normalised form ("OPTOUT").
struct LocaleKeywords {
  KeywordLocale locale;
  const std::string_view* opt_out;
  std::size_t opt_out_count;
  const std::string_view* opt_in;
  std::size_t opt_in_count;
  const std::string_view* help;
  std::size_t help_count;
};
const LocaleKeywords& locale_keywords(KeywordLocale locale) noexcept;

}  // namespace sendpolicy

#endif  // SENDPOLICY_LIFECYCLE_KEYWORDS_H_
