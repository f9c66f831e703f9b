#include "sendpolicy/wire/line_auditor.h"

#include "sendpolicy/wire/decision_json.h"

namespace sendpolicy {
namespace audit {
namespace {

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

LineAuditor::LineAuditor(const Policy& policy, std::size_t max_line_bytes)
    : policy_(policy), max_line_(max_line_bytes) {}

void LineAuditor::audit_line(std::string_view text, std::uint64_t number, bool too_long,
                             std::string& out, Summary& summary, bool padded) {
  if (too_long) {
    invalid(number,
            "is longer than " + std::to_string(max_line_) + " bytes (--max-line-bytes); not read",
            {}, out, summary);
    return;
  }
  if (is_blank(text)) {
    invalid(number, "is empty; expected a JSON object", {}, out, summary);
    return;
  }
  const absl::Status status =
      padded ? parser_.parse_padded(text, request_) : parser_.parse(text, request_);
  if (!status.ok()) {
    const absl::string_view m = status.message();
    invalid(number, std::string_view(m.data(), m.size()), request_.id, out, summary);
    return;
  }
  const SendDecision d = evaluate(policy_, request_);
  wire::append_decision_json(out, request_.id, d);
  summary.add(d, request_.channel, request_.message.effective_category());
}

std::uint64_t LineAuditor::audit_lines(std::string_view buffer, std::uint64_t first_line,
                                       std::string& out, Summary& summary) {
  std::uint64_t count = 0;
  std::size_t begin = 0;
  while (begin < buffer.size()) {
    std::size_t end = buffer.find('\n', begin);
    const std::size_t next = end == std::string_view::npos ? buffer.size() : end + 1;
    if (end == std::string_view::npos) end = buffer.size();
    const std::size_t len = end - begin;
    std::string_view text = buffer.substr(begin, len);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    audit_line(text, first_line + count, len > max_line_, out, summary);
    ++count;
    begin = next;
  }
  return count;
}

void LineAuditor::invalid(std::uint64_t number, std::string_view problem, std::string_view id,
                          std::string& out, Summary& summary) {
  message_ = "line ";
  message_ += std::to_string(number);
  message_ += ": ";
  message_ += problem;
  wire::append_invalid_json(out, id, message_);
  summary.add_unreadable();
}

}  // namespace audit
}  // namespace sendpolicy
