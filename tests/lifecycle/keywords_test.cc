// Keyword classification: whole-message match after normalisation, under
// the policy's keyword set. Rows cite the peer behaviour they pin
// (/work/shared/docs/peers.md, legal-rules.md §10).
#include "sendpolicy/lifecycle/keywords.h"

#include "test_support.h"

using namespace sendpolicy;

namespace Catch {
template <>
struct StringMaker<Keyword> {
  static std::string convert(Keyword k) { return std::string(to_string(k)); }
};
}  // namespace Catch

TEST_CASE("Default English keywords: whole message, case and punctuation insensitive",
          "[lifecycle][keywords]") {
  const auto [text, expected] = GENERATE(table<std::string, Keyword>({
      // Twilio's opt-out list and the FCC per-se words.
      {"STOP", Keyword::kOptOut},
      {"stop", Keyword::kOptOut},
      {" Stop ", Keyword::kOptOut},
      {"stop.", Keyword::kOptOut},
      {"Stop!!", Keyword::kOptOut},
      {"\tQUIT\n", Keyword::kOptOut},
      {"STOPALL", Keyword::kOptOut},
      {"stop all", Keyword::kOptOut},
      {"UNSUBSCRIBE", Keyword::kOptOut},
      {"Cancel", Keyword::kOptOut},
      {"end", Keyword::kOptOut},
      {"Revoke", Keyword::kOptOut},
      {"OPTOUT", Keyword::kOptOut},
      {"OPT OUT", Keyword::kOptOut},
      {"opt-out", Keyword::kOptOut},
      {"Opt_Out.", Keyword::kOptOut},
      // Opt-in and help.
      {"START", Keyword::kOptIn},
      {"yes", Keyword::kOptIn},
      {"Yes!", Keyword::kOptIn},
      {"unstop", Keyword::kOptIn},
      {"HELP", Keyword::kHelp},
      {"info?", Keyword::kHelp},
      // Not keywords: sentences and near misses (Twilio "STOP PLEASE";
      // Spoke #1016; p2pu #593 by default).
      {"STOP PLEASE", Keyword::kNone},
      {"We have got to STOP this bill", Keyword::kNone},
      {"Stop. Thank you", Keyword::kNone},
      {"Help me", Keyword::kNone},
      {"stopp", Keyword::kNone},  // German pack only
      {"STOP1", Keyword::kNone},
      {"S-T-O-P", Keyword::kNone},  // four words (Odoo would match; we do not)
      {"", Keyword::kNone},
      {"   ", Keyword::kNone},
      {"...", Keyword::kNone},
      {"hi", Keyword::kNone},
  }));
  CAPTURE(text);
  CHECK(classify_keyword(text, KeywordRules{}) == expected);
}

TEST_CASE("Unicode: full-width letters, accents, emoji and joiners around the word",
          "[lifecycle][keywords][unicode]") {
  const auto [text, expected] = GENERATE(table<std::string, Keyword>({
      {"\xEF\xBC\xB3\xEF\xBC\xB4\xEF\xBC\xAF\xEF\xBC\xB0", Keyword::kOptOut},  // ＳＴＯＰ
      {"\xEF\xBD\x93\xEF\xBD\x94\xEF\xBD\x8F\xEF\xBD\x90\xEF\xBC\x81", Keyword::kOptOut},  // ｓｔｏｐ！
      {"STOP \xF0\x9F\x9B\x91", Keyword::kOptOut},                           // STOP 🛑
      {"\xF0\x9F\x9B\x91stop\xF0\x9F\x9B\x91", Keyword::kOptOut},            // 🛑stop🛑
      {"\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD Stop \xE2\x9C\x8B\xEF\xB8\x8F", Keyword::kOptOut},  // 👋🏽 Stop ✋️
      {"\xC2\xA0STOP\xC2\xA0", Keyword::kOptOut},                            // no-break spaces
      {"\xE3\x80\x80START\xE3\x80\x82", Keyword::kOptIn},                    // ideographic space, full stop
      {"S\xC2\xADTOP", Keyword::kOptOut},                                    // soft hyphen inside
      {"ST\xE2\x80\x8BOP", Keyword::kOptOut},                                // zero-width space inside
      {"\xC2\xBFHelp?", Keyword::kHelp},                                     // ¿Help?
      {"\xF0\x9F\x9B\x91", Keyword::kNone},                                  // 🛑 alone
      {"\xD0\xA1\xD0\xA2\xD0\x9E\xD0\x9F", Keyword::kNone},                  // СТОП (Cyrillic)
      {"STOP \xD1\x81\xD1\x82\xD0\xBE\xD0\xBF", Keyword::kNone},             // STOP стоп
      {"STOP \xE5\x81\x9C", Keyword::kNone},                                 // STOP 停
  }));
  CAPTURE(text);
  CHECK(classify_keyword(text, KeywordRules{}) == expected);
}

