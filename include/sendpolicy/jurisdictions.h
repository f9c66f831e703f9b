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
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sendpolicy/pack.h"

namespace sendpolicy {

struct PackBinding {
  std::string destination;  // selector, see above
  Pack pack;
};

// One row of the default map, by pack id (see Jurisdictions::defaults()).
struct DefaultBinding {
  std::string_view destination;
  std::string_view pack_id;
};

// The most bindings a policy may hold (validate(const Policy&) refuses more):
// evaluate() orders the applicable ones on the stack.
inline constexpr std::size_t kMaxPackBindings = 64;

class Jurisdictions {
 public:
  // No bindings: only the platform rules apply.
  Jurisdictions() = default;

  // The default mapping (docs/packs.md): US -> us_tcpa; US-FL, US-OK, US-MD,
  // US-TX -> their state pack as well; EEA -> eu_gdpr; DE -> de; IT -> it;
  // CA -> ca_casl.
  static Jurisdictions defaults();
  // The same map as data, in binding order, for checks that must not
  // allocate: a recipient a row selects gets `default_pack_unbound` when the
  // policy binds no pack with that id for them.
  struct DefaultMap {
    const DefaultBinding* first;
    std::size_t size;
    const DefaultBinding* begin() const noexcept { return first; }
    const DefaultBinding* end() const noexcept { return first + size; }
  };
  static DefaultMap default_bindings() noexcept;

  // Adds a binding; the same pack may be bound to several destinations.
  Jurisdictions& bind(std::string destination, Pack pack);
  // Removes every binding of the pack `pack_id`; returns how many there were.
  std::size_t unbind(std::string_view pack_id);
  // The first binding's pack with that id, for tuning in place; nullptr if none.
  Pack* find(std::string_view pack_id) noexcept;

  // True when every row of the default map is bound as it is (that pack id
  // at that destination), so no recipient can lack a default pack and
  // evaluate() skips the per-decision default_pack_unbound check. Kept by
  // bind() and unbind(); after find() (which may change an id) it is false
  // until the next bind() or unbind(), so the check runs: never stale.
  bool binds_default_map() const noexcept { return binds_default_map_; }

  // Widens every quiet-hours rule and frequency cap to more channels and
  // content categories (e.g. apply US quiet hours to WhatsApp, or to
  // utility messages too).
  Jurisdictions& widen(ChannelSet channels, CategorySet categories);

  const std::vector<PackBinding>& bindings() const noexcept { return bindings_; }

  // Stores `text` with this map and returns a view of the stored copy, for
  // the id, name and sources of a pack built at run time (a policy file's
  // "define"): Pack holds string_views. The copy lives as long as this map
  // or any copy of it (copies share the immutable strings), so a decision
  // naming such a pack's id must not outlive the Policy. Equal texts are
  // stored once.
  std::string_view keep(std::string_view text);

  // True iff `destination` is a selector that can match someone: "*", "EU",
  // "EEA", an assigned ISO 3166-1 country ("GB", not "UK") or a region of one
  // ("US-FL", not "EU-FR").
  static bool valid_destination(std::string_view destination) noexcept;

  // True iff `destination` selects a recipient in `country` / `region`.
  static bool selects(std::string_view destination, std::string_view country,
                      std::string_view region) noexcept;

  // The bindings that select a recipient in `country` / `region`, as bits:
  // bit i is set iff selects(bindings()[i].destination, country, region),
  // for i < 64 (validate(const Policy&) refuses more; later bindings have
  // no bit). evaluate() asks once per request; the selectors are read from
  // an index kept by bind() and unbind(), the only calls that change a
  // destination, so it is never stale.
  std::uint64_t selecting(std::string_view country, std::string_view region) const noexcept;

  // The position of each of the first 64 bindings (or all, if fewer) in
  // the documented pack order (docs/packs.md, "Reasons"), in which
  // evaluate() visits them: positions[i] for bindings()[i]; kept by bind()
  // and unbind(). Empty after find() (which may change a pack's id) until
  // the next bind() or unbind(): evaluate() then ranks them itself, so it
  // is never stale.
  struct PackPositions {
    const unsigned char* first;
    std::size_t count;
    std::size_t size() const noexcept { return count; }
    unsigned char operator[](std::size_t i) const noexcept { return first[i]; }
  };
  PackPositions pack_positions() const noexcept;

 private:
  std::vector<PackBinding> bindings_;
  // Immutable, shared by copies: views into them stay valid while any copy lives.
  std::vector<std::shared_ptr<const std::string>> kept_;
  bool binds_default_map_ = false;
  void update_default_coverage() noexcept;

  // The destinations of the first 64 bindings, by kind, for selecting().
  struct SelectorIndex {
    std::uint64_t everyone = 0;  // "*"
    std::uint64_t eu = 0;        // "EU"
    std::uint64_t eea = 0;       // "EEA"
    // Other destinations of up to 7 characters, packed (see pack_code in
    // jurisdictions.cc) with their binding's bit: two-character ones are
    // compared with the country, the rest with the region.
    struct Exact {
      std::uint64_t code;
      std::uint64_t bit;
    };
    std::vector<Exact> countries;
    std::vector<Exact> regions;
    std::uint64_t long_text = 0;  // longer destinations, compared as text
  };
  SelectorIndex selectors_;
  void update_selectors();
  std::vector<unsigned char> pack_positions_;  // see pack_positions()
  bool pack_positions_known_ = false;
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_JURISDICTIONS_H_
