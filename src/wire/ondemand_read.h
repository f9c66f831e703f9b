// Internal to the wire library: strict readers over simdjson On-Demand
// values. Each names the field path in its error ("history[2].at: ...") and
// treats JSON null as "absent".
#ifndef SENDPOLICY_WIRE_SRC_ONDEMAND_READ_H_
#define SENDPOLICY_WIRE_SRC_ONDEMAND_READ_H_

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <simdjson.h>

#include "absl/status/status.h"
#include "sendpolicy/enums.h"
#include "sendpolicy/time.h"
#include "sendpolicy/wire/json_writer.h"
#include "time_parse.h"

namespace sendpolicy {
namespace wire {
namespace internal {

namespace od = simdjson::ondemand;
using simdjson::error_code;

// Where a field sits: the enclosing object's path and, for array elements,
// the index ("history", 2 -> "history[2].at").
struct Loc {
  std::string_view object;
  int index = -1;
};

inline std::string path_of(Loc loc, std::string_view field) {
  std::string s(loc.object);
  if (loc.index >= 0) {
    s += '[';
    s += std::to_string(loc.index);
    s += ']';
  }
  if (!field.empty()) {
    if (!s.empty() && field.front() != '[') s += '.';
    s += field;
  }
  return s;
}

inline absl::Status fail(Loc loc, std::string_view field, std::string_view problem) {
  std::string path = path_of(loc, field);
  std::string msg = std::move(path);
  if (!msg.empty()) msg += ": ";
  msg += problem;
  return absl::InvalidArgumentError(msg);
}

inline std::string quote_user(std::string_view user_text) {
  std::string s = "'";
  s += utf8_prefix(user_text, 64);
  if (user_text.size() > 64) s += "...";
  s += "'";
  return s;
}

// A simdjson error met while reading `field`, as a phrase. INCORRECT_TYPE
// means the JSON was fine but the value had the wrong type.
inline absl::Status json_error(Loc loc, std::string_view field, error_code err,
                        std::string_view expected) {
  switch (err) {
    case simdjson::INCORRECT_TYPE:
      return fail(loc, field, std::string("expected ") + std::string(expected));
    case simdjson::NUMBER_OUT_OF_RANGE:
    case simdjson::NUMBER_ERROR:
      return fail(loc, field, std::string("expected ") + std::string(expected));
    case simdjson::UTF8_ERROR:
      return fail(loc, field, "not valid UTF-8");
    default:
      return fail(loc, field,
                  std::string("malformed JSON (") + simdjson::error_message(err) + ")");
  }
}

// Edit distance (insert, delete, substitute, swap of neighbours) between
// two short keys, capped at 3 (only small distances matter for hints).
inline int key_distance(std::string_view a, std::string_view b) noexcept {
  constexpr std::size_t kMax = 40;
  if (a.size() > kMax || b.size() > kMax) return 3;
  int d[kMax + 1][kMax + 1];
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, d[i - 2][j - 2] + 1);
      }
      d[i][j] = best;
    }
  }
  return std::min(d[a.size()][b.size()], 3);
}

// "unknown field; did you mean 'time_zone'?" when one known key is close
// (a typo, a case slip: "timezone", "Phone"), else "unknown field".
template <std::size_t N>
std::string unknown_field_problem(std::string_view key, const std::string_view (&names)[N]) {
  std::string_view best;
  int best_distance = 3;
  for (std::string_view name : names) {
    std::string lower(key);
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    std::string flat = lower;  // "timeZone" / "time-zone" -> "timezone"
    flat.erase(std::remove_if(flat.begin(), flat.end(), [](char c) { return c == '_' || c == '-'; }),
               flat.end());
    std::string flat_name(name);
    flat_name.erase(std::remove(flat_name.begin(), flat_name.end(), '_'), flat_name.end());
    int d = flat == flat_name ? 0 : key_distance(lower, name);
    // Short keys are close to everything: allow one edit below 5 letters.
    if (name.size() < 5 && d > 1) d = 3;
    if (d < best_distance) {
      best_distance = d;
      best = name;
    }
  }
  if (best.empty()) return "unknown field";
  return "unknown field; did you mean '" + std::string(best) + "'?";
}

template <std::size_t N>
int index_of(std::string_view key, const std::string_view (&names)[N]) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == key) return static_cast<int>(i);
  }
  return -1;
}

// The key of `field` as written in the JSON text, if it holds no escape
// (the common case): the bytes up to the closing quote. Keys with a
// backslash return false and are unescaped by the caller. Reading raw bytes
// skips copying every key into the parser's string buffer.
//
// The closing quote is found 8 bytes at a time (a byte-at-a-time loop was
// a fifth of the time spent in the readers): every key ends at an
// unescaped quote inside the document, and simdjson guarantees
// SIMDJSON_PADDING readable bytes after it, so the 8-byte loads stay in
// bounds.
inline bool raw_key(const od::field& field, std::string_view& key) noexcept {
  const char* begin = field.key().raw();
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  for (std::size_t at = 0;; at += 8) {
    std::uint64_t word;
    std::memcpy(&word, begin + at, 8);
    const std::uint64_t quote = word ^ (kOnes * '"');
    const std::uint64_t slash = word ^ (kOnes * '\\');
    // The lowest 0x80 bit marks the first byte equal to '"' or '\\'
    // (higher ones may be false; little-endian: low bits, first bytes).
    const std::uint64_t hits = ((quote - kOnes) & ~quote & kHighs) |
                               ((slash - kOnes) & ~slash & kHighs);
    if (hits != 0) {
      const std::size_t end = at + static_cast<std::size_t>(__builtin_ctzll(hits)) / 8;
      if (begin[end] == '\\') return false;
      key = std::string_view(begin, end);
      return true;
    }
  }
#else
  const char* p = begin;
  while (*p != '"' && *p != '\\') ++p;
  if (*p == '\\') return false;
  key = std::string_view(begin, static_cast<std::size_t>(p - begin));
  return true;
#endif
}

// The index into `names` of `field`'s key, unescaping it only when the raw
// bytes hold an escape; an unknown key is an error naming it.
template <std::size_t N>
absl::Status find_key(od::field& field, Loc loc, const std::string_view (&names)[N],
                      int& index) {
  std::string_view key;
  if (!raw_key(field, key)) {
    if (error_code err = field.unescaped_key().get(key)) {
      return json_error(loc, "", err, "a key");
    }
  }
  index = index_of(key, names);
  if (index < 0) return fail(loc, utf8_prefix(key, 64), unknown_field_problem(key, names));
  return absl::OkStatus();
}

// Keys as the JSON text spells them, for comparing a key against one
// expected name in a few word operations: each name with its closing quote,
// as four little-endian 8-byte words and the masks of the bytes that count.
// Comparing the quote too makes a match exact: the raw key is that name and
// holds no escape.
// Not constexpr on purpose: a KeyTable is built at compile time, and a name
// too long for it makes that constant evaluation call this, which is a
// compile error at the table's definition.
inline void key_name_longer_than_key_table_allows() noexcept {}

template <std::size_t N>
struct KeyTable {
  static constexpr std::size_t kMaxName = 31;  // 32 bytes with the quote
  const std::string_view (&names)[N];
  std::uint64_t word[N][4] = {};
  std::uint64_t mask[N][4] = {};

  constexpr explicit KeyTable(const std::string_view (&n)[N]) : names(n) {
    for (std::size_t i = 0; i < N; ++i) {
      const std::size_t len = n[i].size();
      if (len > kMaxName) {
        key_name_longer_than_key_table_allows();
        continue;
      }
      for (std::size_t b = 0; b <= len; ++b) {
        const auto c = static_cast<unsigned char>(b < len ? n[i][b] : '"');
        word[i][b / 8] |= std::uint64_t{c} << (8 * (b % 8));
        mask[i][b / 8] |= std::uint64_t{0xFF} << (8 * (b % 8));
      }
    }
  }

