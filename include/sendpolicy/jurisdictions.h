// sendpolicy/jurisdictions.h
//
// Which packs apply to which destination. A binding pairs a destination
// selector with a pack (held by value, so a Policy owns its packs); every
// binding whose selector matches the recipient's `country` / `region` applies,
// and all applicable packs compose (the strictest outcome wins).
//
// Selectors: "*" (everyone), "EU" (the 27 member states), "EEA" (EU plus
// Iceland, Liechtenstein, Norway), an ISO 3166-1 country ("US") or an
// ISO 3166-2 subdivision ("US-FL"). A recipient with no country matches only
// "*" here; evaluate() passes destination_country() (sendpolicy/identity.h):
// with no country and no region, a WhatsApp user ID's prefix, which Meta
// sets to the country of the user's number, else the country of the phone
// number (calling_code_country() in sendpolicy/phone.h).
//
//   sendpolicy::Policy policy = sendpolicy::Policy::whatsapp();  // defaults()
//   policy.jurisdictions.bind("US-CT", my_connecticut_pack);
//   policy.jurisdictions.widen({sendpolicy::Channel::kWhatsApp}, {});
//   policy.jurisdictions = sendpolicy::Jurisdictions{};  // platform rules only
#ifndef SENDPOLICY_JURISDICTIONS_H_
#define SENDPOLICY_JURISDICTIONS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sendpolicy/pack.h"

namespace sendpolicy {

struct PackBinding {
  std::string destination;  // selector, see above
  Pack pack;
};

class Jurisdictions {
 public:
  // No bindings: only the platform rules apply.
  Jurisdictions() = default;

  // The default mapping (docs/packs.md): US -> us_tcpa; US-FL, US-OK, US-MD,
  // US-TX -> their state pack as well; EEA -> eu_gdpr; DE -> de; IT -> it;
  // CA -> ca_casl.
  static Jurisdictions defaults();

  // Adds a binding; the same pack may be bound to several destinations.
  Jurisdictions& bind(std::string destination, Pack pack);
  // Removes every binding of the pack `pack_id`; returns how many there were.
  std::size_t unbind(std::string_view pack_id);
  // The first binding's pack with that id, for tuning in place; nullptr if none.
  Pack* find(std::string_view pack_id) noexcept;

  // Widens every quiet-hours rule and frequency cap to more channels and
  // content categories (e.g. apply US quiet hours to WhatsApp, or to
  // utility messages too).
  Jurisdictions& widen(ChannelSet channels, CategorySet categories);

  const std::vector<PackBinding>& bindings() const noexcept { return bindings_; }

  // True iff `destination` selects a recipient in `country` / `region`.
  static bool selects(std::string_view destination, std::string_view country,
                      std::string_view region) noexcept;

 private:
  std::vector<PackBinding> bindings_;
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_JURISDICTIONS_H_
