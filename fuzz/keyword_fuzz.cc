// classify_keyword() on arbitrary bytes, under every locale and both sentence
// modes: never crashes, and its verdict agrees with normalise_keyword()
// (a whole-message match needs a non-empty normalised form; invalid UTF-8
// never matches).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sendpolicy/lifecycle/keywords.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sendpolicy;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  KeywordRules all;
  all.locales = {KeywordLocale::kEn, KeywordLocale::kIt, KeywordLocale::kEs,
                 KeywordLocale::kPt, KeywordLocale::kFr, KeywordLocale::kDe};
  all.extra_opt_out = {"no more"};
  const Keyword whole = classify_keyword(text, all);
  if (whole != Keyword::kNone && normalise_keyword(text).empty()) std::abort();
  all.opt_out_first_sentence = true;
  const Keyword loose = classify_keyword(text, all);
  // The looser mode only ever adds opt-outs.
  if (whole != Keyword::kNone && loose != whole) std::abort();
  if (whole == Keyword::kNone && loose != Keyword::kNone && loose != Keyword::kOptOut) std::abort();
  return 0;
}
