// Structured fuzzing of evaluate(): arbitrary field values, including enum
// values outside their range, times anywhere in 0001..9999, random strings.
// Invariants checked on every input (abort on violation):
//   - an invalid request (find_invalid_field) is never allowed;
//   - allow iff no reasons; billing none iff not allowed; retry_at iff defer;
//   - evaluation is deterministic.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>

#include "sendpolicy/sendpolicy.h"

namespace sp = sendpolicy;

namespace {

template <class E>
E any_enum(FuzzedDataProvider& in) {
  // Mostly valid values, sometimes one past the end or garbage.
  return static_cast<E>(in.ConsumeIntegralInRange<int>(0, static_cast<int>(sp::EnumTraits<E>::kCount) + 1));
}

sp::Timestamp any_time(FuzzedDataProvider& in, sp::Timestamp near) {
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0:
      return near - sp::Duration(in.ConsumeIntegralInRange<long>(-100, 400 * 86400L));
    case 1:
      return sp::Timestamp(sp::Duration(in.ConsumeIntegralInRange<long>(-62135596800L, 253402300799L)));
    case 2:
      return near;
    default:
      return near - std::chrono::hours(24) + sp::Duration(in.ConsumeIntegralInRange<int>(-2, 2));
  }
}

std::string any_phone(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: return "+393471234567";
    case 1: return "+12125550123";
    case 2: return "+14165550123";
    default: return in.ConsumeRandomLengthString(20);
  }
}

std::string any_user_id(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: return "US.13491208655302741918";
    case 1: return "IT.ENT.11815799212886844830";
    case 2: return "us.12125550123";
    default: return in.ConsumeRandomLengthString(20);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  sp::SendRequest r;
  r.now = any_time(in, sp::Timestamp(sp::Duration(1772452800)));  // 2026-03-02T12:00:00Z
  r.channel = any_enum<sp::Channel>(in);
  r.recipient.phone = any_phone(in);
  r.recipient.country = in.ConsumeRandomLengthString(3);
  r.recipient.marketing_opted_out = in.ConsumeBool();
  r.recipient.sent.marketing_24h = in.ConsumeIntegralInRange<int>(-1, 5);
  r.recipient.sent.same_purpose_24h = in.ConsumeIntegralInRange<int>(-1, 5);
  if (in.ConsumeBool()) {
    sp::ConsentRecord c;
    c.phone = in.ConsumeBool() ? r.recipient.phone : any_phone(in);
    c.status = any_enum<sp::ConsentStatus>(in);
    c.basis = any_enum<sp::ConsentBasis>(in);
    if (in.ConsumeBool()) c.granted_at = any_time(in, r.now);
    if (in.ConsumeBool()) c.withdrawn_at = any_time(in, r.now);
    if (in.ConsumeBool()) c.double_opt_in_at = any_time(in, r.now);
    c.source = any_enum<sp::ConsentSource>(in);
    c.method = any_enum<sp::ConsentMethod>(in);
    const int purposes = in.ConsumeIntegralInRange<int>(0, 4);
    for (int i = 0; i < purposes; ++i) c.purposes.push_back(in.ConsumeRandomLengthString(12));
    c.notice = {in.ConsumeBool(), in.ConsumeBool(), in.ConsumeBool(), in.ConsumeBool()};
    r.consent = c;
  }
  if (in.ConsumeBool()) {
    r.window = sp::ServiceWindow{};
    if (in.ConsumeBool()) r.window->last_inbound_at = any_time(in, r.now);
    r.window->entry_point = any_enum<sp::EntryPoint>(in);
  }
  const int events = in.ConsumeIntegralInRange<int>(0, 6);
  for (int i = 0; i < events; ++i) {
    r.history.push_back(sp::ConversationEvent{any_time(in, r.now), any_enum<sp::Direction>(in),
                                              any_enum<sp::EventType>(in),
                                              in.ConsumeRandomLengthString(24),
                                              any_enum<sp::Sender>(in)});
  }
  r.message.kind = any_enum<sp::MessageKind>(in);
  if (in.ConsumeBool()) r.message.category = any_enum<sp::Category>(in);
  r.message.purpose = in.ConsumeRandomLengthString(12);
  if (in.ConsumeBool()) {
    r.message.template_info = sp::Template{in.ConsumeRandomLengthString(8), "it",
                                           any_enum<sp::Category>(in), any_enum<sp::TemplateStatus>(in),
                                           any_enum<sp::TemplateQuality>(in)};
  }
  if (in.ConsumeBool()) r.message.tag = any_enum<sp::MessageTag>(in);
  r.message.sender = any_enum<sp::Sender>(in);

  // WhatsApp user IDs (wire v1.1), read last so older corpus entries keep
  // their meaning: sometimes in place of the number, sometimes beside it.
  if (in.ConsumeBool()) {
    r.recipient.user_id = any_user_id(in);
    if (in.ConsumeBool()) r.recipient.phone.clear();
    if (r.consent && in.ConsumeBool()) {
      r.consent->user_id = in.ConsumeBool() ? r.recipient.user_id : any_user_id(in);
      if (in.ConsumeBool()) r.consent->phone.clear();
    }
  }

  sp::Policy policy = sp::Policy::whatsapp();
  policy.block_red_quality_templates = in.ConsumeBool();
  if (in.ConsumeBool()) policy.max_consent_age = sp::Duration(in.ConsumeIntegralInRange<long>(0, 400 * 86400L));
  if (in.ConsumeBool()) policy.marketing_cap_24h = in.ConsumeIntegralInRange<int>(0, 3);

  const sp::SendDecision d = sp::evaluate(policy, r);
  const bool invalid = sp::find_invalid_field(r).has_value();
  if (invalid && (d.allowed() || !d.has(sp::ReasonCode::kInvalidRequest))) std::abort();
  if (d.allowed() != d.reasons.empty()) std::abort();
  if ((d.billing == sp::Billing::kNone) == d.allowed()) std::abort();
  if (d.retry_at.has_value() != (d.verdict == sp::Verdict::kDefer)) std::abort();
  const sp::SendDecision again = sp::evaluate(policy, r);
  if (sp::explain(again) != sp::explain(d)) std::abort();
  return 0;
}
