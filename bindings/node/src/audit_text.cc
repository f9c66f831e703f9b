#include "audit_text.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <thread>
#include <vector>

#include <sendpolicy/wire/line_auditor.h>
#include <sendpolicy/wire/summary.h>

namespace sendpolicy_node {
namespace {

namespace sp = sendpolicy;

struct Slice {
  std::string_view text;
  std::uint64_t first_line;
  std::string out;
  std::exception_ptr error;  // from a worker thread, rethrown on the caller's
};

// Cuts `text` into about `n` slices, each ending just after a '\n' (the
// last one where the text ends), and numbers each slice's first line,
// counting from `first_line`.
std::vector<Slice> slices(std::string_view text, std::size_t n, std::uint64_t first_line) {
  std::vector<Slice> out;
  std::uint64_t line = first_line;
  std::size_t begin = 0;
  const std::size_t target = text.size() / n + 1;
  while (begin < text.size()) {
    std::size_t end = text.size();
    if (out.size() + 1 < n && begin + target < text.size()) {
      const std::size_t nl = text.find('\n', begin + target);
      if (nl != std::string_view::npos) end = nl + 1;
    }
    const std::string_view part = text.substr(begin, end - begin);
    out.push_back({part, line, {}, nullptr});
    // Only a slice after this one needs the count (it was ~6% of
    // auditLines() on one thread, where there is no slice after it).
    if (end < text.size()) {
      line += static_cast<std::uint64_t>(std::count(part.begin(), part.end(), '\n'));
    }
    begin = end;
  }
  return out;
}

void audit_slice(const sp::Policy& policy, std::size_t max_line_bytes, Slice& slice) noexcept {
  try {
    sp::audit::LineAuditor auditor(policy, max_line_bytes);
    sp::audit::Summary summary;  // counted but not returned (yet)
    // Decisions are usually shorter than their requests: one allocation
    // instead of a doubling string that copies and re-faults its pages.
    slice.out.reserve(slice.text.size());
    auditor.audit_lines(slice.text, slice.first_line, slice.out, summary);
  } catch (...) {
    slice.error = std::current_exception();  // an exception must not leave a std::thread
  }
}

}  // namespace

std::string audit_text(const sp::Policy& policy, std::string_view text, std::size_t threads,
                       std::size_t max_line_bytes, std::uint64_t first_line) {
  threads = std::clamp<std::size_t>(threads, 1, kMaxAuditThreads);
  std::vector<Slice> parts = slices(text, threads, first_line);
  if (parts.size() <= 1) {
    std::string out;
    if (!parts.empty()) {
      audit_slice(policy, max_line_bytes, parts[0]);
      if (parts[0].error) std::rethrow_exception(parts[0].error);
      out = std::move(parts[0].out);
    }
    return out;
  }
  std::vector<std::thread> workers;
  workers.reserve(parts.size() - 1);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    workers.emplace_back([&, i] { audit_slice(policy, max_line_bytes, parts[i]); });
  }
  audit_slice(policy, max_line_bytes, parts[0]);
  for (std::thread& t : workers) t.join();
  for (const Slice& s : parts) {
    if (s.error) std::rethrow_exception(s.error);
  }
  std::size_t size = 0;
  for (const Slice& s : parts) size += s.out.size();
  std::string out;
  out.reserve(size);
  for (const Slice& s : parts) out += s.out;
  return out;
}

}  // namespace sendpolicy_node
