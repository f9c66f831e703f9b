// Builders for compliance tests: plain assembly of the library's value types.
#include "sendpolicy/testing/builders.h"

#include <stdexcept>
#include <utility>

#include <date/tz.h>

namespace sendpolicy {
namespace testing {

Timestamp at(std::string_view rfc3339) {
  const std::optional<Timestamp> t = parse_timestamp(rfc3339);
  if (!t) {
    throw std::invalid_argument("sendpolicy::testing::at: '" + std::string(rfc3339) +
                                "' is not an RFC 3339 instant (like 2026-03-02T12:00:00Z)");
  }
  return *t;
}

// --- ConsentBuilder ---

ConsentBuilder::ConsentBuilder() {
  record_.status = ConsentStatus::kGranted;
  record_.basis = ConsentBasis::kExpress;
}

ConsentBuilder& ConsentBuilder::for_number(std::string e164) {
  record_.phone = std::move(e164);
  number_said_ = true;
  return *this;
}

ConsentRecord ConsentBuilder::build() const {
  if (!number_said_ && !user_id_said_) {
    throw std::logic_error(
        "sendpolicy::testing::an_opt_in(): a consent used outside a request builder has no "
        "recipient to take the number from; say .for_number(\"+...\") or .for_user(\"CC.…\") "
        "(inside a request builder's .with(...), the recipient's identifiers are used)");
  }
  return record_;
}

ConsentBuilder& ConsentBuilder::for_user(std::string bsuid) {
  record_.user_id = std::move(bsuid);
  user_id_said_ = true;
  return *this;
}

ConsentBuilder& ConsentBuilder::granted(Timestamp when) {
  record_.status = ConsentStatus::kGranted;
  record_.granted_at = when;
  record_.withdrawn_at.reset();
  return *this;
}

ConsentBuilder& ConsentBuilder::withdrawn(Timestamp when) {
  record_.status = ConsentStatus::kWithdrawn;
  record_.withdrawn_at = when;
  return *this;
}

ConsentBuilder& ConsentBuilder::basis(ConsentBasis basis) {
  record_.basis = basis;
  return *this;
}

ConsentBuilder& ConsentBuilder::by(ConsentMethod method) {
  record_.method = method;
  return *this;
}

ConsentBuilder& ConsentBuilder::from(ConsentSource source) {
  record_.source = source;
  return *this;
}

ConsentBuilder& ConsentBuilder::for_purposes(std::initializer_list<std::string> purposes) {
  record_.purposes.insert(record_.purposes.end(), purposes.begin(), purposes.end());
  return *this;
}

ConsentBuilder& ConsentBuilder::for_purpose(std::string purpose) {
  record_.purposes.push_back(std::move(purpose));
  return *this;
}

ConsentBuilder& ConsentBuilder::informed() {
  record_.notice.business_name_shown = true;
  record_.notice.content_described = true;
  return *this;
}

ConsentBuilder& ConsentBuilder::whatsapp_named() {
  record_.notice.whatsapp_named = true;
  return *this;
}

ConsentBuilder& ConsentBuilder::number_editable() {
  record_.notice.number_editable = true;
  return *this;
}

ConsentBuilder& ConsentBuilder::fully_informed() {
  return informed().whatsapp_named().number_editable();
}

ConsentBuilder& ConsentBuilder::double_opt_in(Timestamp when) {
  record_.double_opt_in_at = when;
  return *this;
}

ConsentBuilder& ConsentBuilder::notice_version(std::string version) {
  record_.notice_version = std::move(version);
  return *this;
}

ConsentBuilder& ConsentBuilder::evidence(std::string ref) {
  record_.evidence_ref = std::move(ref);
  return *this;
}

ConsentBuilder an_opt_in() { return ConsentBuilder(); }

// --- HistoryBuilder ---

HistoryBuilder& HistoryBuilder::add(Timestamp when, Direction direction, EventType type,
                                    std::string text, std::optional<Sender> sender) {
  ConversationEvent e;
  e.at = when;
  e.direction = direction;
  e.type = type;
  e.text = std::move(text);
  e.sender = sender;
  events_.push_back(std::move(e));
  return *this;
}

HistoryBuilder& HistoryBuilder::customer_wrote(Timestamp when, std::string text) {
  return add(when, Direction::kInbound, EventType::kText, std::move(text), std::nullopt);
}
HistoryBuilder& HistoryBuilder::customer_sent_media(Timestamp when) {
  return add(when, Direction::kInbound, EventType::kMedia, "", std::nullopt);
}
HistoryBuilder& HistoryBuilder::customer_tapped_button(Timestamp when, std::string text) {
  return add(when, Direction::kInbound, EventType::kButtonReply, std::move(text), std::nullopt);
}
HistoryBuilder& HistoryBuilder::customer_reacted(Timestamp when) {
  return add(when, Direction::kInbound, EventType::kReaction, "", std::nullopt);
}
HistoryBuilder& HistoryBuilder::customer_called(Timestamp when) {
  return add(when, Direction::kInbound, EventType::kCall, "", std::nullopt);
}
HistoryBuilder& HistoryBuilder::we_sent(Timestamp when, std::string text) {
  return add(when, Direction::kOutbound, EventType::kText, std::move(text), Sender::kAutomation);
}
HistoryBuilder& HistoryBuilder::agent_sent(Timestamp when, std::string text) {
  return add(when, Direction::kOutbound, EventType::kText, std::move(text), Sender::kHuman);
}
HistoryBuilder& HistoryBuilder::we_sent_template(Timestamp when) {
  return add(when, Direction::kOutbound, EventType::kTemplate, "", Sender::kAutomation);
}
HistoryBuilder& HistoryBuilder::event(ConversationEvent e) {
  events_.push_back(std::move(e));
  return *this;
}

HistoryBuilder a_conversation() { return HistoryBuilder(); }

// --- RequestBuilder ---

RequestBuilder::RequestBuilder(Channel channel, Message message) {
  request_.channel = channel;
  request_.message = std::move(message);
}

RequestBuilder& RequestBuilder::to(std::string e164) {
  request_.recipient.phone = std::move(e164);
  return *this;
}

RequestBuilder& RequestBuilder::to_user(std::string bsuid) {
  request_.recipient.user_id = std::move(bsuid);
  return *this;
}

RequestBuilder& RequestBuilder::at(Timestamp now) {
  request_.now = now;
  return *this;
}

RequestBuilder& RequestBuilder::at(std::string_view rfc3339) {
  request_.now = testing::at(rfc3339);
  return *this;
}

RequestBuilder& RequestBuilder::in_country(std::string iso3166_1) {
  request_.recipient.country = std::move(iso3166_1);
  return *this;
}

RequestBuilder& RequestBuilder::in_region(std::string iso3166_2) {
  request_.recipient.region = std::move(iso3166_2);
  return *this;
}

RequestBuilder& RequestBuilder::in_zone(const date::time_zone* zone) {
  request_.recipient.zone = zone;
  request_.recipient.time_zone = zone != nullptr ? std::string(zone->name()) : std::string();
  return *this;
}

RequestBuilder& RequestBuilder::id(std::string id) {
  request_.id = std::move(id);
  return *this;
}

RequestBuilder& RequestBuilder::on(Channel channel) {
  request_.channel = channel;
  return *this;
}

Template& RequestBuilder::template_info() {
  // Asking for a template property of a free-form message creates template
  // data the validator rejects (message.template with kind free_form):
  // a visible mistake, not a silent no-op.
  if (!request_.message.template_info) {
    Template t;
    t.category = Category::kService;  // "not said": invalid for a template
    request_.message.template_info = t;
  }
  return *request_.message.template_info;
}

namespace {
void set_category(Message& m, Template* t, Category c) {
  if (t != nullptr) {
    t->category = c;
  } else {
    m.category = c;
  }
}
}  // namespace

RequestBuilder& RequestBuilder::utility() {
  Message& m = request_.message;
  set_category(m, m.kind == MessageKind::kTemplate ? &template_info() : nullptr,
               Category::kUtility);
  return *this;
}

RequestBuilder& RequestBuilder::marketing() {
  Message& m = request_.message;
  set_category(m, m.kind == MessageKind::kTemplate ? &template_info() : nullptr,
               Category::kMarketing);
  return *this;
}

RequestBuilder& RequestBuilder::authentication() {
  Message& m = request_.message;
  set_category(m, m.kind == MessageKind::kTemplate ? &template_info() : nullptr,
               Category::kAuthentication);
  return *this;
}

RequestBuilder& RequestBuilder::approved() { return status(TemplateStatus::kApproved); }

RequestBuilder& RequestBuilder::status(TemplateStatus status) {
  template_info().status = status;
  return *this;
}

RequestBuilder& RequestBuilder::quality(TemplateQuality quality) {
  template_info().quality = quality;
  return *this;
}

RequestBuilder& RequestBuilder::language(std::string language) {
  template_info().language = std::move(language);
  return *this;
}

RequestBuilder& RequestBuilder::purpose(std::string purpose) {
  request_.message.purpose = std::move(purpose);
  return *this;
}

RequestBuilder& RequestBuilder::tag(MessageTag tag) {
  request_.message.tag = tag;
  return *this;
}

RequestBuilder& RequestBuilder::sent_by(Sender sender) {
  request_.message.sender = sender;
  return *this;
}

RequestBuilder& RequestBuilder::marketing_opted_out() {
  request_.recipient.marketing_opted_out = true;
  return *this;
}

RequestBuilder& RequestBuilder::already_sent(SentCounters counters) {
  request_.recipient.sent = counters;
  return *this;
}

RequestBuilder& RequestBuilder::with(const ConsentBuilder& consent) {
  request_.consent = consent.record();
  consent_number_from_recipient_ = !consent.has_number() && !consent.has_user_id();
  return *this;
}

RequestBuilder& RequestBuilder::with(ConsentRecord consent) {
  request_.consent = std::move(consent);
  consent_number_from_recipient_ = false;
  return *this;
}

RequestBuilder& RequestBuilder::without_consent() {
  request_.consent.reset();
  consent_number_from_recipient_ = false;
  return *this;
}

RequestBuilder& RequestBuilder::with(const HistoryBuilder& history) {
  return with(history.build());
}

RequestBuilder& RequestBuilder::with(std::vector<ConversationEvent> history) {
  request_.history.insert(request_.history.end(), std::make_move_iterator(history.begin()),
                          std::make_move_iterator(history.end()));
  return *this;
}

RequestBuilder& RequestBuilder::last_inbound(Timestamp when) {
  if (!request_.window) request_.window = ServiceWindow{};
  request_.window->last_inbound_at = when;
  return *this;
}

RequestBuilder& RequestBuilder::entry_point(EntryPoint entry) {
  if (!request_.window) request_.window = ServiceWindow{};
  request_.window->entry_point = entry;
  return *this;
}

RequestBuilder& RequestBuilder::window(ServiceWindow window) {
  request_.window = window;
  return *this;
}

SendRequest RequestBuilder::build() const {
  SendRequest r = request_;
  if (r.consent && consent_number_from_recipient_) {
    r.consent->phone = r.recipient.phone;
    r.consent->user_id = r.recipient.user_id;
  }
  return r;
}

namespace {
RequestBuilder free_form(Channel channel) {
  Message m;
  m.kind = MessageKind::kFreeForm;
  return RequestBuilder(channel, std::move(m));
}
}  // namespace

RequestBuilder a_whatsapp_template(std::string name) {
  Message m;
  m.kind = MessageKind::kTemplate;
  Template t;
  t.name = std::move(name);
  t.category = Category::kService;  // not said yet: invalid until utility()/...
  t.status = TemplateStatus::kPending;
  m.template_info = std::move(t);
  return RequestBuilder(Channel::kWhatsApp, std::move(m));
}

RequestBuilder a_whatsapp_message() { return free_form(Channel::kWhatsApp); }
RequestBuilder a_messenger_message() { return free_form(Channel::kMessenger); }
RequestBuilder an_instagram_message() { return free_form(Channel::kInstagram); }
RequestBuilder an_sms() { return free_form(Channel::kSms); }

}  // namespace testing
}  // namespace sendpolicy