TEST_CASE("Invalid UTF-8 never crashes and never matches", "[lifecycle][keywords][unicode]") {
  const std::string text = GENERATE(as<std::string>{},
      "STOP\xFF",                 // byte never valid in UTF-8
      "\xC3",                     // truncated two-byte sequence
      "STOP\xC3",                 // truncated at the end
      "\xC0\xAF" "STOP",          // overlong '/'
      "\xE0\x80\xAF" "STOP",      // overlong three-byte
      "\xED\xA0\x80" "STOP",      // UTF-16 surrogate
      "\xF4\x90\x80\x80" "STOP",  // beyond U+10FFFF
      "\x80STOP",                 // stray continuation byte
      "START\xFE",
      "Stop.\xFF thanks");
  KeywordRules rules;
  rules.opt_out_first_sentence = true;
  CAPTURE(text);
  CHECK(classify_keyword(text, rules) == Keyword::kNone);
  CHECK(normalise_keyword(text).empty());
}

TEST_CASE("Locale packs are off until the policy enables them", "[lifecycle][keywords][locale]") {
  const auto [text, locale, expected] = GENERATE(table<std::string, KeywordLocale, Keyword>({
      {"Arr\xC3\xAAt", KeywordLocale::kFr, Keyword::kOptOut},        // Arrêt
      {"ARRE\xCC\x82T !", KeywordLocale::kFr, Keyword::kOptOut},     // decomposed Ê
      {"D\xC3\xA9sabonner", KeywordLocale::kFr, Keyword::kOptOut},   // Désabonner
      {"aide", KeywordLocale::kFr, Keyword::kHelp},
      {"STOPP", KeywordLocale::kDe, Keyword::kOptOut},
      {"Abbestellen", KeywordLocale::kDe, Keyword::kOptOut},
      {"anmelden", KeywordLocale::kDe, Keyword::kOptIn},
      {"BAJA", KeywordLocale::kEs, Keyword::kOptOut},
      {"\xC2\xA1" "Alto!", KeywordLocale::kEs, Keyword::kOptOut},       // ¡Alto!
      {"alta", KeywordLocale::kEs, Keyword::kOptIn},
      {"Sair", KeywordLocale::kPt, Keyword::kOptOut},
      {"descadastrar", KeywordLocale::kPt, Keyword::kOptOut},
      {"voltar", KeywordLocale::kPt, Keyword::kOptIn},
      {"Disiscrivimi", KeywordLocale::kIt, Keyword::kOptOut},
      {"basta!", KeywordLocale::kIt, Keyword::kOptOut},
      {"S\xC3\xAC", KeywordLocale::kIt, Keyword::kOptIn},            // Sì
      {"aiuto", KeywordLocale::kIt, Keyword::kHelp},
  }));
  CAPTURE(text, to_string(locale));
  KeywordRules english;
  CHECK(classify_keyword(text, english) == Keyword::kNone);
  KeywordRules with_pack;
  with_pack.locales.add(locale);
  CHECK(classify_keyword(text, with_pack) == expected);
  // English only removed: the pack alone still matches.
  KeywordRules only_pack;
  only_pack.locales = {locale};
  CHECK(classify_keyword(text, only_pack) == expected);
}

