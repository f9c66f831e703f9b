#include "keywords_json.h"

#include <cstdint>
#include <vector>

#include "ondemand_read.h"
#include "sendpolicy/wire/json_writer.h"

namespace sendpolicy {
namespace wire {
namespace internal {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

constexpr std::string_view kKeywordFields[] = {
    "locales", "opt_out_first_sentence", "extra_opt_out", "extra_opt_in", "extra_help",
};

absl::Status read_locales(od::value& v, Loc loc, KeywordLocaleSet& dst) {
  od::array arr;
  if (error_code err = v.get_array().get(arr)) {
    return json_error(loc, "locales", err, "an array of locales (en, it, es, pt, fr, de)");
  }
  const std::string path = path_of(loc, "locales");
  KeywordLocaleSet set;
  int i = 0;
  for (auto element : arr) {
    const Loc at{path, i++};
    od::value item;
    if (error_code err = element.error()) return json_error(at, "", err, "a string");
    item = element.value_unsafe();
    KeywordLocale locale{};
    bool present = false;
    if (absl::Status s = read_enum(item, at, "", locale, present); !s.ok()) return s;
    // null is not a locale (it used to read as the first one, en).
    if (!present) return fail(at, "", "expected one of " + expected_names<KeywordLocale>() + ", not null");
    set.add(locale);
  }
  // The English list holds the FCC's per-se opt-out words (STOP, QUIT, END,
  // REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE): a policy must not drop them.
  if (!set.contains(KeywordLocale::kEn)) {
    return fail(loc, "locales",
                "must include \"en\": the English list holds the FCC's per-se opt-out words (STOP, "
                "QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE), which every policy honours "
                "(47 CFR 64.1200(a)(10)); add other locales beside it");
  }
  dst = set;
  return absl::OkStatus();
}

absl::Status read_words(od::value& v, Loc loc, std::string_view field, std::vector<std::string>& dst) {
  od::array arr;
  if (error_code err = v.get_array().get(arr)) {
    return json_error(loc, field, err, "an array of words");
  }
  const std::string path = path_of(loc, field);
  std::vector<std::string> words;
  int i = 0;
  for (auto element : arr) {
    const Loc at{path, i++};
    od::value item;
    if (error_code err = element.error()) return json_error(at, "", err, "a string");
    item = element.value_unsafe();
    std::string word;
    if (absl::Status s = read_string(item, at, "", word); !s.ok()) return s;
    // A word the matcher can never see would silently do nothing.
    if (normalise_keyword(word).empty()) {
      return fail(at, "", "is not a keyword the matcher can match (one or two Latin words, at most " +
                              std::to_string(kMaxKeywordLength) + " letters): " + quote_user(word));
    }
    words.push_back(std::move(word));
  }
  dst = std::move(words);
  return absl::OkStatus();
}

void append_words(std::string& out, const std::vector<std::string>& words) {
  out += '[';
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ", ";
    append_json_string(out, words[i]);
  }
  out += ']';
}

}  // namespace

absl::Status read_keywords(od::value& v, KeywordRules& rules) {
  const Loc root{};
  const Loc loc{"keywords"};
  od::object obj;
  bool null = false;
  if (absl::Status s = read_object(v, root, "keywords", obj, null); !s.ok()) return s;
  if (null) return fail(root, "keywords", "expected an object, not null");
  std::uint32_t seen = 0;
  return for_each_field(obj, loc, kKeywordFields, seen, [&](int i, od::value& f) -> absl::Status {
    switch (i) {
      case 0: return read_locales(f, loc, rules.locales);
      case 1: return read_required_bool(f, loc, kKeywordFields[i], rules.opt_out_first_sentence);
      case 2: return read_words(f, loc, kKeywordFields[i], rules.extra_opt_out);
      case 3: return read_words(f, loc, kKeywordFields[i], rules.extra_opt_in);
      default: return read_words(f, loc, kKeywordFields[i], rules.extra_help);
    }
  });
}

void append_keywords_json(std::string& out, const KeywordRules& rules) {
  out += "{\"locales\": [";
  bool first = true;
  for (std::size_t i = 0; i < kKeywordLocaleCount; ++i) {
    const auto locale = static_cast<KeywordLocale>(i);
    if (!rules.locales.contains(locale)) continue;
    if (!first) out += ", ";
    append_json_string(out, to_string(locale));
    first = false;
  }
  out += "], \"opt_out_first_sentence\": ";
  out += rules.opt_out_first_sentence ? "true" : "false";
  out += ", \"extra_opt_out\": ";
  append_words(out, rules.extra_opt_out);
  out += ", \"extra_opt_in\": ";
  append_words(out, rules.extra_opt_in);
  out += ", \"extra_help\": ";
  append_words(out, rules.extra_help);
  out += '}';
}

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy
