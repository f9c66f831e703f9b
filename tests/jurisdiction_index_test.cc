// Jurisdictions::selecting(): which bindings select a recipient, as bits,
// read from an index that bind() and unbind() keep. It must give exactly
// what selects() gives binding by binding, for every kind of selector
// ("*", "EU", "EEA", a country, a region, and texts that select nobody),
// and stay right as bindings come and go.
#include <cstdint>
#include <string>
#include <vector>

#include "pack_support.h"

#include "sendpolicy/jurisdictions.h"
#include "sendpolicy/packs.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

// What selecting() must answer: selects() for each of the first 64 bindings.
std::uint64_t expected_bits(const Jurisdictions& j, std::string_view country, std::string_view region) {
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < j.bindings().size() && i < 64; ++i) {
    if (Jurisdictions::selects(j.bindings()[i].destination, country, region)) bits |= std::uint64_t{1} << i;
  }
  return bits;
}

struct Who {  // a recipient's country and region
  const char* country;
  const char* region;
};

// Boundaries of every selector kind: EU members and non-members next to
// them, the EEA-only states, a country taken from the region, regions of
// one country, empty and malformed values, and texts longer than the
// 7 characters the index packs into an integer.
const Who kRecipients[] = {
    {"", ""},          {"IT", ""},      {"IT", "IT-RM"}, {"", "IT-RM"},    {"NO", ""},
    {"", "NO-03"},     {"IS", ""},      {"LI", ""},      {"CH", ""},       {"GB", ""},
    {"DE", "DE-BY"},   {"AT", ""},      {"GR", ""},      {"EL", ""},       {"US", ""},
    {"US", "US-FL"},   {"US", "US-TX"}, {"", "US-FL"},   {"", "US-FLA"},   {"CA", "CA-QC"},
    {"it", ""},        {"ITA", ""},     {"I", ""},       {"EU", ""},       {"", "US"},
    {"US", "US-ABCDE"}, {"USA-TOO-LONG", ""}, {"", "XX-LONGREGION"}, {"*", "*"},
};

const char* const kDestinations[] = {
    "*",     "EU",    "EEA",   "IT",    "NO",       "US",     "US-FL", "US-TX", "DE",
    "CA-QC", "GB",    "",      "X",     "EE",       "EEAX",   "E",     "US-ABCDE",
    "XX-LONGREGION",  "USA-TOO-LONG",   "us",       "US-",
};

}  // namespace

TEST_CASE("Jurisdictions::selecting agrees with selects() for every selector kind",
          "[packs][jurisdictions]") {
  Jurisdictions j;
  for (const char* d : kDestinations) j.bind(d, packs::us_tcpa());
  REQUIRE(j.bindings().size() == std::size(kDestinations));
  for (const Who& r : kRecipients) {
    CAPTURE(r.country, r.region);
    CHECK(j.selecting(r.country, r.region) == expected_bits(j, r.country, r.region));
  }
  // Spot checks reasoned from the selector rules, so the test does not only
  // compare two implementations: an Italian recipient is selected by "*",
  // "EU", "EEA" and "IT" (bindings 0 to 3), and by the empty destination
  // (binding 11), which selects() compares with the region, here empty too
  // (validate(Policy) refuses such a binding; the index keeps the answer).
  constexpr std::uint64_t kEmpty = std::uint64_t{1} << 11;
  CHECK(j.selecting("IT", "") == (0b1111U | kEmpty));
  CHECK(j.selecting("IT", "IT-RM") == 0b1111U);
  // A Norwegian one by "*", "EEA" and "NO", not "EU".
  CHECK(j.selecting("NO", "") == (1U | 1U << 2 | 1U << 4 | kEmpty));
  // Florida without a country: "*", "US" (from the region) and "US-FL".
  CHECK(j.selecting("", "US-FL") == (1U | 1U << 5 | 1U << 6));
  // Nobody known: only "*".
  CHECK(j.selecting("", "") == 1U);
}

TEST_CASE("Jurisdictions::selecting follows bind(), unbind() and copies", "[packs][jurisdictions]") {
  Jurisdictions j = Jurisdictions::defaults();
  const auto check_all = [](const Jurisdictions& k) {
    for (const Who& r : kRecipients) {
      CAPTURE(r.country, r.region);
      CHECK(k.selecting(r.country, r.region) == expected_bits(k, r.country, r.region));
    }
  };
  check_all(j);
  REQUIRE(j.unbind("us_tcpa") == 1);  // later bindings move down a bit
  check_all(j);
  j.bind("US", packs::us_tcpa());
  j.bind("EU", packs::de());
  check_all(j);
  const Jurisdictions copy = j;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the subject
  check_all(copy);
  Jurisdictions assigned;
  assigned = j;
  check_all(assigned);
  CHECK(Jurisdictions{}.selecting("US", "US-FL") == 0);
}

TEST_CASE("Jurisdictions::selecting has a bit for the first 64 bindings only", "[packs][jurisdictions]") {
  Jurisdictions j;
  for (int i = 0; i < 70; ++i) j.bind("*", packs::us_tcpa());
  CHECK(j.selecting("US", "") == ~std::uint64_t{0});
}

TEST_CASE("Jurisdictions::pack_positions: the documented pack order, forgotten by find()",
          "[packs][jurisdictions]") {
  // The default map binds us_tcpa first and the state packs after it; the
  // catalogue (packs::all()) lists them in the same order, so every
  // binding's position is its index, except that eu_gdpr, de, it and
  // ca_casl follow the catalogue, not the map.
  const Jurisdictions j = Jurisdictions::defaults();
  const Jurisdictions::PackPositions positions = j.pack_positions();
  REQUIRE(positions.size() == j.bindings().size());
  std::vector<std::string_view> by_position(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) by_position.at(positions[i]) = j.bindings()[i].pack.id;
  std::vector<std::string_view> catalogue;
  for (const Pack* p : packs::all()) {
    for (const PackBinding& b : j.bindings()) {
      if (b.pack.id == p->id) catalogue.push_back(p->id);
    }
  }
  CHECK(by_position == catalogue);

  Jurisdictions k = j;
  REQUIRE(k.find("us_tcpa") != nullptr);
  CHECK(k.pack_positions().size() == 0);  // the id may have changed
  k.bind("*", packs::de());
  CHECK(k.pack_positions().size() == k.bindings().size());
}

TEST_CASE("A pack renamed through find() moves in the pack order of its reasons", "[packs][jurisdictions]") {
  // Two packs deny on the same cap code; the one first in the pack order
  // (packs made in code: by id) is the one reported.
  FrequencyCap cap;
  cap.limit = 3;
  cap.action = CapAction::kDeny;
  Pack a;
  a.id = "a";
  a.frequency_cap = cap;
  Pack b = a;
  b.id = "b";
  Policy policy = Policy::whatsapp();
  policy.jurisdictions = Jurisdictions{};
  policy.jurisdictions.bind("US", b).bind("US", a);
  SendRequest r = sms_marketing("2026-03-03T17:00:00Z");
  r.recipient.sent.same_purpose_24h = 3;
  CHECK(rule_of(evaluate(policy, r), ReasonCode::kFrequencyCap) == "a");
  policy.jurisdictions.find("a")->id = "z";  // now after "b"
  CHECK(rule_of(evaluate(policy, r), ReasonCode::kFrequencyCap) == "b");
  policy.jurisdictions.bind("DE", packs::de());  // order kept again, with the new id
  CHECK(rule_of(evaluate(policy, r), ReasonCode::kFrequencyCap) == "b");
}
