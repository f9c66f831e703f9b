// Destination selectors and the default mapping from destinations to packs.
#include <algorithm>
#include <array>
#include <iterator>
#include <tuple>

#include "sendpolicy/jurisdictions.h"
#include "packs/pack_order.h"
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

// A two-letter upper-case code as 0..675, or -1.
constexpr int code_index(std::string_view c) noexcept {
  if (c.size() != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z') return -1;
  return (c[0] - 'A') * 26 + (c[1] - 'A');
}

// The code lists above as bit tables, indexed by code_index(): selects()
// runs for every binding (and every default row) on every evaluate(), and
// valid_destination() for every recipient.region, and a binary search of
// string_views (a memcmp call per step) was ~10% of `sendpolicy audit` on
// a stream of EU numbers and ~15% of a deferred quiet-hours decision. Same
// answers as a search of the lists: every listed code is two upper-case
// letters, and a code that is not has no index.
struct CodeTables {
  bool eu[26 * 26] = {};
  bool eea[26 * 26] = {};
  bool country[26 * 26] = {};
  bool us_subdivision[26 * 26] = {};
  bool ca_subdivision[26 * 26] = {};
  constexpr CodeTables() {
    for (std::string_view c : kEu) eu[code_index(c)] = eea[code_index(c)] = true;
    for (std::string_view c : kEeaOnly) eea[code_index(c)] = true;
    for (std::string_view c : kCountries) country[code_index(c)] = true;
    for (std::string_view c : kUsSubdivisions) us_subdivision[code_index(c)] = true;
    for (std::string_view c : kCaSubdivisions) ca_subdivision[code_index(c)] = true;
  }
};
constexpr CodeTables kCodes;

// Whether `code` is in `table` (a member of CodeTables).
bool listed(const bool (&table)[26 * 26], std::string_view code) noexcept {
  const int i = code_index(code);
  return i >= 0 && table[i];
}

// Equality of short codes without a memcmp call: selects() compares a
// destination with a two-letter country or a region of a few letters.
bool same_code(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Up to 7 characters and the length in one integer, so a destination is
// compared with a country or region by one integer compare; 0 for a longer
// text (never a packed code: a packed code has its length in the top byte,
// and the empty text packs to 0 too, which is right: it equals only "").
constexpr std::size_t kMaxPacked = 7;
std::uint64_t pack_code(std::string_view text) noexcept {
  if (text.size() > kMaxPacked) return 0;
  std::uint64_t code = static_cast<std::uint64_t>(text.size()) << 56;
  for (std::size_t i = 0; i < text.size(); ++i) {
    code |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[i])) << (8 * i);
  }
  return code;
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
  update_selectors();
  return *this;
}

namespace internal {

std::size_t pack_rank(std::string_view id) noexcept {
  // packs::all() visits twelve function-local statics; list them once.
  static const std::array<const Pack*, std::tuple_size<decltype(packs::all())>::value> kAll =
      packs::all();
  // A bound built-in pack is a copy whose id points at the catalogue's
  // literal: compare addresses first, text only for packs made elsewhere.
  for (std::size_t i = 0; i < kAll.size(); ++i) {
    if (kAll[i]->id.data() == id.data() && kAll[i]->id.size() == id.size()) return i;
  }
  std::size_t i = 0;
  for (const Pack* p : kAll) {
    if (p->id == id) return i;
    ++i;
  }
  return i;
}

}  // namespace internal

Jurisdictions::PackPositions Jurisdictions::pack_positions() const noexcept {
  if (!pack_positions_known_) return PackPositions{nullptr, 0};
  return PackPositions{pack_positions_.data(), pack_positions_.size()};
}

