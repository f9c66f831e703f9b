// calling_code_country() against Google's libphonenumber (Debian's
// libphonenumber-dev), the well-kept source the table was generated from.
// Built only when CMake finds the library (scripts/install-deps installs
// it). Each calling code's main region, the shared-code ranges, and every
// NANP area code the table names must agree with it, except the overlays
// opened after its metadata (2022), which the table knows and it does not.
#include <list>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "sendpolicy/phone.h"

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

const PhoneNumberUtil& util() { return *PhoneNumberUtil::GetInstance(); }

// libphonenumber's region for an E.164 number, "" if it finds none.
std::string oracle(const std::string& e164) {
  PhoneNumber n;
  if (util().Parse(e164, "ZZ", &n) != PhoneNumberUtil::NO_PARSING_ERROR) return "";
  std::string region;
  util().GetRegionCodeForNumber(n, &region);
  return region == "ZZ" ? "" : region;
}

}  // namespace

TEST_CASE("every geographic calling code maps to libphonenumber's main region", "[phone]") {
  std::set<int> codes;
  util().GetSupportedCallingCodes(&codes);
  REQUIRE(codes.size() > 200);
  for (int code : codes) {
    std::string main;
    util().GetRegionCodeForCountryCode(code, &main);
    if (main == "001" || main == "ZZ") continue;  // non-geographic (+800, +882, ...)
    PhoneNumber example;
    if (!util().GetExampleNumber(main, &example)) continue;
    std::string e164;
    util().Format(example, PhoneNumberUtil::E164, &e164);
    CAPTURE(code, main, e164);
    // sendpolicy takes 8 to 15 digits (phone.h); shorter plans (Niue,
    // Tokelau: 7 digits with the code) are not E.164 numbers to it.
    if (!sendpolicy::is_e164(e164)) continue;
    CHECK(std::string(sendpolicy::calling_code_country(e164)) == oracle(e164));
  }
}

TEST_CASE("shared calling codes split by number range as libphonenumber does", "[phone]") {
  // One real-format number per range of the table (and of the main region).
  const char* numbers[] = {
      "+74951234567",  "+77011234567",  "+77172123456", "+390669812345", "+390612345678",
      "+441481712345", "+447781123456", "+441534712345", "+447797712345", "+441624712345",
      "+447624123456", "+447700312345", "+447700123456", "+447509123456", "+447839123456",
      "+447911123456", "+447524123456", "+447457612345", "+442071234567", "+4779123456",  "+4722123456",   "+212528812345",
      "+212522123456", "+262269601234", "+262639012345", "+262262161234", "+29081234",
      "+29022158",      "+358181234567", "+358912345678",
  };
  for (const char* number : numbers) {
    CAPTURE(number);
    CHECK(std::string(sendpolicy::calling_code_country(number)) == oracle(number));
  }
}

TEST_CASE("NANP area codes: the table agrees with libphonenumber except newer overlays",
          "[phone]") {
  // Canadian overlays opened after libphonenumber 8.12.57's metadata (2022):
  // the table is right and the library does not know them yet.
  const std::set<int> newer = {257, 263, 354, 368, 382, 428, 468, 474, 584, 683, 742, 753, 879, 942};
  int compared = 0;
  for (int area = 200; area <= 999; ++area) {
    const std::string number = "+1" + std::to_string(area) + "2345678";
    const std::string theirs = oracle(number);
    const std::string ours(sendpolicy::calling_code_country(number));
    CAPTURE(number, theirs, ours);
    if (newer.count(area) != 0) {
      CHECK(ours == "CA");
      continue;
    }
    if (theirs.empty()) continue;  // unassigned, or no valid number at 234-5678
    ++compared;
    CHECK(ours == theirs);
  }
  CHECK(compared > 300);
}
