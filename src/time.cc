// RFC 3339 parsing and formatting without streams or allocation: audit runs
// parse several timestamps per request, millions of requests per second.
#include "sendpolicy/time.h"

#include <cstdint>
#include <cstring>

#include <date/date.h>

#include "time_parse.h"

namespace sendpolicy {
namespace {

// Reads exactly `n` digits at `pos`; false if any is not a digit.
bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) noexcept {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

constexpr bool leap_year(unsigned y) noexcept {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

// v / 100 for v <= 9999 as a multiply and a shift. GCC emitted real `div`
// instructions for the constant divisions of days_from_civil() on the fast
// path below (it laid that block out as cold), ~25 cycles each, several
// per audit line; written out, the path has no division at all.
constexpr unsigned div100(unsigned v) noexcept { return (v * 5243U) >> 19; }

constexpr bool div100_exact_to(unsigned last) noexcept {
  for (unsigned v = 0; v <= last; ++v) {
    if (div100(v) != v / 100) return false;
  }
  return true;
}
static_assert(div100_exact_to(9999), "div100 is exact for every four-digit year");

// Days since 1970-01-01 of a valid date in years 1..9999, without division:
// whole years before y (with their leap days), the days before month m, and
// the leap day when m is past February of a leap year.
constexpr unsigned short kDaysBefore[13] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

constexpr std::int64_t days_from_civil_4digit(unsigned y, unsigned m, unsigned d) noexcept {
  const unsigned before = y - 1;
  const unsigned centuries = div100(before);
  const unsigned leap_days = (before >> 2) - centuries + (centuries >> 2);
  const unsigned y_centuries = div100(y);
  const bool leap = (y & 3U) == 0 && (y != y_centuries * 100 || (y_centuries & 3U) == 0);
  const unsigned day_of_year = kDaysBefore[m] + (m > 2 && leap ? 1U : 0U) + d - 1;
  return std::int64_t{before} * 365 + leap_days + day_of_year - 719162;
}
static_assert(days_from_civil_4digit(1970, 1, 1) == 0, "epoch");
static_assert(days_from_civil_4digit(2000, 3, 1) == 11017, "after a century leap day");
static_assert(days_from_civil_4digit(1900, 3, 1) == -25508, "after a century without one");
static_assert(days_from_civil_4digit(1, 1, 1) == -719162, "0001-01-01");
static_assert(days_from_civil_4digit(9999, 12, 31) == 2932896, "9999-12-31");
// tests/time_test.cc checks every date of years 1..9999 against the date library.

enum class Fast { kNotThisForm, kInvalid, kOk };

// The form nearly every wire time has, "YYYY-MM-DDTHH:MM:SSZ", decided
// without the general parser's per-field checks and the date library's
// conversions. kNotThisForm sends the text to the general parser; kInvalid
// is a text of this form that the general parser would reject too.
// Eight characters as one little-endian number: character i in byte i.
constexpr std::uint64_t le_word(const char* p) noexcept {
  std::uint64_t w = 0;
  for (int i = 0; i < 8; ++i) {
    w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  return w;
}

// le_word() as one load (GCC does not merge the byte loop into one).
std::uint64_t load_le_word(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  w = __builtin_bswap64(w);
#endif
  return w;
}

// `w` XOR the pattern's word, where the pattern has '0' for a digit and the
// character itself elsewhere, into `digits`; false if a character does not fit.
// A digit becomes its value (0..9) and every other character must become 0:
// one test for all eight characters instead of a compare and a branch each.
constexpr bool fits(std::uint64_t w, const char (&pattern)[9], std::uint64_t& digits) noexcept {
  std::uint64_t digit_bytes = 0;
  for (int i = 0; i < 8; ++i) {
    if (pattern[i] == '0') digit_bytes |= std::uint64_t{0xFF} << (8 * i);
  }
  const std::uint64_t t = w ^ le_word(pattern);
  if ((t & ~digit_bytes) != 0) return false;
  // A byte above 9 gets its top bit set by adding 0x76; a byte with its top
  // bit already set is caught by `| t` (no byte below 0x80 carries).
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  if ((((t + 0x7676767676767676ULL) | t) & kHigh & digit_bytes) != 0) return false;
  digits = t;
  return true;
}
constexpr bool fits_text(const char* text, const char (&pattern)[9]) noexcept {
  std::uint64_t digits = 0;
  return fits(le_word(text), pattern, digits);
}
static_assert(fits_text("2026-03-", "0000-00-"), "digits and separators");
static_assert(!fits_text("2026/03-", "0000-00-"), "a wrong separator");
static_assert(!fits_text("2026,03-", "0000-00-"), "a separator one below");
static_assert(!fits_text("202:-03-", "0000-00-"), "the character after '9'");
static_assert(!fits_text("202/-03-", "0000-00-"), "the character before '0'");
static_assert(!fits_text("2026-0\xB3-", "0000-00-"), "a byte with its top bit set");
static_assert(!fits_text("2026-0\x03-", "0000-00-"), "a control byte");

constexpr unsigned byte_at(std::uint64_t w, int i) noexcept {
  return static_cast<unsigned>((w >> (8 * i)) & 0xFF);
}

// The form nearly every wire time has, "YYYY-MM-DDTHH:MM:SSZ", decided
// without the general parser's per-field checks and the date library's
// conversions. kNotThisForm sends the text to the general parser; kInvalid
// is a text of this form that the general parser would reject too.
Fast parse_utc_seconds(std::string_view s, Timestamp& out) noexcept {
  if (s.size() != 20) return Fast::kNotThisForm;
  // Three words, the last overlapping the second: "YYYY-MM-", "DDTHH:MM"
  // and "H:MM:SSZ". A compare and a branch per character kept six
  // registers saved and spilled; the whole check is now three tests.
  std::uint64_t a = 0, b = 0, c = 0;
  if (!fits(load_le_word(s.data()), "0000-00-", a) ||
      !fits(load_le_word(s.data() + 8), "00T00:00", b) ||
      !fits(load_le_word(s.data() + 12), "0:00:00Z", c)) {
    return Fast::kNotThisForm;
  }
  // Byte i of pairs(w) is the two-digit number at characters i and i + 1
  // (at most 99: no byte carries into the next).
  const auto pairs = [](std::uint64_t w) { return w * 10 + (w >> 8); };
  const std::uint64_t pa = pairs(a), pb = pairs(b), pc = pairs(c);
  const unsigned y = byte_at(pa, 0) * 100 + byte_at(pa, 2);
  const unsigned mo = byte_at(pa, 5), d = byte_at(pb, 0);
  const unsigned h = byte_at(pb, 3), mi = byte_at(pb, 6), sec = byte_at(pc, 5);
  static constexpr unsigned char kMonthDays[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return Fast::kInvalid;
  if (d > kMonthDays[mo] && !(mo == 2 && d == 29 && leap_year(y))) return Fast::kInvalid;
  out = Timestamp{Duration{days_from_civil_4digit(y, mo, d) * 86400 + static_cast<long long>(h) * 3600 +
                           static_cast<long long>(mi) * 60 + sec}};
  return Fast::kOk;
}

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view s) noexcept {
  Timestamp t;
  if (!parse_timestamp_into(s, t)) return std::nullopt;
  return t;
}

namespace {

// Every form RFC 3339 allows. Kept out of line: inlined into
// parse_timestamp_into() it made the fast path save and restore six
// registers on every call.
[[gnu::noinline]] bool parse_general(std::string_view s, Timestamp& out) noexcept {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
  int y, mo, d, h, mi, sec;
  if (!read_digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' ||
      !read_digits(s, 5, 2, mo) || s[7] != '-' || !read_digits(s, 8, 2, d) ||
      (s[10] != 'T' && s[10] != 't') || !read_digits(s, 11, 2, h) || s[13] != ':' ||
      !read_digits(s, 14, 2, mi) || s[16] != ':' || !read_digits(s, 17, 2, sec)) {
    return false;
  }
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return false;
  }
  if (pos >= s.size()) return false;
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!read_digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !read_digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return false;
    }
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return false;
  }
  if (pos != s.size()) return false;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) {
    return false;
  }
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return false;  // 2026-02-30
  const Timestamp local = date::sys_days{ymd} + std::chrono::hours{h} +
                          std::chrono::minutes{mi} + std::chrono::seconds{sec};
  out = local - std::chrono::minutes{offset_minutes};
  return true;
}

}  // namespace

