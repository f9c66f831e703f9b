// NANP area codes outside the United States. Meta's US marketing pause
// covers "+1 and a US area code"; its pricing table maps Canada, the
// Caribbean NANP countries and Puerto Rico to other markets
// (docs/rules.md, whatsapp-rules §5.3). Sources: NANPA area code maps
// (nationalnanpa.com), CNA (Canadian Numbering Administrator).
#include <cstddef>

#include "sendpolicy/phone.h"

namespace sendpolicy {
namespace {

// Sorted, for binary search. An area code missing here is treated as a US
// one, which fails closed for the pause.
constexpr short kCanada[] = {
    204, 226, 236, 249, 250, 257, 263, 289, 306, 343, 354, 365, 367, 368, 382, 403,
    416, 418, 428, 431, 437, 438, 450, 468, 474, 506, 514, 519, 548, 579, 581, 584,
    587, 600, 604, 613, 639, 647, 672, 683, 705, 709, 742, 753, 778, 780, 782, 807,
    819, 825, 867, 873, 879, 902, 905, 942};

// Caribbean NANP members and Puerto Rico (priced as its own market by Meta).
constexpr short kOtherNanp[] = {
    242,  // Bahamas
    246,  // Barbados
    264,  // Anguilla
    268,  // Antigua and Barbuda
    284,  // British Virgin Islands
    345,  // Cayman Islands
    441,  // Bermuda
    473,  // Grenada
    649,  // Turks and Caicos
    658,  // Jamaica
    664,  // Montserrat
    721,  // Sint Maarten
    758,  // Saint Lucia
    767,  // Dominica
    784,  // Saint Vincent and the Grenadines
    787,  // Puerto Rico
    809,  // Dominican Republic
    829,  // Dominican Republic
    849,  // Dominican Republic
    868,  // Trinidad and Tobago
    869,  // Saint Kitts and Nevis
    876,  // Jamaica
    939,  // Puerto Rico
};

// The lists above as one table by area code (1 KB): nanp_region() runs on
// every marketing template to a +1 number (Meta's US marketing pause), and
// two binary searches cost more than the rest of the rule.
struct AreaTable {
  NanpRegion region[1000] = {};
  constexpr AreaTable() {
    for (NanpRegion& r : region) r = NanpRegion::kUnitedStates;
    for (short a : kCanada) region[a] = NanpRegion::kCanada;
    for (short a : kOtherNanp) region[a] = NanpRegion::kOtherNanp;
  }
};
constexpr AreaTable kAreas;

}  // namespace

NanpRegion nanp_region(std::string_view e164) noexcept {
  if (e164.size() != 12 || e164[0] != '+' || e164[1] != '1') return NanpRegion::kNotNanp;
  if (!is_e164(e164)) return NanpRegion::kNotNanp;
  const short area = static_cast<short>((e164[2] - '0') * 100 + (e164[3] - '0') * 10 +
                                        (e164[4] - '0'));
  return kAreas.region[area];
}

}  // namespace sendpolicy
