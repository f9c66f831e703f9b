// `sendpolicy webhook FILE|-`: reads one Cloud API webhook payload per line
// and writes one JSON object per item (JSON Lines); a summary of items by
// kind and of what was skipped goes to stderr.
#include "webhook.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include <sendpolicy/wire/webhook_json.h>

#include "commands.h"
#include "line_reader.h"

namespace sp = sendpolicy;

namespace sendpolicy_cli {

int run_webhook(const WebhookOptions& o) {
  const std::string name = o.input == "-" ? "<stdin>" : o.input;
  int fd = STDIN_FILENO;
  if (o.input != "-") {
    fd = ::open(o.input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      std::fprintf(stderr, "sendpolicy webhook: cannot open %s: %s\n", o.input.c_str(),
                   std::strerror(errno));
      return kExitUsageOrInput;
    }
  }
  LineReader reader(fd, o.max_line_bytes);
  LineReader::Line line;
  std::map<std::string, long long> items_by_kind;
  std::map<std::string, long long> skipped;
  long long lines = 0;
  long long bad_lines = 0;
  long long problems = 0;
  std::string out;
  while (reader.next(line)) {
    if (line.text.empty() && !line.too_long) continue;  // blank lines separate nothing
    ++lines;
    const std::string where = name + ":" + std::to_string(line.number);
    if (line.too_long) {
      ++bad_lines;
      std::fprintf(stderr, "%s: line longer than %zu bytes, not read\n", where.c_str(),
                   o.max_line_bytes);
      continue;
    }
    const absl::StatusOr<sp::wire::WebhookBatch> batch = sp::wire::read_webhook(line.text);
    if (!batch.ok()) {
      ++bad_lines;
      std::fprintf(stderr, "%s: %s\n", where.c_str(), std::string(batch.status().message()).c_str());
      continue;
    }
    out.clear();
    for (const sp::wire::WebhookItem& item : batch->items) {
      sp::wire::append_webhook_item_json(out, item);
      out += '\n';
      ++items_by_kind[std::string(sp::wire::to_string(item.kind()))];
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    for (const auto& [key, n] : batch->skipped) skipped[key] += n;
    for (const sp::wire::WebhookProblem& p : batch->problems) {
      ++problems;
      std::fprintf(stderr, "%s: %s: %s\n", where.c_str(), p.path.c_str(), p.message.c_str());
    }
  }
  if (fd != STDIN_FILENO) ::close(fd);
  std::fflush(stdout);

  long long total = 0;
  for (const auto& [kind, n] : items_by_kind) total += n;
  std::fprintf(stderr, "webhook: %lld payloads, %lld items", lines, total);
  const char* sep = " (";
  for (const auto& [kind, n] : items_by_kind) {
    std::fprintf(stderr, "%s%s %lld", sep, kind.c_str(), n);
    sep = ", ";
  }
  std::fputs(total > 0 ? ")\n" : "\n", stderr);
  long long skipped_total = 0;
  for (const auto& [key, n] : skipped) skipped_total += n;
  std::fprintf(stderr, "webhook: skipped %lld", skipped_total);
  sep = " (";
  for (const auto& [key, n] : skipped) {
    std::fprintf(stderr, "%s%s %lld", sep, key.c_str(), n);
    sep = ", ";
  }
  std::fputs(skipped_total > 0 ? ")\n" : "\n", stderr);
  std::fprintf(stderr, "webhook: %lld rejected, %lld unreadable payloads\n", problems, bad_lines);
  if (reader.failed()) {
    std::fprintf(stderr, "sendpolicy webhook: %s: %s\n", name.c_str(), reader.error().c_str());
    return kExitUsageOrInput;
  }
  if (bad_lines > 0) return kExitUsageOrInput;
  return problems > 0 ? kExitDenyOrDefer : kExitAllow;
}

}  // namespace sendpolicy_cli