bool parse_timestamp_into(std::string_view s, Timestamp& out) noexcept {
  switch (parse_utc_seconds(s, out)) {
    case Fast::kOk: return true;
    case Fast::kInvalid: return false;
    case Fast::kNotThisForm: break;
  }
  return parse_general(s, out);
}

namespace {

// The inverse of days_from_civil_4digit() for years 1..9999: C. Neri and
// L. Schneider's Euclidean affine algorithm ("Euclidean affine functions and
// their application to calendar algorithms", 2022), in 32 bits: one
// division by a constant (a multiply), the rest multiplies and shifts. The
// writer formats one to three times per audit line; H. Hinnant's
// civil_from_days took twice the instructions.
void civil_from_days(std::int64_t days, unsigned& y, unsigned& m, unsigned& d) noexcept {
  // Shifted by 82 eras of 400 years so that every day of 0001..9999 is
  // positive; 4 * n + 3 stays below 2^32.
  constexpr std::uint32_t kEras = 82;
  const auto n = static_cast<std::uint32_t>(days + 719468 + 146097 * std::int64_t{kEras});
  const std::uint32_t n1 = 4 * n + 3;
  const std::uint32_t century = n1 / 146097;
  const std::uint32_t n2 = (n1 % 146097) | 3U;  // 4 * (day of century) + 3
  const std::uint64_t p2 = std::uint64_t{2939745} * n2;
  const auto year_of_century = static_cast<std::uint32_t>(p2 >> 32);
  const std::uint32_t day_of_year = static_cast<std::uint32_t>(p2) / 11758980;  // from March 1
  const std::uint32_t n3 = 2141 * day_of_year + 197913;
  const std::uint32_t month = n3 >> 16;  // 3..14
  const bool next_year = day_of_year >= 306;  // January or February
  d = (n3 & 0xFFFFU) / 2141 + 1;
  m = next_year ? month - 12 : month;
  y = 100 * century + year_of_century + (next_year ? 1 : 0) - 400 * kEras;
}

// "00".."99": one 2-byte copy per field instead of a divide-by-10 and two
// 1-byte stores.
constexpr char kPairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

void put2(char* at, unsigned v) noexcept { std::memcpy(at, kPairs + std::size_t{2} * v, 2); }

}  // namespace

