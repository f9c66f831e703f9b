// sendpolicy/user_id.h
//
// WhatsApp business-scoped user IDs (BSUIDs). Since April 2026 a WhatsApp
// user may adopt a username; Meta then names the user to a business by a
// BSUID and leaves the phone number out of webhooks when the user has not
// talked to that business number for 30 days (Meta, "Business-scoped user
// IDs"). A BSUID is
//   - "CC." then 1 to 128 ASCII letters or digits ("US.13491208655302741918"),
//     CC being the ISO 3166-1 alpha-2 country of the user's phone number; or
//   - a parent BSUID for linked portfolios, "CC.ENT." then 1 to 128 letters
//     or digits ("US.ENT.11815799212886844830").
// A BSUID is an opaque key, never a phone number: its digits may look like
// one, but they say nothing about the number (which is why the country comes
// from the prefix only). It changes when the user changes number.
#ifndef SENDPOLICY_USER_ID_H_
#define SENDPOLICY_USER_ID_H_

#include <cstddef>
#include <string_view>

namespace sendpolicy {

// Longest part after the prefix ("CC." or "CC.ENT.").
inline constexpr std::size_t kMaxBsuidBody = 128;

namespace bsuid_internal {

constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }

constexpr bool is_alnum(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// 1 to kMaxBsuidBody ASCII letters or digits.
constexpr bool is_body(std::string_view s) noexcept {
  if (s.empty() || s.size() > kMaxBsuidBody) return false;
  for (char c : s) {
    if (!is_alnum(c)) return false;
  }
  return true;
}

constexpr bool has_country_prefix(std::string_view id) noexcept {
  return id.size() >= 3 && is_upper(id[0]) && is_upper(id[1]) && id[2] == '.';
}

}  // namespace bsuid_internal

// True iff `id` is a parent BSUID: "CC.ENT." then 1..128 letters or digits.
constexpr bool is_parent_bsuid(std::string_view id) noexcept {
  return bsuid_internal::has_country_prefix(id) && id.substr(3, 4) == "ENT." &&
         bsuid_internal::is_body(id.substr(7));
}

// True iff `id` is a BSUID or a parent BSUID. Upper-case country letters
// only ("us.1" is not one); no '+', spaces or other punctuation.
constexpr bool is_bsuid(std::string_view id) noexcept {
  if (!bsuid_internal::has_country_prefix(id)) return false;
  return bsuid_internal::is_body(id.substr(3)) || is_parent_bsuid(id);
}

// The two-letter country of a BSUID ("US" for "US.134..."), or empty if `id`
// is not a BSUID.
constexpr std::string_view bsuid_country(std::string_view id) noexcept {
  return is_bsuid(id) ? id.substr(0, 2) : std::string_view();
}

}  // namespace sendpolicy

#endif  // SENDPOLICY_USER_ID_H_
