// Destination selectors and the default mapping from destinations to packs.
#include <algorithm>
#include <iterator>

#include "sendpolicy/jurisdictions.h"
#include "sendpolicy/packs.h"

namespace sendpolicy {
namespace {

// EU member states (ISO 3166-1 alpha-2; Greece is "GR"), sorted.
constexpr std::string_view kEu[] = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
// GDPR and the ePrivacy Directive also apply in the EEA EFTA states.
constexpr std::string_view kEeaOnly[] = {"IS", "LI", "NO"};
// ISO 3166-1 alpha-2, officially assigned (Debian iso-codes, iso_3166-1.json),
// sorted. "UK" and "EU" are not among them: a selector "UK" would never match.
constexpr std::string_view kCountries[] = {
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
};

// ISO 3166-2 subdivisions of the two countries whose packs bind by region
// (states, DC and outlying areas; provinces and territories), sorted: a
// selector "US-FLA" or "US-XX" would never match and is refused.
constexpr std::string_view kUsSubdivisions[] = {
    "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA",
    "ID", "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT",
    "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC",
    "SD", "TN", "TX", "UM", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY",
};
constexpr std::string_view kCaSubdivisions[] = {
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
};

template <std::size_t N>
bool listed(const std::string_view (&codes)[N], std::string_view c) noexcept {
  return std::binary_search(std::begin(codes), std::end(codes), c);
}

// A two-letter upper-case code as 0..675, or -1.
constexpr int code_index(std::string_view c) noexcept {
  if (c.size() != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z') return -1;
  return (c[0] - 'A') * 26 + (c[1] - 'A');
}

// The EU and EEA member states as bit tables: selects() runs for every
// binding (and every default row) on every evaluate(), and a binary search
// of string_views (a memcmp call per step) was ~10% of `sendpolicy audit`
// on a stream of EU numbers. Same answers as listed(): every listed code is
// two upper-case letters.
struct MemberTable {
  bool eu[26 * 26] = {};
  bool eea[26 * 26] = {};
  constexpr MemberTable() {
    for (std::string_view c : kEu) eu[code_index(c)] = eea[code_index(c)] = true;
    for (std::string_view c : kEeaOnly) eea[code_index(c)] = true;
  }
};
constexpr MemberTable kMembers;

bool in_eu(std::string_view country) noexcept {
  const int i = code_index(country);
  return i >= 0 && kMembers.eu[i];
}

bool in_eea(std::string_view country) noexcept {
  const int i = code_index(country);
  return i >= 0 && kMembers.eea[i];
}

}  // namespace

// The default map (docs/packs.md). A new built-in pack that belongs in it is
// added here, once: defaults() binds these rows, and evaluate() reads them
// to warn when a policy leaves a recipient without their default pack.
constexpr DefaultBinding kDefaultMap[] = {
    {"US", "us_tcpa"}, {"US-FL", "us_fl"}, {"US-OK", "us_ok"},  {"US-MD", "us_md"},
    {"US-TX", "us_tx"}, {"US-OR", "us_or"}, {"US-CT", "us_ct"}, {"EEA", "eu_gdpr"},
    {"DE", "de"},       {"IT", "it"},       {"CA", "ca_casl"},
};

Jurisdictions::DefaultMap Jurisdictions::default_bindings() noexcept {
  return DefaultMap{kDefaultMap, std::size(kDefaultMap)};
}

Jurisdictions Jurisdictions::defaults() {
  Jurisdictions j;
  for (const DefaultBinding& row : kDefaultMap) {
    for (const Pack* p : packs::all()) {
      if (p->id == row.pack_id) j.bind(std::string(row.destination), *p);
    }
  }
  return j;
}

Jurisdictions& Jurisdictions::bind(std::string destination, Pack pack) {
  bindings_.push_back(PackBinding{std::move(destination), pack});
  update_default_coverage();
  return *this;
}

void Jurisdictions::update_default_coverage() noexcept {
  binds_default_map_ = std::all_of(std::begin(kDefaultMap), std::end(kDefaultMap), [&](const DefaultBinding& row) {
    return std::any_of(bindings_.begin(), bindings_.end(), [&](const PackBinding& b) {
      return b.pack.id == row.pack_id && b.destination == row.destination;
    });
  });
}

std::size_t Jurisdictions::unbind(std::string_view pack_id) {
  const auto before = bindings_.size();
  bindings_.erase(std::remove_if(bindings_.begin(), bindings_.end(),
                                 [&](const PackBinding& b) { return b.pack.id == pack_id; }),
                  bindings_.end());
  update_default_coverage();
  return before - bindings_.size();
}

std::string_view Jurisdictions::keep(std::string_view text) {
  for (const std::shared_ptr<const std::string>& s : kept_) {
    if (*s == text) return *s;
  }
  kept_.push_back(std::make_shared<const std::string>(text));
  return *kept_.back();
}

Pack* Jurisdictions::find(std::string_view pack_id) noexcept {
  binds_default_map_ = false;  // the caller may change the pack's id
  for (PackBinding& b : bindings_) {
    if (b.pack.id == pack_id) return &b.pack;
  }
  return nullptr;
}

Jurisdictions& Jurisdictions::widen(ChannelSet channels, CategorySet categories) {
  for (PackBinding& b : bindings_) {
    if (b.pack.quiet_hours) {
      b.pack.quiet_hours->channels.add(channels);
      b.pack.quiet_hours->categories.add(categories);
    }
    if (b.pack.frequency_cap) {
      b.pack.frequency_cap->channels.add(channels);
      b.pack.frequency_cap->categories.add(categories);
    }
  }
  return *this;
}

bool Jurisdictions::valid_destination(std::string_view d) noexcept {
  const auto upper_or_digit = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (d == "*" || d == "EU" || d == "EEA") return true;
  if (d.size() < 2 || !listed(kCountries, d.substr(0, 2))) return false;
  if (d.size() == 2) return true;
  // ISO 3166-2: the country, '-', and one to three letters or digits; for
  // the US and Canada, one of their actual subdivisions.
  if (d.size() < 4 || d.size() > 6 || d[2] != '-' || !std::all_of(d.begin() + 3, d.end(), upper_or_digit)) {
    return false;
  }
  const std::string_view country = d.substr(0, 2);
  if (country == "US") return listed(kUsSubdivisions, d.substr(3));
  if (country == "CA") return listed(kCaSubdivisions, d.substr(3));
  return true;
}

bool Jurisdictions::selects(std::string_view destination, std::string_view country,
                            std::string_view region) noexcept {
  if (destination == "*") return true;
  if (country.empty() && region.size() > 2) country = region.substr(0, 2);  // "US-FL" -> "US"
  if (country.empty()) return false;
  if (destination == "EU") return in_eu(country);
  if (destination == "EEA") return in_eea(country);
  if (destination.size() == 2) return destination == country;
  return destination == region;
}

}  // namespace sendpolicy
