#include "test_support.h"

using namespace sendpolicy;

TEST_CASE("is_e164", "[phone]") {
  auto [number, valid] = GENERATE(table<const char*, bool>({
      {"+393471234567", true},
      {"+12125550123", true},
      {"+12345678", true},              // 8 digits
      {"+123456789012345", true},       // 15 digits
      {"+1234567", false},              // 7 digits
      {"+1234567890123456", false},     // 16 digits
      {"393471234567", false},          // no +
      {"+39 347 1234567", false},
      {"+39347123456a", false},
      {"+0393471234567", false},
      {"", false},
      {"+", false},
  }));
  CAPTURE(number);
  CHECK(is_e164(number) == valid);
}

TEST_CASE("is_e164: every byte at every position of every length", "[phone]") {
  // The run-time check reads the digits as two overlapping 8-byte words;
  // each position must still reject every non-digit byte (control bytes,
  // bytes >= 0x80, the neighbours '/' and ':'), and the first digit a '0'.
  int mismatches = 0;
  for (std::size_t digits = 8; digits <= 15; ++digits) {
    for (std::size_t i = 1; i <= digits; ++i) {
      for (int b = 0; b < 256; ++b) {
        std::string number = "+" + std::string(digits, '1');
        const char c = static_cast<char>(b);
        number[i] = c;
        const bool expected = c >= '0' && c <= '9' && !(i == 1 && c == '0');
        if (is_e164(number) != expected) {
          ++mismatches;
          UNSCOPED_INFO(digits << " digits, position " << i << ", byte " << b);
        }
      }
    }
  }
  CHECK(mismatches == 0);
  static_assert(is_e164("+393471234567") && !is_e164("+39347123456a"), "constant evaluation");
}

TEST_CASE("nanp_region by area code", "[phone]") {
  auto [number, region] = GENERATE(table<const char*, NanpRegion>({
      {"+12125550123", NanpRegion::kUnitedStates},
      {"+14155550123", NanpRegion::kUnitedStates},
      {"+14165550123", NanpRegion::kCanada},
      {"+15145550123", NanpRegion::kCanada},
      {"+18765550123", NanpRegion::kOtherNanp},
      {"+12425550123", NanpRegion::kOtherNanp},
      {"+17875550123", NanpRegion::kOtherNanp},
      // The edges of the area-code table (src/phone.cc, from NANPA and CNA):
      // Canada's lowest (204) and highest (942) codes and their US
      // neighbours, the lowest (242) and highest (939) other NANP codes.
      {"+12035550123", NanpRegion::kUnitedStates},
      {"+12045550123", NanpRegion::kCanada},
      {"+12055550123", NanpRegion::kUnitedStates},
      {"+12425550123", NanpRegion::kOtherNanp},
      {"+19395550123", NanpRegion::kOtherNanp},
      {"+19415550123", NanpRegion::kUnitedStates},
      {"+19425550123", NanpRegion::kCanada},
      {"+19435550123", NanpRegion::kUnitedStates},
      {"+19995550123", NanpRegion::kUnitedStates},
      {"+10005550123", NanpRegion::kUnitedStates},  // no such area code: the US (fails closed)
      {"+393471234567", NanpRegion::kNotNanp},
      {"+1212555012", NanpRegion::kNotNanp},  // too short for NANP
  }));
  CAPTURE(number);
  CHECK(nanp_region(number) == region);
}
