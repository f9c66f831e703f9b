// sendpolicy/identity.h
//
// Who a recipient and a consent are, when WhatsApp may hide the number: a
// phone number, a business-scoped user ID (BSUID, sendpolicy/user_id.h), or
// both. Two rules, used by evaluate() and available to callers:
//
// - A consent belongs to a recipient when both phones are given and equal;
//   or, when either side has no phone, both user IDs are given and equal.
//   Phones decide whenever both sides have one: a BSUID changes with the
//   number, so equal numbers with different BSUIDs are still the same
//   number, and different numbers are never the same consent.
// - The recipient's country for jurisdiction packs is `country`, else the
//   country of `region` ("US-FL"), else the BSUID's two letters. The phone
//   number is never read for it (docs/packs.md).
#ifndef SENDPOLICY_IDENTITY_H_
#define SENDPOLICY_IDENTITY_H_

#include <string_view>

#include "sendpolicy/consent.h"
#include "sendpolicy/phone.h"
#include "sendpolicy/recipient.h"
#include "sendpolicy/user_id.h"

namespace sendpolicy {

// Why a consent does not belong to a recipient.
enum class IdentityMismatch : unsigned char {
  kNone,                    // it belongs
  kPhone,                   // both have a phone, and they differ
  kUserId,                  // a side lacks a phone; both user IDs given, they differ
  kConsentUserIdMissing,    // the recipient has no phone and the consent no user ID
  kRecipientUserIdMissing,  // the consent has no phone and the recipient no user ID
};

inline IdentityMismatch identity_mismatch(const ConsentRecord& consent,
                                           const Recipient& recipient) noexcept {
  if (!consent.phone.empty() && !recipient.phone.empty()) {
    return consent.phone == recipient.phone ? IdentityMismatch::kNone : IdentityMismatch::kPhone;
  }
  if (recipient.user_id.empty()) return IdentityMismatch::kRecipientUserIdMissing;
  if (consent.user_id.empty()) return IdentityMismatch::kConsentUserIdMissing;
  return consent.user_id == recipient.user_id ? IdentityMismatch::kNone
                                              : IdentityMismatch::kUserId;
}

inline bool consent_belongs_to(const ConsentRecord& consent,
                              const Recipient& recipient) noexcept {
  return identity_mismatch(consent, recipient) == IdentityMismatch::kNone;
}

// The wire name of the identifier that did not match ("phone", "user_id"),
// the detail of `opt_in_number_mismatch`; empty for kNone.
constexpr std::string_view to_string(IdentityMismatch m) noexcept {
  switch (m) {
    case IdentityMismatch::kNone: return {};
    case IdentityMismatch::kPhone: return "phone";
    case IdentityMismatch::kUserId: return "user_id";
    case IdentityMismatch::kConsentUserIdMissing: return "consent.user_id missing";
    case IdentityMismatch::kRecipientUserIdMissing: return "recipient.user_id missing";
  }
  return {};
}

// The country jurisdiction packs are chosen by: `country`, else the first
// two letters of `region`, else the BSUID's country, else the phone
// number's (calling_code_country(): calling code, +1 area code, shared-code
// range); empty if none is known. `from_phone` says it came from the phone
// number: nothing the caller (or Meta, through the BSUID) said names it.
// One look-up of the calling code gives both (evaluate() needs both).
struct DestinationCountry {
  std::string_view country;
  bool from_phone = false;
};
inline DestinationCountry find_destination_country(const Recipient& r) noexcept {
  if (!r.country.empty()) return {r.country, false};
  if (r.region.size() > 2) return {std::string_view(r.region).substr(0, 2), false};
  if (const std::string_view c = bsuid_country(r.user_id); !c.empty()) return {c, false};
  const std::string_view c = calling_code_country(r.phone);
  return {c, !c.empty()};
}

// The country alone.
inline std::string_view destination_country(const Recipient& r) noexcept {
  return find_destination_country(r).country;
}

// True iff destination_country() came from the phone number. Decisions
// that such a country's pack decided carry country_derived_from_phone.
inline bool country_from_phone(const Recipient& r) noexcept {
  return find_destination_country(r).from_phone;
}

}  // namespace sendpolicy

#endif  // SENDPOLICY_IDENTITY_H_