  // True iff the key whose raw bytes start at `raw` is names[i]. Reads 32
  // bytes from `raw`: a key lies inside the document, which simdjson
  // follows with SIMDJSON_PADDING (64) readable bytes.
  bool is(const char* raw, std::size_t i) const noexcept {
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    std::uint64_t diff = 0;
    for (std::size_t w = 0; w < 4; ++w) {
      std::uint64_t x;
      std::memcpy(&x, raw + 8 * w, 8);
      diff |= (x ^ word[i][w]) & mask[i][w];
    }
    return diff == 0;
#else
    const std::string_view name = names[i];
    return std::memcmp(raw, name.data(), name.size()) == 0 && raw[name.size()] == '"';
#endif
  }
};

// Which key followed which in the last object read with a KeyTable: writers
// of requests keep one order, so the key after `names[i]` is most often the
// one that followed it last time, and one comparison finds it. next[N] is the
// guess for the first key. Kept per parser (not shared between threads).
template <std::size_t N>
struct KeyOrder {
  std::uint8_t next[N + 1] = {};
  constexpr KeyOrder() {
    for (std::size_t i = 0; i < N; ++i) next[i] = static_cast<std::uint8_t>(i + 1 < N ? i + 1 : 0);
    next[N] = 0;
  }
};

// As for_each_field() below, for the request readers: the key is first
// compared with the one `order` predicts (a few word operations, a branch
// that is rarely mispredicted), and looked up by name only when it is not
// that one. The lookup it replaces (finding the closing quote, then
// comparing with the names of that length) was a third of the time spent in
// the consent reader, mostly mispredicted branches on the key's length.
template <std::size_t N, class OnField>
absl::Status for_each_field(od::object obj, Loc loc, const KeyTable<N>& keys,
                            KeyOrder<N>& order, std::uint32_t& seen, OnField&& on_field) {
  static_assert(N <= 32, "seen is a 32-bit mask");
  seen = 0;
  std::size_t prev = N;
  for (auto field_result : obj) {
    if (error_code err = field_result.error()) return json_error(loc, "", err, "an object");
    od::field&& field = std::move(field_result).value_unsafe();
    int i = order.next[prev];
    if (!keys.is(field.key().raw(), static_cast<std::size_t>(i))) {
      if (absl::Status s = find_key(field, loc, keys.names, i); !s.ok()) return s;
      order.next[prev] = static_cast<std::uint8_t>(i);
    }
    const std::uint32_t bit = std::uint32_t{1} << i;
    if ((seen & bit) != 0) return fail(loc, keys.names[i], "duplicate field");
    seen |= bit;
    prev = static_cast<std::size_t>(i);
    if (absl::Status s = on_field(i, field.value()); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Visits every field of `obj`, rejecting unknown and duplicate keys, and
// calls on_field(index into names, value). Returns the bit set of seen keys
// through `seen`.
//
// Hot: this runs ~25 times per request line. The field is used in place
// (error() checked, then value_unsafe()) rather than copied out of its
// simdjson_result with get(): the copy read 16 bytes back over two smaller
// stores just written, a store-forwarding stall on every key that cost
// ~19% of `sendpolicy audit`. Keys are matched raw; only a key with an
// escape is unescaped.
template <std::size_t N, class OnField>
absl::Status for_each_field(od::object obj, Loc loc, const std::string_view (&names)[N],
                            std::uint32_t& seen, OnField&& on_field) {
  static_assert(N <= 32, "seen is a 32-bit mask");
  seen = 0;
  for (auto field_result : obj) {
    if (error_code err = field_result.error()) return json_error(loc, "", err, "an object");
    od::field&& field = std::move(field_result).value_unsafe();
    int i = -1;
    if (absl::Status s = find_key(field, loc, names, i); !s.ok()) return s;
    const std::uint32_t bit = std::uint32_t{1} << i;
    if ((seen & bit) != 0) return fail(loc, names[i], "duplicate field");
    seen |= bit;
    if (absl::Status s = on_field(i, field.value()); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// True (and the value consumed) iff the value is JSON null.
inline absl::Status take_null(od::value& v, Loc loc, std::string_view field, bool& is_null) {
  if (error_code err = v.is_null().get(is_null)) return json_error(loc, field, err, "a value");
  return absl::OkStatus();
}

// dst = text, keeping dst's capacity. clear() + append() rather than
// assign(): libstdc++'s assign goes through _M_replace, which handles
// overlapping sources and cost ~60 instructions per string field here.
inline void assign_text(std::string& dst, std::string_view text) {
  dst.clear();
  dst.append(text.data(), text.size());
}

// The readers below try the expected type first and look for null only when
// that fails: a null check before every value was a measurable part of the
// audit. A typed read that fails with INCORRECT_TYPE has not consumed the
// value (simdjson advances only on success), so asking is_null() then gives
// the same answers, errors included, as asking it first. (get_string() can
// also fail after consuming, on a bad escape; that error is returned as is,
// which is what a null check first would have led to as well.)
inline absl::Status null_or_error(od::value& v, Loc loc, std::string_view field, error_code err,
                                  std::string_view expected, bool& is_null) {
  is_null = false;
  if (err == simdjson::INCORRECT_TYPE) {
    if (absl::Status s = take_null(v, loc, field, is_null); !s.ok()) return s;
    if (is_null) return absl::OkStatus();
  }
  return json_error(loc, field, err, expected);
}

inline absl::Status read_string(od::value& v, Loc loc, std::string_view field, std::string& dst) {
  std::string_view text;
  if (error_code err = v.get_string().get(text)) {
    bool null = false;
    absl::Status s = null_or_error(v, loc, field, err, "a string", null);
    if (null) dst.clear();
    return s;
  }
  assign_text(dst, text);
  return absl::OkStatus();
}

inline absl::Status read_bool(od::value& v, Loc loc, std::string_view field, bool& dst) {
  if (error_code err = v.get_bool().get(dst)) {
    bool null = false;
    absl::Status s = null_or_error(v, loc, field, err, "true or false", null);
    if (null) dst = false;
    return s;
  }
  return absl::OkStatus();
}

// A boolean that must be present: null is an error (policy settings, where
// null would hide a typo'd intent).
inline absl::Status read_required_bool(od::value& v, Loc loc, std::string_view field, bool& dst) {
  bool null = false;
  if (absl::Status s = take_null(v, loc, field, null); !s.ok()) return s;
  if (null) return fail(loc, field, "expected true or false, not null");
  if (error_code err = v.get_bool().get(dst)) return json_error(loc, field, err, "true or false");
  return absl::OkStatus();
}

// A number that is not an int64: say whether it is out of range (1e400,
// 99999999999999999999) or not an integer (1.5), quoting it.
inline absl::Status number_error(od::value& v, Loc loc, std::string_view field, error_code err) {
  std::string_view token;
  if (err == simdjson::INCORRECT_TYPE || err == simdjson::NUMBER_ERROR ||
      err == simdjson::NUMBER_OUT_OF_RANGE) {
    token = v.raw_json_token();
    {
      while (!token.empty() && (token.back() == ' ' || token.back() == '\n' ||
                                token.back() == '\r' || token.back() == '\t')) {
        token.remove_suffix(1);
      }
      const bool numeric = !token.empty() && (token[0] == '-' || (token[0] >= '0' && token[0] <= '9'));
      if (numeric) {
        const std::string text(utf8_prefix(token, 64));
        const double value = std::strtod(text.c_str(), nullptr);
        if (!(value >= -9.2e18 && value <= 9.2e18)) {
          return fail(loc, field, "number " + text + " is out of range (expected an integer)");
        }
        if (err == simdjson::NUMBER_OUT_OF_RANGE) {
          return fail(loc, field, "number " + text + " is out of range (expected an integer)");
        }
        return fail(loc, field, "expected an integer, not " + text);
      }
    }
  }
  return json_error(loc, field, err, "an integer");
}

inline absl::Status read_int(od::value& v, Loc loc, std::string_view field, int& dst) {
  std::int64_t n = 0;
  if (error_code err = v.get_int64().get(n)) {
    // get_int64() consumes nothing when it fails, whatever the error.
    bool null = false;
    if (absl::Status s = take_null(v, loc, field, null); !s.ok()) return s;
    if (null) {
      dst = 0;
      return absl::OkStatus();
    }
    return number_error(v, loc, field, err);
  }
  if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) {
    return fail(loc, field, "is out of range");
  }
  dst = static_cast<int>(n);
  return absl::OkStatus();
}

inline absl::Status read_time(od::value& v, Loc loc, std::string_view field,
                       std::optional<Timestamp>& dst) {
  dst.reset();
  std::string_view text;
  if (error_code err = v.get_string().get(text)) {
    bool null = false;
    return null_or_error(v, loc, field, err, "an RFC 3339 date-time string", null);
  }
  Timestamp t;
  if (!parse_timestamp_into(text, t)) {
    return fail(loc, field,
                "is not an RFC 3339 date-time like 2026-03-02T12:00:00Z: " + quote_user(text));
  }
  dst = t;
  return absl::OkStatus();
}

template <class E>
std::string expected_names() {
  std::string s;
  for (std::string_view name : EnumTraits<E>::kNames) {
    if (!s.empty()) s += ", ";
    s += name;
  }
  return s;
}

// E's wire names as a KeyTable, for matching a string value's raw bytes.
template <class E>
inline constexpr KeyTable<EnumTraits<E>::kCount> kEnumNames{EnumTraits<E>::kNames};

// The common case of read_enum(): the value is a string whose raw bytes are
// one of E's names (no escape). Then it is consumed without unescaping it
// into the parser's string buffer, and matched with a few word operations
// per name rather than a memcmp call each. False (nothing consumed) for
// anything else, which read_enum() reads the general way.
template <class E>
bool take_enum_name(od::value& v, E& dst) noexcept {
  const std::string_view token = v.raw_json_token();
  if (token.empty() || token.front() != '"') return false;
  for (std::size_t i = 0; i < EnumTraits<E>::kCount; ++i) {
    if (kEnumNames<E>.is(token.data() + 1, i)) {
      od::raw_json_string raw;
      if (v.get_raw_json_string().get(raw)) return false;  // not reached: a string
      dst = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

// Reads an enum by wire name. `null` leaves `present` false.
template <class E>
absl::Status read_enum(od::value& v, Loc loc, std::string_view field, E& dst, bool& present) {
  if (take_enum_name(v, dst)) {
    present = true;
    return absl::OkStatus();
  }
  std::string_view text;
  if (error_code err = v.get_string().get(text)) {
    bool null = false;
    absl::Status s =
        null_or_error(v, loc, field, err, "a string, one of " + expected_names<E>(), null);
    present = !null;  // as before: true after an error other than null
    return s;
  }
  present = true;
  const std::optional<E> value = parse_enum<E>(text);
  if (!value) {
    return fail(loc, field,
                "unknown value " + quote_user(text) + " (expected one of " + expected_names<E>() + ")");
  }
  dst = *value;
  return absl::OkStatus();
}

template <class E>
absl::Status read_enum(od::value& v, Loc loc, std::string_view field, E& dst) {
  bool present = false;
  return read_enum(v, loc, field, dst, present);
}

template <class E>
absl::Status read_enum(od::value& v, Loc loc, std::string_view field, std::optional<E>& dst) {
  E value{};
  bool present = false;
  if (absl::Status s = read_enum(v, loc, field, value, present); !s.ok()) return s;
  if (present) {
    dst = value;
  } else {
    dst.reset();
  }
  return absl::OkStatus();
}

// Reads an object, or reports `null` through `is_null`.
inline absl::Status read_object(od::value& v, Loc loc, std::string_view field, od::object& obj,
                         bool& is_null) {
  is_null = false;
  if (error_code err = v.get_object().get(obj)) {
    return null_or_error(v, loc, field, err, "an object", is_null);
  }
  return absl::OkStatus();
}

constexpr bool has(std::uint32_t seen, int field) noexcept {
  return (seen & (std::uint32_t{1} << field)) != 0;
}

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_SRC_ONDEMAND_READ_H_
