// sendpolicy/call_permission.h
//
// CallPermission: what a business knows about one user's permission to be
// called by one business number through the WhatsApp Business Calling API
// (business-initiated calls), as the caller tracks it from Meta's webhooks.
// The library keeps no state: the caller records the permission the user
// gave, the call-permission requests it sent, and its call outcomes, and
// evaluate() decides "may we call?" and "may we ask?" from them
// (docs/calls.md).
//
//   sendpolicy::CallPermission p;
//   p.status = sendpolicy::CallPermissionStatus::kGranted;
//   p.kind = sendpolicy::CallPermissionKind::kTemporary;   // 7 days
//   p.granted_at = now - std::chrono::hours(30);
//   p.requests = {now - std::chrono::hours(31)};           // oldest first
//   request.recipient.call_permission = p;
//
// All limits are per business number and user pair (Meta, "User call
// permissions"), so one CallPermission belongs to the Policy of one number.
#ifndef SENDPOLICY_CALL_PERMISSION_H_
#define SENDPOLICY_CALL_PERMISSION_H_

#include <cstddef>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "sendpolicy/enums.h"
#include "sendpolicy/time.h"

namespace sendpolicy {

// The user's answer as Meta last reported it. Only the user grants or
// revokes; `kNone` means never asked or never answered.
enum class CallPermissionStatus : unsigned char { kGranted, kDeclined, kRevoked, kNone };

// A temporary permission lasts 7 days (168 h) from `granted_at`; a permanent
// one until the user revokes it. Meta offers permanent permissions since
// 2025-11-03: a request dated before that is judged as if every permission
// were temporary (wire semantics 7).
enum class CallPermissionKind : unsigned char { kTemporary, kPermanent };

template <>
struct EnumTraits<CallPermissionStatus> {
  static constexpr std::string_view kNames[] = {"granted", "declined", "revoked", "none"};
  static constexpr std::size_t kCount = std::size(kNames);
};
template <>
struct EnumTraits<CallPermissionKind> {
  static constexpr std::string_view kNames[] = {"temporary", "permanent"};
  static constexpr std::size_t kCount = std::size(kNames);
};

struct CallPermission {
  CallPermissionStatus status = CallPermissionStatus::kNone;
  CallPermissionKind kind = CallPermissionKind::kTemporary;
  // When the user granted it; required for a granted permission (a
  // temporary one expires 7 days later).
  std::optional<Timestamp> granted_at;
  // The call-permission request messages sent to this user, oldest first,
  // free-form and template alike. Only the last 7 days matter.
  std::vector<Timestamp> requests;
  // The last connected call in either direction; it resets the request
  // counts (requests before it do not count).
  std::optional<Timestamp> last_connected_call_at;
  // Business-initiated calls the user did not answer since the last one they
  // did; at 4 WhatsApp revokes the permission by itself.
  int consecutive_unanswered_calls = 0;
  // Connected business-initiated calls in the last 24 h, counted by the
  // caller; capped by Policy::call_cap_24h.
  int connected_calls_24h = 0;
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_CALL_PERMISSION_H_