std::string_view format_timestamp(Timestamp t, char (&out)[20]) noexcept {
  // 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z: the fast path. Outside,
  // the date library's conversion and the year clamping below.
  const std::int64_t s = t.time_since_epoch().count();
  if (s >= -62135596800 && s <= 253402300799) {
    // Counted from 0001-01-01 the seconds are never negative: an unsigned
    // division, without the sign fix-up.
    const auto since_year_1 = static_cast<std::uint64_t>(s + 62135596800);
    const auto days = static_cast<std::int64_t>(since_year_1 / 86400) - 719162;
    const auto sec = static_cast<unsigned>(since_year_1 % 86400);
    unsigned y = 0, mo = 0, d = 0;
    civil_from_days(days, y, mo, d);
    put2(out, y / 100);
    put2(out + 2, y % 100);
    out[4] = '-';
    put2(out + 5, mo);
    out[7] = '-';
    put2(out + 8, d);
    out[10] = 'T';
    put2(out + 11, sec / 3600);
    out[13] = ':';
    put2(out + 14, sec / 60 % 60);
    out[16] = ':';
    put2(out + 17, sec % 60);
    out[19] = 'Z';
    return std::string_view(out, 20);
  }
  const date::sys_days day = date::floor<date::days>(t);
  date::year_month_day ymd{day};
  auto tod = t - day;  // seconds into the day, 0..86399
  int y = static_cast<int>(ymd.year());
  if (y < 0) y = 0;
  if (y > 9999) y = 9999;
  const unsigned mo = static_cast<unsigned>(ymd.month());
  const unsigned d = static_cast<unsigned>(ymd.day());
  const long secs = static_cast<long>(tod.count());
  const int hh = static_cast<int>(secs / 3600), mm = static_cast<int>(secs / 60 % 60),
            ss = static_cast<int>(secs % 60);
  auto put2 = [&](int at, int v) {
    out[at] = static_cast<char>('0' + v / 10);
    out[at + 1] = static_cast<char>('0' + v % 10);
  };
  put2(0, y / 100);
  put2(2, y % 100);
  out[4] = '-';
  put2(5, static_cast<int>(mo));
  out[7] = '-';
  put2(8, static_cast<int>(d));
  out[10] = 'T';
  put2(11, hh);
  out[13] = ':';
  put2(14, mm);
  out[16] = ':';
  put2(17, ss);
  out[19] = 'Z';
  return std::string_view(out, 20);
}

std::string format_timestamp(Timestamp t) {
  char buf[20];
  return std::string(format_timestamp(t, buf));
}

}  // namespace sendpolicy
