// The country of an E.164 number, for a recipient whose `country` is absent
// (docs/packs.md, "Which packs apply"). A table rather than a library call:
// evaluate() needs the answer and must stay allocation-free, pure and usable
// without the wire codec, and Google's libphonenumber (Debian's
// libphonenumber-dev) allocates, parses regexes and carries metadata frozen
// in 2022, older than several NANP overlays listed below. The table was
// generated from libphonenumber 8.12.57 (each calling code's main region) and
// tests/phone_country_oracle_test.cc checks it against that library on every
// build that has it; the NANP area codes are kept by hand from the NANPA and
// CNA assignments, including the overlays that libphonenumber's metadata
// predates.
#include <cstddef>
#include <iterator>

#include "sendpolicy/phone.h"

namespace sendpolicy {
namespace {

struct CallingCode {
  std::string_view code;     // ITU-T E.164 country calling code
  std::string_view country;  // ISO 3166-1 alpha-2 of its main region
};

// Every geographic calling code (non-geographic ones such as +800 and +882
// have no country), sorted by code as a string. Calling codes are prefix-free,
// so at most one of a number's first one, two or three digits matches.
constexpr CallingCode kCallingCodes[] = {
    {"1", "US"}, {"20", "EG"}, {"211", "SS"}, {"212", "MA"}, {"213", "DZ"}, {"216", "TN"},
    {"218", "LY"}, {"220", "GM"}, {"221", "SN"}, {"222", "MR"}, {"223", "ML"}, {"224", "GN"},
    {"225", "CI"}, {"226", "BF"}, {"227", "NE"}, {"228", "TG"}, {"229", "BJ"}, {"230", "MU"},
    {"231", "LR"}, {"232", "SL"}, {"233", "GH"}, {"234", "NG"}, {"235", "TD"}, {"236", "CF"},
    {"237", "CM"}, {"238", "CV"}, {"239", "ST"}, {"240", "GQ"}, {"241", "GA"}, {"242", "CG"},
    {"243", "CD"}, {"244", "AO"}, {"245", "GW"}, {"246", "IO"}, {"247", "AC"}, {"248", "SC"},
    {"249", "SD"}, {"250", "RW"}, {"251", "ET"}, {"252", "SO"}, {"253", "DJ"}, {"254", "KE"},
    {"255", "TZ"}, {"256", "UG"}, {"257", "BI"}, {"258", "MZ"}, {"260", "ZM"}, {"261", "MG"},
    {"262", "RE"}, {"263", "ZW"}, {"264", "NA"}, {"265", "MW"}, {"266", "LS"}, {"267", "BW"},
    {"268", "SZ"}, {"269", "KM"}, {"27", "ZA"}, {"290", "SH"}, {"291", "ER"}, {"297", "AW"},
    {"298", "FO"}, {"299", "GL"}, {"30", "GR"}, {"31", "NL"}, {"32", "BE"}, {"33", "FR"},
    {"34", "ES"}, {"350", "GI"}, {"351", "PT"}, {"352", "LU"}, {"353", "IE"}, {"354", "IS"},
    {"355", "AL"}, {"356", "MT"}, {"357", "CY"}, {"358", "FI"}, {"359", "BG"}, {"36", "HU"},
    {"370", "LT"}, {"371", "LV"}, {"372", "EE"}, {"373", "MD"}, {"374", "AM"}, {"375", "BY"},
    {"376", "AD"}, {"377", "MC"}, {"378", "SM"}, {"380", "UA"}, {"381", "RS"}, {"382", "ME"},
    {"383", "XK"}, {"385", "HR"}, {"386", "SI"}, {"387", "BA"}, {"389", "MK"}, {"39", "IT"},
    {"40", "RO"}, {"41", "CH"}, {"420", "CZ"}, {"421", "SK"}, {"423", "LI"}, {"43", "AT"},
    {"44", "GB"}, {"45", "DK"}, {"46", "SE"}, {"47", "NO"}, {"48", "PL"}, {"49", "DE"},
    {"500", "FK"}, {"501", "BZ"}, {"502", "GT"}, {"503", "SV"}, {"504", "HN"}, {"505", "NI"},
    {"506", "CR"}, {"507", "PA"}, {"508", "PM"}, {"509", "HT"}, {"51", "PE"}, {"52", "MX"},
    {"53", "CU"}, {"54", "AR"}, {"55", "BR"}, {"56", "CL"}, {"57", "CO"}, {"58", "VE"},
    {"590", "GP"}, {"591", "BO"}, {"592", "GY"}, {"593", "EC"}, {"594", "GF"}, {"595", "PY"},
    {"596", "MQ"}, {"597", "SR"}, {"598", "UY"}, {"599", "CW"}, {"60", "MY"}, {"61", "AU"},
    {"62", "ID"}, {"63", "PH"}, {"64", "NZ"}, {"65", "SG"}, {"66", "TH"}, {"670", "TL"},
    {"672", "NF"}, {"673", "BN"}, {"674", "NR"}, {"675", "PG"}, {"676", "TO"}, {"677", "SB"},
    {"678", "VU"}, {"679", "FJ"}, {"680", "PW"}, {"681", "WF"}, {"682", "CK"}, {"683", "NU"},
    {"685", "WS"}, {"686", "KI"}, {"687", "NC"}, {"688", "TV"}, {"689", "PF"}, {"690", "TK"},
    {"691", "FM"}, {"692", "MH"}, {"7", "RU"}, {"81", "JP"}, {"82", "KR"}, {"84", "VN"},
    {"850", "KP"}, {"852", "HK"}, {"853", "MO"}, {"855", "KH"}, {"856", "LA"}, {"86", "CN"},
    {"880", "BD"}, {"886", "TW"}, {"90", "TR"}, {"91", "IN"}, {"92", "PK"}, {"93", "AF"},
    {"94", "LK"}, {"95", "MM"}, {"960", "MV"}, {"961", "LB"}, {"962", "JO"}, {"963", "SY"},
    {"964", "IQ"}, {"965", "KW"}, {"966", "SA"}, {"967", "YE"}, {"968", "OM"}, {"970", "PS"},
    {"971", "AE"}, {"972", "IL"}, {"973", "BH"}, {"974", "QA"}, {"975", "BT"}, {"976", "MN"},
    {"977", "NP"}, {"98", "IR"}, {"992", "TJ"}, {"993", "TM"}, {"994", "AZ"}, {"995", "GE"},
    {"996", "KG"}, {"998", "UZ"},
};

// Codes shared by several countries: the number range (national significant
// number prefix, after the calling code) that belongs to a country other
// than the code's main one. Longest prefixes are not needed: no two rows of
// one code overlap.
struct SharedRange {
  std::string_view code;
  std::string_view prefix;
  std::string_view country;
};
constexpr SharedRange kSharedRanges[] = {
    {"7", "6", "KZ"},  {"7", "7", "KZ"},          // Kazakhstan: +7 6xx and 7xx
    {"39", "06698", "VA"},                           // Vatican City
    {"44", "1481", "GG"}, {"44", "7781", "GG"}, {"44", "7839", "GG"}, {"44", "7911", "GG"},
    {"44", "1534", "JE"}, {"44", "7509", "JE"}, {"44", "77003", "JE"}, {"44", "77007", "JE"},
    {"44", "77008", "JE"}, {"44", "77977", "JE"}, {"44", "77978", "JE"}, {"44", "77979", "JE"},
    {"44", "7829", "JE"}, {"44", "7937", "JE"},
    {"44", "1624", "IM"}, {"44", "74576", "IM"}, {"44", "7524", "IM"}, {"44", "7624", "IM"},
    {"47", "79", "SJ"},                              // Svalbard and Jan Mayen
    {"212", "5288", "EH"}, {"212", "5289", "EH"},  // Western Sahara
    {"262", "269", "YT"}, {"262", "639", "YT"},    // Mayotte
    {"290", "8", "TA"},                              // Tristan da Cunha
    {"358", "18", "AX"},                             // Åland
};

// +1: the country by area code. Area codes not listed are the United
// States' (most of the 400-odd, and any new US overlay). Canada's list
// includes the overlays opened after libphonenumber's 2022 metadata
// (257, 263, 354, 368, 382, 428, 468, 474, 584, 683, 742, 753, 879, 942).
struct AreaCode {
  short area;
  std::string_view country;
};
constexpr AreaCode kNanpCountries[] = {
    {204, "CA"}, {226, "CA"}, {236, "CA"}, {242, "BS"}, {246, "BB"}, {249, "CA"}, {250, "CA"},
    {257, "CA"}, {263, "CA"}, {264, "AI"}, {268, "AG"}, {284, "VG"}, {289, "CA"}, {306, "CA"},
    {340, "VI"}, {343, "CA"}, {345, "KY"}, {354, "CA"}, {365, "CA"}, {367, "CA"}, {368, "CA"},
    {382, "CA"}, {403, "CA"}, {416, "CA"}, {418, "CA"}, {428, "CA"}, {431, "CA"}, {437, "CA"},
    {438, "CA"}, {441, "BM"}, {450, "CA"}, {468, "CA"}, {473, "GD"}, {474, "CA"}, {506, "CA"},
    {514, "CA"}, {519, "CA"}, {548, "CA"}, {579, "CA"}, {581, "CA"}, {584, "CA"}, {587, "CA"},
    {600, "CA"}, {604, "CA"}, {613, "CA"}, {622, "CA"}, {639, "CA"}, {647, "CA"}, {649, "TC"}, {658, "JM"},
    {664, "MS"}, {670, "MP"}, {671, "GU"}, {672, "CA"}, {683, "CA"}, {684, "AS"}, {705, "CA"},
    {709, "CA"}, {721, "SX"}, {742, "CA"}, {753, "CA"}, {758, "LC"}, {767, "DM"}, {778, "CA"},
    {780, "CA"}, {782, "CA"}, {784, "VC"}, {787, "PR"}, {807, "CA"}, {809, "DO"}, {819, "CA"},
    {825, "CA"}, {829, "DO"}, {849, "DO"}, {867, "CA"}, {868, "TT"}, {869, "KN"}, {873, "CA"},
    {876, "JM"}, {879, "CA"}, {902, "CA"}, {905, "CA"}, {939, "PR"}, {942, "CA"},
};

constexpr bool sorted_codes() {
  for (std::size_t i = 1; i < std::size(kCallingCodes); ++i) {
    if (!(kCallingCodes[i - 1].code < kCallingCodes[i].code)) return false;
  }
  for (std::size_t i = 1; i < std::size(kNanpCountries); ++i) {
    if (!(kNanpCountries[i - 1].area < kNanpCountries[i].area)) return false;
  }
  return true;
}

// A calling code's digits read as a number (no code starts with 0, so "7",
// "20" and "211" cannot collide).
constexpr int code_number(std::string_view code) {
  int n = 0;
  for (char c : code) n = n * 10 + (c - '0');
  return n;
}

// The look-up table evaluate() uses: for each 1-3 digit number, 1 + its
// index in kCallingCodes, or 0 if it is no calling code, and whether some
// range of it belongs to another country (kSharedRanges). A direct index
// instead of a binary search over strings: the search's string compares
// were ~10% of `sendpolicy audit` on a stream of Italian numbers.
struct CodeTable {
  unsigned char index[1000] = {};
  // Rows of kSharedRanges for this code: [shared_first, shared_end).
  unsigned char shared_first[1000] = {};
  unsigned char shared_end[1000] = {};
  constexpr CodeTable() {
    for (std::size_t i = 0; i < std::size(kCallingCodes); ++i) {
      index[code_number(kCallingCodes[i].code)] = static_cast<unsigned char>(i + 1);
    }
    for (std::size_t i = std::size(kSharedRanges); i-- > 0;) {
      const int n = code_number(kSharedRanges[i].code);
      if (shared_end[n] == 0) shared_end[n] = static_cast<unsigned char>(i + 1);
      shared_first[n] = static_cast<unsigned char>(i);
    }
  }
};
static_assert(std::size(kCallingCodes) < 255, "CodeTable::index holds 1 + an index in a byte");

// kSharedRanges keeps each code's rows together (CodeTable finds them by
// their first and last row).
constexpr bool shared_rows_grouped() {
  for (std::size_t i = 0; i < std::size(kSharedRanges); ++i) {
    for (std::size_t j = i + 2; j < std::size(kSharedRanges); ++j) {
      if (kSharedRanges[i].code == kSharedRanges[j].code &&
          kSharedRanges[j - 1].code != kSharedRanges[i].code) {
        return false;
      }
    }
  }
  return true;
}
static_assert(shared_rows_grouped(), "kSharedRanges: keep the rows of one code together");
constexpr CodeTable kCodeTable;

// Whether `text` starts with `prefix` (at most five digits here), compared
// in place: a string_view == was a memcmp call on every number of a shared
// code (+39, +44, +7) that evaluate() derives a country for.
bool starts_with(std::string_view text, std::string_view prefix) noexcept {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (text[i] != prefix[i]) return false;
  }
  return true;
}

// +1 numbers by area code: 1 + the row of kNanpCountries, or 0 for the
// United States. A direct index instead of a binary search, as above.
struct NanpTable {
  unsigned char row[1000] = {};
  constexpr NanpTable() {
    for (std::size_t i = 0; i < std::size(kNanpCountries); ++i) {
      row[kNanpCountries[i].area] = static_cast<unsigned char>(i + 1);
    }
  }
};
static_assert(std::size(kNanpCountries) < 255, "NanpTable::row holds 1 + a row in a byte");
constexpr NanpTable kNanpTable;

}  // namespace

std::string_view calling_code_country(std::string_view e164) noexcept {
  if (!is_e164(e164)) return {};
  const std::string_view digits = e164.substr(1);
  static_assert(sorted_codes(), "kCallingCodes and kNanpCountries must be sorted");
  if (digits[0] == '1') {
    const short area = static_cast<short>((digits[1] - '0') * 100 + (digits[2] - '0') * 10 +
                                          (digits[3] - '0'));
    const int row = kNanpTable.row[area];
    return row != 0 ? kNanpCountries[row - 1].country : std::string_view("US");
  }
  int number = 0;
  for (std::size_t len = 1; len <= 3 && len < digits.size(); ++len) {
    number = number * 10 + (digits[len - 1] - '0');
    const int found = kCodeTable.index[number];
    if (found == 0) continue;
    if (kCodeTable.shared_end[number] != 0) {
      const std::string_view national = digits.substr(len);
      for (std::size_t i = kCodeTable.shared_first[number]; i < kCodeTable.shared_end[number]; ++i) {
        const SharedRange& r = kSharedRanges[i];
        if (starts_with(national, r.prefix)) return r.country;
      }
    }
    return kCallingCodes[found - 1].country;
  }
  return {};
}

}  // namespace sendpolicy