// 47 CFR 64.1200(a)(10): the FCC's per-se opt-out words count whatever the
// locales (issue 20 item 1: a policy used to switch STOP off with
// `locales: []`). The rest of the English list (UNSTOP, HELP...) goes with it.
TEST_CASE("The FCC per-se opt-out words hold whatever the locales", "[lifecycle][keywords][locale][fcc]") {
  const KeywordLocaleSet sets[] = {KeywordLocaleSet{}, KeywordLocaleSet{KeywordLocale::kDe},
                                   KeywordLocaleSet{KeywordLocale::kFr, KeywordLocale::kIt}};
  for (const KeywordLocaleSet& locales : sets) {
    KeywordRules rules;
    rules.locales = locales;
    for (const char* word : {"STOP", "quit", "End", "REVOKE", "opt out", "Opt-Out", "cancel",
                             "Unsubscribe."}) {
      CAPTURE(word);
      CHECK(classify_keyword(word, rules) == Keyword::kOptOut);
    }
    CHECK(classify_keyword("UNSTOP", rules) == Keyword::kNone);  // English opt-in needs "en"
    CHECK(classify_keyword("STOPALL", rules) == Keyword::kNone);  // Twilio's, not the FCC's
  }
  // A custom opt-in word cannot turn one of them into an opt-in either.
  KeywordRules rules;
  rules.locales = {};
  rules.extra_opt_in = {"quit"};
  CHECK(classify_keyword("QUIT", rules) == Keyword::kOptOut);
}

TEST_CASE("Custom words are normalised like the message", "[lifecycle][keywords][custom]") {
  KeywordRules rules;
  rules.extra_opt_out = {"D\xC3\xA9sinscription", "no more"};
  rules.extra_opt_in = {"STOP", "Subscribe me"};  // STOP stays an opt-out
  rules.extra_help = {"Aiuto!"};
  CHECK(classify_keyword("desinscription!", rules) == Keyword::kOptOut);
  CHECK(classify_keyword("NO-MORE", rules) == Keyword::kOptOut);
  CHECK(classify_keyword("stop", rules) == Keyword::kOptOut);
  CHECK(classify_keyword("subscribe me.", rules) == Keyword::kOptIn);
  CHECK(classify_keyword("AIUTO", rules) == Keyword::kHelp);
  CHECK(classify_keyword("no more please", rules) == Keyword::kNone);
  rules.extra_opt_out = {std::string(kMaxKeywordLength + 1, 'X')};
  CHECK(classify_keyword(std::string(kMaxKeywordLength + 1, 'x'), rules) == Keyword::kNone);
}

TEST_CASE("First-sentence opt-out is a knob and loosens opt-out only", "[lifecycle][keywords]") {
  const auto [text, expected] = GENERATE(table<std::string, Keyword>({
      {"Stop. Thank you", Keyword::kOptOut},   // p2pu #593
      {"STOP! you keep texting me", Keyword::kOptOut},
      {"Unsubscribe\nthanks", Keyword::kOptOut},
      {"Start. Thanks", Keyword::kNone},       // never for opt-in
      {"Help. Where is my order", Keyword::kNone},
      {"Stop please. thanks", Keyword::kNone},
      {"We have got to STOP this bill.", Keyword::kNone},
      {"stop", Keyword::kOptOut},
  }));
  KeywordRules rules;
  rules.opt_out_first_sentence = true;
  CAPTURE(text);
  CHECK(classify_keyword(text, rules) == expected);
}

TEST_CASE("Normalised form", "[lifecycle][keywords]") {
  const auto [text, normal] = GENERATE(table<std::string, std::string>({
      {"  Opt-Out! ", "OPTOUT"},
      {"Stra\xC3\x9F" "e", "STRASSE"},
      {"\xC5\x92uvre", "OEUVRE"},
      {"\xC5\x81\xC3\xB3" "d\xC5\xBA", "LODZ"},
      {"stop please now", ""},
      {std::string(kMaxKeywordLength, 'a'), std::string(kMaxKeywordLength, 'A')},
      {std::string(kMaxKeywordLength + 1, 'a'), ""},
  }));
  CAPTURE(text);
  CHECK(normalise_keyword(text) == normal);
}

TEST_CASE("Built-in tables are already normalised", "[lifecycle][keywords]") {
  for (std::size_t i = 0; i < kKeywordLocaleCount; ++i) {
    const LocaleKeywords& l = locale_keywords(static_cast<KeywordLocale>(i));
    CHECK(static_cast<std::size_t>(l.locale) == i);
    for (const auto& [list, count] : {std::pair{l.opt_out, l.opt_out_count},
                                      std::pair{l.opt_in, l.opt_in_count},
                                      std::pair{l.help, l.help_count}}) {
      CHECK(count > 0);
      for (std::size_t k = 0; k < count; ++k) {
        CAPTURE(to_string(l.locale), list[k]);
        CHECK(normalise_keyword(list[k]) == list[k]);
      }
    }
  }
  CHECK(parse_enum<ReOptInModel>("any_inbound") == ReOptInModel::kAnyInbound);
  CHECK(to_string(KeywordLocale::kPt) == "pt");
}
