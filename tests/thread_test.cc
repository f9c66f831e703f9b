// Many threads evaluate against one shared Policy and must agree with a
// single-threaded reference. Run under ThreadSanitizer by scripts/test.
#include <thread>
#include <vector>

#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("Concurrent evaluate() on a shared Policy matches the serial result", "[thread]") {
  const Policy policy = Policy::whatsapp();
  std::vector<SendRequest> requests;
  for (int i = 0; i < 64; ++i) {
    SendRequest r = i % 2 == 0 ? utility_template_request() : free_form_reply_request();
    r.now += std::chrono::minutes(i * 37);
    if (i % 5 == 0) r.recipient.marketing_opted_out = true;
    if (i % 7 == 0) r.message.purpose = "surveys";
    requests.push_back(r);
  }
  std::vector<std::string> expected;
  for (const SendRequest& r : requests) expected.push_back(explain(evaluate(policy, r)));

  constexpr int kThreads = 8;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (std::size_t i = 0; i < requests.size(); ++i) {
          const SendDecision d = evaluate(policy, requests[i]);
          if (round % 50 == 0 && explain(d) != expected[i]) ++mismatches[t];
          if (d.allowed() != (expected[i].rfind("allow", 0) == 0)) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) CHECK(mismatches[t] == 0);
}
