// WhatsApp business-initiated calls (Meta, "User call permissions", updated
// 2025-11-13; docs/calls.md). A business may call a user only with the user's
// permission, and may ask for it only so often:
//   - temporary permission: 7 days (168 h) from approval, the end exclusive;
//     permanent: until revoked, offered since 2025-11-03;
//   - 4 consecutive unanswered calls revoke the permission;
//   - connected calls per 24 h are capped (100 today; a policy knob);
//   - call-permission requests: 1 per 24 h and 2 per 7 days, free-form and
//     template combined; a connected call in either direction resets both;
//   - no business-initiated calls from business numbers of some countries.
// Meta enforces these after the fact; the library answers before.
#include <chrono>
#include <optional>
#include <string>

#include <date/date.h>

#include "rules/facts.h"

namespace sendpolicy {
namespace rules {
namespace {

using std::chrono::hours;

constexpr Duration kTemporaryPermissionLife = hours(168);
constexpr int kUnansweredCallsThatRevoke = 4;

// Permanent permissions exist since 2025-11-03: one granted earlier can only
// have been temporary, whatever the record says. A request dated before that
// day has granted_at before it too, so it is judged by the old rule.
constexpr Timestamp kPermanentPermissionsFrom = date::sys_days{date::year{2025} / 11 / 3};

struct RequestLimit {
  int max_requests;
  Duration window;
};
constexpr RequestLimit kRequestLimits[] = {{1, hours(24)}, {2, hours(24 * 7)}};

bool is_call(const Facts& f) noexcept { return f.request.message.kind == MessageKind::kCall; }

bool calling_unavailable(const Policy& p) noexcept {
  if (p.business_country.empty()) return false;
  for (const std::string& country : p.calling_unavailable_countries) {
    if (country == p.business_country) return true;
  }
  return false;
}

// The business's country is on the platform's list but the policy dropped
// it: a loosening (docs/cli.md, "Policy knobs"), so the decision says so.
bool calling_availability_assumed(const Policy& p) noexcept {
  if (p.business_country.empty() || calling_unavailable(p)) return false;
  for (std::string_view country : kCallingUnavailableCountries) {
    if (country == p.business_country) return true;
  }
  return false;
}

// The first instant at which `limit` lets another request go, or nullopt if
// it does now. `requests` is oldest first (validated), so the requests that
// count (inside the window ending at `now`, and not before the last connected
// call) are a suffix; with k >= max of them, the limit clears when the
// max-th latest leaves the window.
std::optional<Timestamp> limit_clears_at(const CallPermission& p, const RequestLimit& limit,
                                         Timestamp now) noexcept {
  const std::size_t n = p.requests.size();
  std::size_t counted = 0;
  for (std::size_t i = n; i > 0; --i) {
    const Timestamp t = p.requests[i - 1];
    if (t + limit.window <= now) break;  // left the window (the end exclusive)
    if (p.last_connected_call_at && t < *p.last_connected_call_at) break;  // reset by a call
    ++counted;
  }
  const auto max = static_cast<std::size_t>(limit.max_requests);
  if (counted < max) return std::nullopt;
  return p.requests[n - max] + limit.window;
}

void check_call_permission_request(const Facts& f, DecisionBuilder& out) noexcept {
  const std::optional<CallPermission>& p = f.request.recipient.call_permission;
  if (!p) return;  // no earlier requests known
  std::optional<Timestamp> retry_at;
  std::string_view binding;
  for (const RequestLimit& limit : kRequestLimits) {
    const std::optional<Timestamp> clears = limit_clears_at(*p, limit, f.request.now);
    if (!clears) continue;
    if (!retry_at || *retry_at < *clears) {
      retry_at = clears;
      binding = limit.max_requests == 1 ? "1 per 24 h" : "2 per 7 days";
    }
  }
  if (retry_at) {
    out.defer(ReasonCode::kCallPermissionRequestLimit, *retry_at, {}, binding);
  }
}

void check_call(const Facts& f, DecisionBuilder& out) noexcept {
  const Timestamp now = f.request.now;
  const std::optional<CallPermission>& p = f.request.recipient.call_permission;
  if (!p || p->status != CallPermissionStatus::kGranted) {
    out.deny(ReasonCode::kNoCallPermission, {},
             to_string(p ? p->status : CallPermissionStatus::kNone));
  } else {
    // granted_at is required for a granted permission (validate.cc).
    const Timestamp granted = *p->granted_at;
    const bool permanent =
        p->kind == CallPermissionKind::kPermanent && granted >= kPermanentPermissionsFrom;
    if (!permanent && now >= granted + kTemporaryPermissionLife) {
      out.deny(ReasonCode::kNoCallPermission, {},
               p->kind == CallPermissionKind::kPermanent ? "expired_before_permanent"
                                                         : "expired",
               granted + kTemporaryPermissionLife);
    }
    if (p->consecutive_unanswered_calls >= kUnansweredCallsThatRevoke) {
      out.deny(ReasonCode::kNoCallPermission, {}, "unanswered");
    }
  }
  const int connected = p ? p->connected_calls_24h : 0;
  if (connected >= f.policy.call_cap_24h) out.deny(ReasonCode::kCallLimit);
}

}  // namespace

void check_calls(const Facts& f, DecisionBuilder& out) noexcept {
  const bool asks = f.request.message.requests_call_permission;
  if (!is_call(f) && !asks) return;
  // Validation keeps both to WhatsApp.
  if (calling_unavailable(f.policy)) {
    out.deny(ReasonCode::kCallingNotAvailable, {}, {});
  } else if (calling_availability_assumed(f.policy)) {
    out.warn(WarningCode::kCallingAvailabilityAssumed, f.policy.business_country);
  }
  if (is_call(f)) {
    check_call(f, out);
  } else {
    check_call_permission_request(f, out);
  }
}

bool call_permission_granted_after(const SendRequest& request, Timestamp instant) noexcept {
  const std::optional<CallPermission>& p = request.recipient.call_permission;
  return p && p->status == CallPermissionStatus::kGranted && p->granted_at &&
         *p->granted_at > instant;
}

}  // namespace rules
}  // namespace sendpolicy
