// sendpolicy/testing/builders.h
//
// Fluent builders for the inputs of your compliance tests: send requests,
// consent records and conversation histories, with instants you can do
// arithmetic on (`now - 23h`, `now - days(30)`).
//
//   using namespace sendpolicy::testing;  // also std::chrono_literals
//   const sendpolicy::Timestamp now = at("2026-03-02T12:00:00Z");
//   sendpolicy::SendRequest req =
//       a_whatsapp_template("order_shipped").utility().approved()
//           .to("+393471234567").at(now)
//           .with(a_conversation().customer_wrote(now - 2h, "STOP"));
//
// Builders do not make a request valid behind your back. Only what you say is
// set; everything else keeps the strictest or an invalid value, so a test that
// forgets something fails visibly instead of passing for the wrong reason:
//   - no `to(...)` / `to_user(...)` or no `at(...)`: invalid_request
//     (recipient.phone / now);
//   - a template without utility()/marketing()/authentication(): invalid_request
//     (message.template.category);
//   - a template without approved()/status(...): status pending, so
//     template_not_approved;
//   - an_opt_in() without granted(...): invalid_request (consent.granted_at);
//     without by(...), purposes or informed(): the opt-in rules deny it.
// The one convenience: a consent without for_number(...) or for_user(...) is
// for the recipient's number and WhatsApp user ID (whatever the test sends
// to) when it is given to a request builder's with(...), resolved by the
// request's build(). Converted to a ConsentRecord on its own (assigned to your
// own type), it has no recipient to take them from, so that conversion throws
// std::logic_error asking for for_number(...) or for_user(...) instead of
// leaving the identifiers empty (which evaluate() would report as invalid).
// Histories keep the order you write them in; out-of-order events are
// invalid_request (history[i].at), as they would be from your backend.
//
// Builders only assemble the library's plain value types (SendRequest,
// ConsentRecord, std::vector<ConversationEvent>); they never fold histories
// or apply rules. Use them with sendpolicy::evaluate() and the matchers of
// sendpolicy/testing/matchers.h.
#ifndef SENDPOLICY_TESTING_BUILDERS_H_
#define SENDPOLICY_TESTING_BUILDERS_H_

#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "sendpolicy/consent.h"
#include "sendpolicy/enums.h"
#include "sendpolicy/history.h"
#include "sendpolicy/message.h"
#include "sendpolicy/request.h"
#include "sendpolicy/time.h"
#include "sendpolicy/window.h"

namespace sendpolicy {
namespace testing {

// `using namespace sendpolicy::testing;` also brings the std::chrono
// literals (25h, 30min, 1s) that the builders' time arithmetic reads best with.
using namespace std::chrono_literals;

// Parses an RFC 3339 instant ("2026-03-02T12:00:00Z", "...+01:00"). Throws
// std::invalid_argument naming the text if it is not one: in a test a typo
// must stop the test with a clear message, never become 1970-01-01.
Timestamp at(std::string_view rfc3339);

// Whole days, for consent ages and the like: `now - days(30)`.
// (std::chrono::days is C++20.)
constexpr Duration days(int n) noexcept { return std::chrono::hours(24) * n; }

// --- Consent ---------------------------------------------------------------

// A ConsentRecord, field by field. Starts as a granted, express consent with
// nothing else known (no time, unknown method, no purposes, no notice).
class ConsentBuilder {
 public:
  ConsentBuilder();

  // The number the user consented for. Default: the recipient's number.
  ConsentBuilder& for_number(std::string e164);
  // The WhatsApp user ID (BSUID, "US.1349...") the consent was collected
  // under, for users whose number is hidden. Default: the recipient's.
  ConsentBuilder& for_user(std::string bsuid);
  // Granted at `when` (status granted).
  ConsentBuilder& granted(Timestamp when);
  // Withdrawn at `when` (status withdrawn). Keep granted(...) if the grant
  // time is known; it must not be after `when`.
  ConsentBuilder& withdrawn(Timestamp when);
  ConsentBuilder& basis(ConsentBasis basis);
  // How the opt-in was collected: checkbox, number entry, ...
  ConsentBuilder& by(ConsentMethod method);
  // Where: website, app, point of sale, ...
  ConsentBuilder& from(ConsentSource source);
  // What the user was told they would receive; adds to earlier purposes.
  ConsentBuilder& for_purposes(std::initializer_list<std::string> purposes);
  ConsentBuilder& for_purpose(std::string purpose);
  // The notice named the business and described the content (GDPR Art.
  // 4(11), Meta "Get opt-in"). whatsapp_named() and number_editable() are the
  // two further points Meta recommends.
  ConsentBuilder& informed();
  ConsentBuilder& whatsapp_named();
  ConsentBuilder& number_editable();
  // All four notice points above.
  ConsentBuilder& fully_informed();
  // The user confirmed a double opt-in at `when`.
  ConsentBuilder& double_opt_in(Timestamp when);
  ConsentBuilder& notice_version(std::string version);
  ConsentBuilder& evidence(std::string ref);

