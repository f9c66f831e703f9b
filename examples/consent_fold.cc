#include <chrono>
#include <iostream>

#include <sendpolicy/sendpolicy.h>

int main() {
  using namespace std::chrono_literals;
  namespace sp = sendpolicy;
  const sp::Timestamp now = *sp::parse_timestamp("2026-03-02T12:00:00Z");
  const std::string phone = "+393471234567";

  // The backend's consent events for this number and business, oldest first.
  sp::ConsentEvent form = sp::ConsentEvent::opt_in(now - 48h, phone, "acme",
                                                   {"order_updates", "marketing"});
  form.notice = sp::NoticeShown{true, true, true, true};
  form.notice_version = "2026-01";
  form.evidence_ref = "form-8812";
  const std::vector<sp::ConsentEvent> ledger = {
      form,
      sp::ConsentEvent::withdrawal(now - 24h, phone, "acme", sp::WithdrawalChannel::kUi,
                                   {"marketing"}),  // "no more offers", order updates kept
  };
  const absl::StatusOr<sp::FoldedConsent> folded = sp::fold_consent(ledger, now);
  if (!folded.ok()) {
    std::cerr << folded.status() << '\n';  // e.g. events[1].at: is after now
    return 2;
  }

  sp::SendRequest req;
  req.now = now;
  req.recipient.phone = phone;
  req.consent = folded->consent;
  req.message.kind = sp::MessageKind::kTemplate;
  req.message.purpose = "order_updates";
  req.message.template_info = sp::Template{"order_shipped", "it", sp::Category::kUtility,
                                           sp::TemplateStatus::kApproved};
  // The conversation: the customer wrote STOP, then START.
  req.history = {
      {now - 3h, sp::Direction::kInbound, sp::EventType::kText, "Stop.", std::nullopt},
      {now - 1h, sp::Direction::kInbound, sp::EventType::kText, "START", std::nullopt},
  };

  const sp::SendDecision d = sp::evaluate(sp::Policy::whatsapp(), req);
  std::cout << sp::explain(d);  // allow, warning re_opted_in_by_keyword
  req.history.pop_back();       // without the START...
  std::cout << sp::explain(sp::evaluate(sp::Policy::whatsapp(), req));  // deny: opt_in_withdrawn
  return d.allowed() ? 0 : 1;
}