void Jurisdictions::update_selectors() {
  // The pack order: a stable sort, as evaluate()'s own ranking (equal
  // bindings stay in binding order), then each binding's place in it.
  const std::size_t n = std::min<std::size_t>(bindings_.size(), 64);
  std::vector<std::size_t> ranks(n);
  std::vector<unsigned char> order(n);
  for (std::size_t i = 0; i < n; ++i) {
    ranks[i] = internal::pack_rank(bindings_[i].pack.id);
    order[i] = static_cast<unsigned char>(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](unsigned char a, unsigned char b) {
    return internal::ranked_before(ranks[a], bindings_[a], ranks[b], bindings_[b]);
  });
  std::vector<unsigned char> positions(n);
  for (std::size_t place = 0; place < n; ++place) positions[order[place]] = static_cast<unsigned char>(place);
  pack_positions_ = std::move(positions);
  pack_positions_known_ = true;

  SelectorIndex index;
  for (std::size_t i = 0; i < bindings_.size() && i < 64; ++i) {
    const std::string_view d = bindings_[i].destination;
    const std::uint64_t bit = std::uint64_t{1} << i;
    if (d == "*") {
      index.everyone |= bit;
    } else if (d == "EU") {
      index.eu |= bit;
    } else if (d == "EEA") {
      index.eea |= bit;
    } else if (d.size() > kMaxPacked) {
      index.long_text |= bit;
    } else if (d.size() == 2) {
      index.countries.push_back({pack_code(d), bit});
    } else {
      index.regions.push_back({pack_code(d), bit});
    }
  }
  selectors_ = std::move(index);
}

std::uint64_t Jurisdictions::selecting(std::string_view country, std::string_view region) const noexcept {
  // As selects(), binding by binding.
  if (country.empty() && region.size() > 2) country = region.substr(0, 2);  // "US-FL" -> "US"
  std::uint64_t bits = selectors_.everyone;
  if (country.empty()) return bits;
  if (listed(kCodes.eu, country)) bits |= selectors_.eu;
  if (listed(kCodes.eea, country)) bits |= selectors_.eea;
  // A country or region longer than a packed code equals no packed
  // destination (pack_code gives 0, and 0 is no two-character code).
  const std::uint64_t c = pack_code(country);
  for (const SelectorIndex::Exact& e : selectors_.countries) {
    if (e.code == c) bits |= e.bit;
  }
  const std::uint64_t r = pack_code(region);
  const bool region_packed = region.size() <= kMaxPacked;
  for (const SelectorIndex::Exact& e : selectors_.regions) {
    if (region_packed && e.code == r) bits |= e.bit;
  }
  if (selectors_.long_text != 0) {  // only in a policy validate() refuses
    for (std::size_t i = 0; i < bindings_.size() && i < 64; ++i) {
      const std::uint64_t bit = std::uint64_t{1} << i;
      if ((selectors_.long_text & bit) != 0 && bindings_[i].destination == region) bits |= bit;
    }
  }
  return bits;
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
  update_selectors();
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
  pack_positions_known_ = false;  // which may move it in the pack order
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
  if (same_code(d, "*") || same_code(d, "EU") || same_code(d, "EEA")) return true;
  if (d.size() < 2 || !listed(kCodes.country, d.substr(0, 2))) return false;
  if (d.size() == 2) return true;
  // ISO 3166-2: the country, '-', and one to three letters or digits; for
  // the US and Canada, one of their actual subdivisions.
  if (d.size() < 4 || d.size() > 6 || d[2] != '-' || !std::all_of(d.begin() + 3, d.end(), upper_or_digit)) {
    return false;
  }
  // Compared as characters: this runs for every recipient.region, and a
  // string_view == on two characters is a memcmp call.
  if (d[0] == 'U' && d[1] == 'S') return listed(kCodes.us_subdivision, d.substr(3));
  if (d[0] == 'C' && d[1] == 'A') return listed(kCodes.ca_subdivision, d.substr(3));
  return true;
}

bool Jurisdictions::selects(std::string_view destination, std::string_view country,
                            std::string_view region) noexcept {
  // Dispatch on the selector's length, comparing characters inline: this
  // runs for every binding on every evaluate().
  const std::size_t size = destination.size();
  if (size == 1 && destination[0] == '*') return true;
  if (country.empty() && region.size() > 2) country = region.substr(0, 2);  // "US-FL" -> "US"
  if (country.empty()) return false;
  if (size == 2) {
    if (destination[0] == 'E' && destination[1] == 'U') return listed(kCodes.eu, country);
    return same_code(destination, country);
  }
  if (size == 3 && destination[0] == 'E' && destination[1] == 'E' && destination[2] == 'A') {
    return listed(kCodes.eea, country);
  }
  return same_code(destination, region);
}

}  // namespace sendpolicy
