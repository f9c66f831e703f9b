// evaluate() must not touch the heap: counts every operator new while it runs.
#include <atomic>
#include <cstdlib>
#include <new>

#include "pack_support.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("evaluate() allocates nothing", "[alloc]") {
  std::vector<SendRequest> requests = {utility_template_request(), marketing_template_request(),
                                       free_form_reply_request(), SendRequest{}};
  SendRequest with_history = utility_template_request();
  with_history.history.push_back({with_history.now - 2h, Direction::kInbound, EventType::kText, "Stop", std::nullopt});
  requests.push_back(with_history);
  // Keyword classification on the hot path: Unicode folding, locale packs,
  // custom words, both re-opt-in models, long and invalid texts.
  SendRequest keywords = free_form_reply_request();
  for (const char* text : {"\xEF\xBC\xB3\xEF\xBC\xB4\xEF\xBC\xAF\xEF\xBC\xB0", "Arr\xC3\xAAt !",
                           "STOP \xF0\x9F\x9B\x91", "Stop. Thank you", "stop\xFF", "START",
                           "a message much longer than any keyword could ever be, well past the "
                           "stack buffer and the small-string optimisation of std::string",
                           "D\xC3\xA9sinscription", "S-T-O-P", "\xD0\xA1\xD0\xA2\xD0\x9E\xD0\x9F",
                           "stop texting me \xE2\x84\xA2", "hi"}) {
    keywords.history.push_back({keywords.now - 1h, Direction::kInbound, EventType::kText, text, std::nullopt});
  }
  requests.push_back(keywords);
  SendRequest us = marketing_template_request();
  us.recipient.phone = "+12125550123";
  requests.push_back(us);
  // A WhatsApp user known by a BSUID only: consent matching, the US. prefix
  // for the pause and the packs, an authentication template.
  SendRequest username = marketing_template_request();
  username.recipient.phone.clear();
  username.recipient.country.clear();
  username.recipient.user_id = "US.13491208655302741918";
  username.consent->phone.clear();
  username.consent->user_id = "US.99";
  requests.push_back(username);
  username.message.template_info->category = Category::kAuthentication;
  requests.push_back(username);
  // Packs: quiet hours across a DST change (defer), a cap, a missing zone,
  // CASL consent age, a Messenger tag.
  requests.push_back(sms_marketing("2026-03-08T02:30:00Z", "US-FL"));
  SendRequest capped = sms_marketing("2026-03-03T17:00:00Z", "US-TX", "America/Chicago");
  capped.recipient.sent.same_purpose_24h = 5;
  requests.push_back(capped);
  SendRequest no_zone = sms_marketing("2026-03-03T17:00:00Z");
  no_zone.recipient.zone = nullptr;
  requests.push_back(no_zone);
  SendRequest rome = sms_marketing("2026-10-25T00:40:00Z", "IT-RM", "Europe/Rome");
  rome.recipient.country = "IT";
  requests.push_back(rome);
  SendRequest casl = marketing_template_request();
  casl.recipient.country = "CA";
  casl.consent->basis = ConsentBasis::kImpliedInquiry;
  requests.push_back(casl);
  SendRequest tagged = free_form_reply_request();
  tagged.channel = Channel::kMessenger;
  tagged.window = ServiceWindow{tagged.now - 48h};
  tagged.message.tag = MessageTag::kHumanAgent;
  tagged.message.sender = Sender::kHuman;
  requests.push_back(tagged);
  Policy policy = Policy::whatsapp();
  policy.jurisdictions.widen({Channel::kWhatsApp}, {Category::kUtility});
  policy.max_consent_age = std::chrono::hours(24 * 365);
  policy.block_red_quality_templates = true;
  policy.keywords.locales.add(KeywordLocale::kFr);
  policy.keywords.locales.add(KeywordLocale::kIt);
  policy.keywords.extra_opt_out = {"D\xC3\xA9sinscription", "no more messages please"};
  policy.keywords.opt_out_first_sentence = true;

  for (const SendRequest& r : requests) {
    const long before = g_allocations.load();
    const SendDecision d = evaluate(policy, r);
    const long after = g_allocations.load();
    CAPTURE(summary(d));
    CHECK(after - before == 0);
  }
  // Both re-opt-in models.
  policy.re_opt_in = ReOptInModel::kAnyInbound;
  for (const SendRequest& r : requests) {
    const long before = g_allocations.load();
    const SendDecision d = evaluate(policy, r);
    const long after = g_allocations.load();
    CAPTURE(summary(d));
    CHECK(after - before == 0);
  }
  // The counter works: a string that escapes SSO is counted.
  const long before = g_allocations.load();
  std::string big(100, 'x');
  CHECK(g_allocations.load() - before >= 1);
}