  // The record as said so far; its number is empty unless for_number(...)
  // was called.
  const ConsentRecord& record() const noexcept { return record_; }
  // True once for_number(...) / for_user(...) was called (even with "", to test that).
  bool has_number() const noexcept { return number_said_; }
  bool has_user_id() const noexcept { return user_id_said_; }

  // The record. Throws std::logic_error without for_number(...): only a
  // request builder knows the recipient's number (see the file comment).
  ConsentRecord build() const;
  operator ConsentRecord() const { return build(); }  // NOLINT: builder

 private:
  ConsentRecord record_;
  bool number_said_ = false;
  bool user_id_said_ = false;
};

// Starts a consent: `an_opt_in().granted(now - days(30)).by(ConsentMethod::kCheckbox)
// .informed().for_purposes({"order_updates"})`.
ConsentBuilder an_opt_in();

// --- Conversation history ----------------------------------------------------

// A conversation, oldest event first, in the order written.
class HistoryBuilder {
 public:
  // The customer's messages and calls (inbound).
  HistoryBuilder& customer_wrote(Timestamp when, std::string text = "");
  HistoryBuilder& customer_sent_media(Timestamp when);
  HistoryBuilder& customer_tapped_button(Timestamp when, std::string text = "");
  HistoryBuilder& customer_reacted(Timestamp when);
  HistoryBuilder& customer_called(Timestamp when);
  // The business's messages (outbound): automation, a human agent, a template.
  HistoryBuilder& we_sent(Timestamp when, std::string text = "");
  HistoryBuilder& agent_sent(Timestamp when, std::string text = "");
  HistoryBuilder& we_sent_template(Timestamp when);
  // Any event, as is.
  HistoryBuilder& event(ConversationEvent e);

  const std::vector<ConversationEvent>& events() const noexcept { return events_; }
  std::vector<ConversationEvent> build() const { return events_; }
  operator std::vector<ConversationEvent>() const { return events_; }  // NOLINT: builder

 private:
  HistoryBuilder& add(Timestamp when, Direction direction, EventType type, std::string text,
                      std::optional<Sender> sender);
  std::vector<ConversationEvent> events_;
};

// Starts an empty conversation.
HistoryBuilder a_conversation();

// --- Requests ----------------------------------------------------------------

// A SendRequest, field by field; start it with one of the factories below.
class RequestBuilder {
 public:
  RequestBuilder(Channel channel, Message message);

  // Who and when.
  RequestBuilder& to(std::string e164);
  // A WhatsApp user known by a business-scoped user ID ("US.1349..."),
  // alone or besides to(...): `a_whatsapp_message().to_user("US.1349...")`.
  RequestBuilder& to_user(std::string bsuid);
  RequestBuilder& at(Timestamp now);
  RequestBuilder& at(std::string_view rfc3339);  // throws like testing::at()
  RequestBuilder& in_country(std::string iso3166_1);
  RequestBuilder& in_region(std::string iso3166_2);
  // A resolved zone (date::locate_zone(...) in your test, never in evaluate()).
  RequestBuilder& in_zone(const date::time_zone* zone);
  RequestBuilder& id(std::string id);
  RequestBuilder& on(Channel channel);

  // The message. For templates, utility()/marketing()/authentication() set
  // the template's category; for free-form they set message.category.
  RequestBuilder& utility();
  RequestBuilder& marketing();
  RequestBuilder& authentication();
  RequestBuilder& approved();
  RequestBuilder& status(TemplateStatus status);
  RequestBuilder& quality(TemplateQuality quality);
  RequestBuilder& language(std::string language);
  RequestBuilder& purpose(std::string purpose);
  RequestBuilder& tag(MessageTag tag);
  RequestBuilder& sent_by(Sender sender);

  // What the recipient did and got.
  RequestBuilder& marketing_opted_out();  // Meta's "Stop promotions"
  RequestBuilder& already_sent(SentCounters counters);

  // Consent: a built record, or a builder whose number and user ID default
  // to the recipient's. without_consent() removes one set earlier.
  RequestBuilder& with(const ConsentBuilder& consent);
  RequestBuilder& with(ConsentRecord consent);
  RequestBuilder& without_consent();
  // History, appended to what is there.
  RequestBuilder& with(const HistoryBuilder& history);
  RequestBuilder& with(std::vector<ConversationEvent> history);
  // The window the backend tracks: the customer's last message or call.
  RequestBuilder& last_inbound(Timestamp when);
  RequestBuilder& entry_point(EntryPoint entry);
  RequestBuilder& window(ServiceWindow window);

  SendRequest build() const;
  operator SendRequest() const { return build(); }  // NOLINT: builder

 private:
  Template& template_info();
  SendRequest request_;
  bool consent_number_from_recipient_ = false;
};

// A WhatsApp template message called `name`. Category and status must be
// said (see the file comment).
RequestBuilder a_whatsapp_template(std::string name);
// A free-form WhatsApp message (a reply or an agent's message).
RequestBuilder a_whatsapp_message();
// Free-form messages on the other channels.
RequestBuilder a_messenger_message();
RequestBuilder an_instagram_message();
RequestBuilder an_sms();

}  // namespace testing
}  // namespace sendpolicy

#endif  // SENDPOLICY_TESTING_BUILDERS_H_
