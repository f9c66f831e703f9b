// sendpolicy/phone.h
//
// Phone numbers in E.164 form: a '+' followed by 8 to 15 digits, the first of
// which is not 0 (ITU-T E.164 country codes never start with 0). sendpolicy
// compares numbers as strings, so callers must normalise before asking;
// "+39 347 123" is rejected, not repaired, because a guessed number is a
// consent given by someone else.
#ifndef SENDPOLICY_PHONE_H_
#define SENDPOLICY_PHONE_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sendpolicy {

namespace internal {

// True iff the 8 to 15 bytes at `p` are all ASCII digits, as two
// overlapping 8-byte words: a byte XOR '0' is 0..9 exactly for a digit,
// and adding 0x76 sets the top bit of any byte above 9 (a byte with the top
// bit already set is caught by `| t`; no byte below 0x80 carries). The
// audit checks every number several times per line; the byte loop was a
// compare and a branch per digit.
inline bool all_digits_8_to_15(const char* p, std::size_t n) noexcept {
  const auto digits8 = [](const char* at) {
    std::uint64_t w;
    std::memcpy(&w, at, sizeof w);
    const std::uint64_t t = w ^ 0x3030303030303030ULL;
    return (((t + 0x7676767676767676ULL) | t) & 0x8080808080808080ULL) == 0;
  };
  return digits8(p) && digits8(p + n - 8);
}

}  // namespace internal

// True iff `number` is '+' then 8..15 ASCII digits, the first non-zero.
constexpr bool is_e164(std::string_view number) noexcept {
  if (number.size() < 9 || number.size() > 16 || number[0] != '+') return false;
  if (number[1] == '0') return false;
#if defined(__GNUC__)  // GCC and Clang: the word-wise check outside constant evaluation
  if (!__builtin_is_constant_evaluated()) {
    return internal::all_digits_8_to_15(number.data() + 1, number.size() - 1);
  }
#endif
  for (std::size_t i = 1; i < number.size(); ++i) {
    if (number[i] < '0' || number[i] > '9') return false;
  }
  return true;
}

// North American Numbering Plan (+1) geography, by area code. Used by the US
// marketing pause, which Meta applies to "+1 and a US area code", so Canada
// and the Caribbean NANP countries are not caught.
enum class NanpRegion : unsigned char {
  kNotNanp,         // not a +1 number
  kUnitedStates,    // the 50 states, DC and the US territories other than PR
  kCanada,
  kOtherNanp,       // Caribbean NANP countries and Puerto Rico (own market)
};

// Classifies an E.164 number; `kNotNanp` for anything that is not +1.
// Unknown +1 area codes count as the United States: the pause is a block, so
// the unknown case fails closed.
NanpRegion nanp_region(std::string_view e164) noexcept;

// The ISO 3166-1 alpha-2 country an E.164 number belongs to by its calling
// code ("+39..." -> "IT"), with +1 split by area code (US, Canada and each
// Caribbean NANP member and US territory) and the shared codes split by
// number range (+7 6/7 -> "KZ", +44 1534 -> "JE", ...). Empty for numbers
// that are not E.164 and for non-geographic codes (+800, +882, ...). The
// returned view points to static storage. evaluate() uses it for a
// recipient without `country` or `region` (docs/packs.md).
std::string_view calling_code_country(std::string_view e164) noexcept;

}  // namespace sendpolicy

#endif  // SENDPOLICY_PHONE_H_
