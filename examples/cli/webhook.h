// The `webhook` subcommand: WhatsApp Cloud API webhook payloads (one per
// line) in, one JSON object per item out (docs/webhooks.md).
#ifndef SENDPOLICY_EXAMPLES_CLI_WEBHOOK_H_
#define SENDPOLICY_EXAMPLES_CLI_WEBHOOK_H_

#include <cstddef>
#include <string>

namespace sendpolicy_cli {

struct WebhookOptions {
  std::string input = "-";
  std::size_t max_line_bytes = std::size_t{4} << 20;  // Meta's bodies are far smaller
};

// 0 every line read cleanly; 1 some messages/statuses were rejected (each
// named on stderr); 2 a line was not JSON, too long, or unreadable input.
// The other lines are still read in every case.
int run_webhook(const WebhookOptions& options);

}  // namespace sendpolicy_cli

#endif  // SENDPOLICY_EXAMPLES_CLI_WEBHOOK_H_
