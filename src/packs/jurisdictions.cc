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

template <std::size_t N>
bool listed(const std::string_view (&codes)[N], std::string_view c) noexcept {
  return std::binary_search(std::begin(codes), std::end(codes), c);
}

}  // namespace

Jurisdictions Jurisdictions::defaults() {
  Jurisdictions j;
  j.bind("US", packs::us_tcpa());
  j.bind("US-FL", packs::us_fl());
  j.bind("US-OK", packs::us_ok());
  j.bind("US-MD", packs::us_md());
  j.bind("US-TX", packs::us_tx());
  j.bind("US-OR", packs::us_or());
  j.bind("US-CT", packs::us_ct());
  j.bind("EEA", packs::eu_gdpr());
  j.bind("DE", packs::de());
  j.bind("IT", packs::it());
  j.bind("CA", packs::ca_casl());
  return j;
}

Jurisdictions& Jurisdictions::bind(std::string destination, Pack pack) {
  bindings_.push_back(PackBinding{std::move(destination), pack});
  return *this;
}

std::size_t Jurisdictions::unbind(std::string_view pack_id) {
  const auto before = bindings_.size();
  bindings_.erase(std::remove_if(bindings_.begin(), bindings_.end(),
                                 [&](const PackBinding& b) { return b.pack.id == pack_id; }),
                  bindings_.end());
  return before - bindings_.size();
}

Pack* Jurisdictions::find(std::string_view pack_id) noexcept {
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

bool Jurisdictions::selects(std::string_view destination, std::string_view country,
                            std::string_view region) noexcept {
  if (destination == "*") return true;
  if (country.empty() && region.size() > 2) country = region.substr(0, 2);  // "US-FL" -> "US"
  if (country.empty()) return false;
  if (destination == "EU") return listed(kEu, country);
  if (destination == "EEA") return listed(kEu, country) || listed(kEeaOnly, country);
  if (destination.size() == 2) return destination == country;
  return destination == region;
}

}  // namespace sendpolicy
