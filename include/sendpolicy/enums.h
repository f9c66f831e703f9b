// sendpolicy/enums.h
//
// The closed vocabularies of the domain. Each enumerator's wire name (the
// lower-case snake_case string of ../docs/wire-format.md) is given by
// `to_string()` and read back by `parse_enum<E>()`; both come from one table
// per enum (EnumTraits below), so names never drift apart.
//
//   sendpolicy::to_string(sendpolicy::TemplateStatus::kPaused)  // "paused"
//   sendpolicy::parse_enum<sendpolicy::Channel>("sms")          // Channel::kSms
#ifndef SENDPOLICY_ENUMS_H_
#define SENDPOLICY_ENUMS_H_

#include <array>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string_view>

namespace sendpolicy {

enum class Channel : unsigned char { kWhatsApp, kMessenger, kInstagram, kSms };

enum class ConsentStatus : unsigned char { kGranted, kWithdrawn };

// Legal basis of a consent. Only `kExpress` is an opt-in in the WhatsApp
// sense; the implied bases exist for jurisdiction packs (CASL, ePrivacy soft
// opt-in) that give them a limited life.
enum class ConsentBasis : unsigned char {
  kExpress,
  kImpliedPurchase,
  kImpliedInquiry,
  kSoftOptIn,
};

// Where the opt-in was collected. Meta accepts any channel.
enum class ConsentSource : unsigned char {
  kWebsite, kApp, kEmail, kSms, kPointOfSale, kWhatsApp, kPhoneCall, kPaper,
  kOther,
};

// How the opt-in was collected. The last three are not an affirmative act
// (GDPR Recital 32, Planet49) and so never count as an active opt-in.
enum class ConsentMethod : unsigned char {
  kCheckbox, kNumberEntry, kKeywordReply, kSignature, kVerbal,
  kPreTicked, kImported, kUnknown,
};

// How the customer reached the business; changes billing only (free entry
// point), never what may be sent.
enum class EntryPoint : unsigned char { kOrganic, kCtwaAd, kPageCta };

// `kCall`: a business-initiated WhatsApp voice call (Business Calling API).
// It is no message: no window, no template; it needs the user's call
// permission (call_permission.h, docs/calls.md).
enum class MessageKind : unsigned char { kFreeForm, kTemplate, kCall };

// What the content is. Templates carry one of the first three (Meta's
// template categories); `kService` is the category of free-form replies.
enum class Category : unsigned char { kMarketing, kUtility, kAuthentication, kService };

// Every status Meta's message_template_status_update webhook reports.
enum class TemplateStatus : unsigned char {
  kApproved, kPending, kRejected, kPaused, kDisabled, kFlagged, kInAppeal,
  kLimitExceeded, kLocked, kReinstated, kPendingDeletion, kDeleted, kArchived,
};

enum class TemplateQuality : unsigned char { kGreen, kYellow, kRed, kUnknown };

// Messenger / Instagram message tags.
enum class MessageTag : unsigned char {
  kHumanAgent, kConfirmedEventUpdate, kPostPurchaseUpdate, kAccountUpdate,
};

enum class Sender : unsigned char { kHuman, kAutomation };

enum class Direction : unsigned char { kInbound, kOutbound };

// Kinds of conversation events (webhook message types, roughly).
enum class EventType : unsigned char {
  kText, kMedia, kButtonReply, kReaction, kCall, kTemplate, kStatus, kSystem,
};

enum class Verdict : unsigned char { kAllow, kDeny, kDefer };

// The form a message to this recipient must take right now.
enum class RequiredForm : unsigned char { kAny, kTemplate };

// What the platform would charge for the message under per-message pricing.
enum class Billing : unsigned char {
  kNone, kFreeService, kFreeEntryPoint, kUtilityFreeInWindow, kUtility,
  kMarketing, kAuthentication,
  kCall,  // a business-initiated call: Meta bills it by duration (calling pricing)
};

// How strictly a policy treats a soft requirement.
enum class Enforcement : unsigned char { kIgnore, kWarn, kDeny };

// One table of wire names per enum, indexed by the enumerator's value.
template <class E>
struct EnumTraits;

#define SENDPOLICY_ENUM_NAMES(E, ...)                                   \
  template <>                                                          \
  struct EnumTraits<E> {                                               \
    static constexpr std::string_view kNames[] = {__VA_ARGS__};        \
    static constexpr std::size_t kCount = std::size(kNames);           \
  }

SENDPOLICY_ENUM_NAMES(Channel, "whatsapp", "messenger", "instagram", "sms");
SENDPOLICY_ENUM_NAMES(ConsentStatus, "granted", "withdrawn");
SENDPOLICY_ENUM_NAMES(ConsentBasis, "express", "implied_purchase",
                      "implied_inquiry", "soft_opt_in");
SENDPOLICY_ENUM_NAMES(ConsentSource, "website", "app", "email", "sms",
                      "point_of_sale", "whatsapp", "phone_call", "paper", "other");
SENDPOLICY_ENUM_NAMES(ConsentMethod, "checkbox", "number_entry", "keyword_reply",
                      "signature", "verbal", "pre_ticked", "imported", "unknown");
SENDPOLICY_ENUM_NAMES(EntryPoint, "organic", "ctwa_ad", "page_cta");
SENDPOLICY_ENUM_NAMES(MessageKind, "free_form", "template", "call");
SENDPOLICY_ENUM_NAMES(Category, "marketing", "utility", "authentication", "service");
SENDPOLICY_ENUM_NAMES(TemplateStatus, "approved", "pending", "rejected", "paused",
                      "disabled", "flagged", "in_appeal", "limit_exceeded",
                      "locked", "reinstated", "pending_deletion", "deleted",
                      "archived");
SENDPOLICY_ENUM_NAMES(TemplateQuality, "green", "yellow", "red", "unknown");
SENDPOLICY_ENUM_NAMES(MessageTag, "human_agent", "confirmed_event_update",
                      "post_purchase_update", "account_update");
SENDPOLICY_ENUM_NAMES(Sender, "human", "automation");
SENDPOLICY_ENUM_NAMES(Direction, "inbound", "outbound");
SENDPOLICY_ENUM_NAMES(EventType, "text", "media", "button_reply", "reaction",
                      "call", "template", "status", "system");
SENDPOLICY_ENUM_NAMES(Verdict, "allow", "deny", "defer");
SENDPOLICY_ENUM_NAMES(RequiredForm, "any", "template");
SENDPOLICY_ENUM_NAMES(Billing, "none", "free_service", "free_entry_point",
                      "utility_free_in_window", "utility", "marketing",
                      "authentication", "call");
SENDPOLICY_ENUM_NAMES(Enforcement, "ignore", "warn", "deny");

#undef SENDPOLICY_ENUM_NAMES

// True iff `value` is one of E's enumerators (a cast integer may not be).
template <class E>
constexpr bool is_valid(E value) noexcept {
  return static_cast<std::size_t>(value) < EnumTraits<E>::kCount;
}

// The wire name of `value`; "?" for a value outside the enum.
template <class E>
constexpr std::string_view to_string(E value) noexcept {
  return is_valid(value) ? EnumTraits<E>::kNames[static_cast<std::size_t>(value)]
                         : std::string_view("?");
}

// Reads a wire name back; exact, case-sensitive match. nullopt if unknown.
template <class E>
constexpr std::optional<E> parse_enum(std::string_view name) noexcept {
  for (std::size_t i = 0; i < EnumTraits<E>::kCount; ++i) {
    if (EnumTraits<E>::kNames[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace sendpolicy

#endif  // SENDPOLICY_ENUMS_H_
