// A custom pack in a few lines: a company's own house rules for texts to
// Connecticut (09:00-20:00, at most 2 marketing texts a day, written
// consent), composed on top of the default packs, then one evaluation.
#include <chrono>
#include <iostream>

#include <sendpolicy/sendpolicy.h>

int main() {
  using namespace std::chrono_literals;
  // --- the pack definition ---
  sendpolicy::Pack ct;
  ct.id = "acme_us_ct";
  ct.name = "ACME rules for Connecticut texts";
  ct.quiet_hours = sendpolicy::QuietHours{sendpolicy::WeeklyHours::every_day({9h, 20h})};
  sendpolicy::FrequencyCap cap;
  cap.limit = 2;
  cap.counter = sendpolicy::CapCounter::kMarketing24h;
  ct.frequency_cap = cap;
  ct.consent.written_consent_for_marketing = true;
  ct.valid_from = date::sys_days{date::year{2023} / 10 / 1};
  ct.sources = "CT telephone solicitation hours from 2023-10-01 (legal-rules 4.2 [S]); ACME memo";
  sendpolicy::Policy policy = sendpolicy::Policy::whatsapp();
  policy.jurisdictions.bind("US-CT", ct);
  // --- end of the pack definition ---

  sendpolicy::ZoneResolver zones;
  sendpolicy::SendRequest r;
  r.now = *sendpolicy::parse_timestamp("2026-03-03T01:30:00Z");  // 20:30 in Hartford
  r.channel = sendpolicy::Channel::kSms;
  r.recipient.phone = "+18605550123";
  r.recipient.country = "US";
  r.recipient.region = "US-CT";
  r.recipient.time_zone = "America/New_York";
  if (absl::Status s = zones.resolve(r.recipient); !s.ok()) {
    std::cerr << s << "\n";
    return 1;
  }
  sendpolicy::ConsentRecord consent;
  consent.phone = r.recipient.phone;
  consent.granted_at = r.now - 24h * 30;
  consent.method = sendpolicy::ConsentMethod::kCheckbox;
  consent.purposes = {"promotions"};
  consent.notice = {true, true, false, true};
  r.consent = consent;
  r.message.category = sendpolicy::Category::kMarketing;
  r.message.purpose = "promotions";

  const sendpolicy::SendDecision d = sendpolicy::evaluate(policy, r);
  std::cout << sendpolicy::to_string(d.verdict);  // "defer": after 20:00 in Connecticut
  if (d.retry_at) std::cout << " until " << sendpolicy::format_timestamp(*d.retry_at);
  std::cout << "\n";
  return d.verdict == sendpolicy::Verdict::kDefer ? 0 : 1;
}
