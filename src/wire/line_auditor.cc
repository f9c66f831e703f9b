#include "sendpolicy/wire/line_auditor.h"

#include <algorithm>
#include <array>

#include "sendpolicy/wire/decision_json.h"
#include "sendpolicy/wire/request_json.h"

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

absl::StatusOr<std::size_t> line_limit(std::size_t requested, std::string_view what) {
  if (requested == 0) return kDefaultMaxLineBytes;
  if (requested < kMinLineBytes || requested > kMaxLineBytes) {
    return absl::InvalidArgumentError(std::string(what) + " must be 0 (the default, " +
                                      std::to_string(kDefaultMaxLineBytes) + ") or between " +
                                      std::to_string(kMinLineBytes) + " and " +
                                      std::to_string(kMaxLineBytes) + ", not " +
                                      std::to_string(requested));
  }
  return requested;
}

std::string too_long_problem(std::size_t max_line_bytes) {
  return "is longer than " + std::to_string(max_line_bytes) + " bytes; not read";
}

LineAuditor::LineAuditor(const Policy& policy, std::size_t max_line_bytes)
    : policy_(policy), max_line_(max_line_bytes) {}

void LineAuditor::audit_line(std::string_view text, std::uint64_t number, bool too_long,
                             std::string& out, Summary& summary, bool padded) {
  const Line line{text, number, too_long, padded};
  audit_group(&line, 1, out, summary);
}

void LineAuditor::audit_group(const Line* lines, std::size_t count, std::string& out,
                              Summary& summary, std::size_t* ends) {
  for (std::size_t first = 0; first < count; first += kGroupLines) {
    audit_one_group(lines + first, std::min(kGroupLines, count - first), out, summary,
                    ends == nullptr ? nullptr : ends + first);
  }
}

void LineAuditor::audit_one_group(const Line* lines, std::size_t count, std::string& out,
                                  Summary& summary, std::size_t* ends) {
  std::array<Read, kGroupLines> reads;
  std::array<absl::Status, kGroupLines> statuses;
  bool big = false;
  for (std::size_t i = 0; i < count; ++i) {
    reads[i] = read(lines[i], requests_[i], statuses[i]);
    big = big || lines[i].text.size() > kDefaultMaxLineBytes;
  }
  for (std::size_t i = 0; i < count; ++i) {
    decide(lines[i], reads[i], requests_[i], statuses[i], out, summary);
    if (ends != nullptr) ends[i] = out.size();
  }
  // A line far above the usual size leaves its capacity in the reused
  // requests and parser; give it back so each auditor (one per thread) keeps
  // memory of the ordinary size, not of the largest line it has seen.
  if (big) {
    for (SendRequest& r : requests_) r = SendRequest{};
    parser_.release_memory();
  }
}

LineAuditor::Read LineAuditor::read(const Line& line, SendRequest& request,
                                    absl::Status& status) {
  if (line.too_long) return Read::kTooLong;
  if (is_blank(line.text)) return Read::kBlank;
  status = line.padded ? parser_.parse_padded(line.text, request)
                       : parser_.parse(line.text, request);
  return status.ok() ? Read::kRequest : Read::kUnparsed;
}

void LineAuditor::decide(const Line& line, Read read, const SendRequest& request,
                         const absl::Status& status, std::string& out, Summary& summary) {
  switch (read) {
    case Read::kTooLong:
      invalid(line.number, too_long_problem(max_line_), {}, out, summary);
      return;
    case Read::kBlank:
      invalid(line.number, "is empty; expected a JSON object", {}, out, summary);
      return;
    case Read::kUnparsed: {
      const absl::string_view m = status.message();
      invalid(line.number, std::string_view(m.data(), m.size()), request.id, out, summary);
      return;
    }
    case Read::kRequest:
      break;
  }
  const SendDecision d = evaluate(policy_, request);
  if (const std::string_view field = wire::time_out_of_range(d); !field.empty()) {
    invalid(line.number, wire::result_out_of_range_problem(field), request.id, out, summary);
    return;
  }
  // The "line 7: " prefix is written only into an invalid_request reason's
  // sentence; building it for every line was a measurable part of the audit.
  std::string_view prefix;
  for (const Reason& r : d.reasons) {
    if (r.code == ReasonCode::kInvalidRequest) {
      message_ = "line ";
      message_ += std::to_string(line.number);
      message_ += ": ";
      prefix = message_;
      break;
    }
  }
  wire::append_decision_json(out, request.id, d, prefix);
  summary.add(d, request.channel, request.message.effective_category());
}

std::uint64_t LineAuditor::audit_lines(std::string_view buffer, std::uint64_t first_line,
                                       std::string& out, Summary& summary) {
  std::uint64_t count = 0;
  std::size_t begin = 0;
  std::array<Line, kGroupLines> group;
  std::size_t grouped = 0;
  while (begin < buffer.size()) {
    std::size_t end = buffer.find('\n', begin);
    const std::size_t next = end == std::string_view::npos ? buffer.size() : end + 1;
    if (end == std::string_view::npos) end = buffer.size();
    const std::size_t len = end - begin;
    std::string_view text = buffer.substr(begin, len);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    // A line with RequestParser::kPadding bytes of the buffer after it (the
    // next lines) is parsed in place; only the last lines are copied into
    // the parser's padded buffer.
    const bool padded = begin + len + wire::RequestParser::kPadding <= buffer.size();
    group[grouped++] = Line{text, first_line + count, len > max_line_, padded};
    if (grouped == kGroupLines) {
      audit_group(group.data(), grouped, out, summary);
      grouped = 0;
    }
    ++count;
    begin = next;
  }
  if (grouped > 0) audit_group(group.data(), grouped, out, summary);
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
