// The Cloud API webhook reader on arbitrary bytes. Invariants (abort on
// violation): no crash or hang; an error says what is wrong; every item is
// keyed by a phone or a BSUID (a keyless item would be stored under
// nobody) and serialises to one JSON object on one line; every problem
// names a message.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <sendpolicy/wire/webhook_json.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<sendpolicy::wire::WebhookBatch> batch = sendpolicy::wire::read_webhook(json);
  if (!batch.ok()) {
    if (batch.status().message().empty()) std::abort();
    return 0;
  }
  std::string out;
  for (const sendpolicy::wire::WebhookItem& item : batch->items) {
    if (item.user.empty()) std::abort();
    if (!item.user.phone.empty() && item.user.phone[0] != '+') std::abort();
    out.clear();
    sendpolicy::wire::append_webhook_item_json(out, item);
    if (out.size() < 2 || out.front() != '{' || out.back() != '}') std::abort();
    if (out.find('\n') != std::string::npos) std::abort();
  }
  for (const sendpolicy::wire::WebhookProblem& p : batch->problems) {
    if (p.message.empty()) std::abort();
  }
  return 0;
}
