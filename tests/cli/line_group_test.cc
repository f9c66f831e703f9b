// LineAuditor::audit_group parses a group of lines before it decides and
// writes any of them. These tests pin that grouping changes nothing: the
// bytes written and the counts are those of auditing the same lines one at
// a time, in every group size and in calls of several groups, with
// unreadable, blank, too-long and very long lines mixed in among the
// bundled campaign's requests.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <sendpolicy/sendpolicy.h>

#include <sendpolicy/wire/line_auditor.h>

// Its own namespace: the test programs compile as unity batches.
namespace line_group_test {

namespace sp = sendpolicy;
using Auditor = sp::audit::LineAuditor;

namespace {

std::vector<std::string> campaign_lines() {
  std::ifstream in(SENDPOLICY_SOURCE_DIR "/examples/data/campaign.jsonl");
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// A request valid in every way but its size: an id of `bytes` characters.
std::string huge_request(std::size_t bytes) {
  return R"({"id":")" + std::string(bytes, 'x') +
         R"(","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)"
         R"("message":{"kind":"free_form"}})";
}

// The campaign with lines of every other outcome spliced in every few
// lines, so that they fall at every position of a group.
std::vector<std::string> mixed_lines() {
  const std::vector<std::string> hostile = {
      "",                                    // blank
      "  \t ",                               // blank
      R"({"id":"cut","now":)",               // malformed JSON
      R"({"id":"bad-enum","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)"
      R"("message":{"kind":"letter"}})",     // unknown enum
      R"({"id":"late","now":"9999-12-31T23:00:00Z","recipient":{"phone":"+393471234567"},)"
      R"("window":{"last_inbound_at":"9999-12-31T22:00:00Z"},"message":{"kind":"free_form"}})",
      // closes_at after year 9999: a result out of range
      R"({"id":"future","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)"
      R"("history":[{"at":"2027-01-01T00:00:00Z","direction":"inbound"}],)"
      R"("message":{"kind":"free_form"}})",  // invalid_request from evaluate()
  };
  const std::vector<std::string> campaign = campaign_lines();
  std::vector<std::string> lines;
  std::size_t next_hostile = 0;
  for (std::size_t i = 0; i < campaign.size() && i < 240; ++i) {
    lines.push_back(campaign[i]);
    if (i % 3 == 1) lines.push_back(hostile[next_hostile++ % hostile.size()]);
    // Longer than the default size: the auditor gives the memory back
    // after the group that holds it, and the next group starts afresh.
    if (i == 100) lines.push_back(huge_request(std::size_t{3} << 20));
  }
  return lines;
}

struct Audited {
  std::string out;
  std::string summary;
  std::vector<std::size_t> ends;  // out.size() after each line's decision
};

constexpr std::size_t kMaxLine = std::size_t{4} << 20;
// Lines this long are "too long" (the reader's flag), whatever their text.
constexpr std::size_t kTooLongEvery = 29;

bool too_long_at(std::size_t i) { return i % kTooLongEvery == kTooLongEvery - 1; }

// Every line through audit_line(), one at a time.
Audited one_at_a_time(const sp::Policy& policy, const std::vector<std::string>& lines) {
  Auditor auditor(policy, kMaxLine);
  sp::audit::Summary summary;
  Audited a;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auditor.audit_line(lines[i], i + 1, too_long_at(i), a.out, summary);
  }
  a.summary = summary.format("input");
  return a;
}

// The same lines through audit_group(), `size` at a time.
Audited grouped(const sp::Policy& policy, const std::vector<std::string>& lines,
                std::size_t size) {
  Auditor auditor(policy, kMaxLine);
  sp::audit::Summary summary;
  Audited a;
  std::vector<Auditor::Line> group;
  std::vector<std::size_t> ends;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    group.push_back(Auditor::Line{lines[i], i + 1, too_long_at(i), /*padded=*/false});
    if (group.size() == size || i + 1 == lines.size()) {
      ends.assign(group.size(), 0);
      auditor.audit_group(group.data(), group.size(), a.out, summary, ends.data());
      a.ends.insert(a.ends.end(), ends.begin(), ends.end());
      group.clear();
    }
  }
  a.summary = summary.format("input");
  return a;
}

std::size_t count_lines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n' ? 1 : 0;
  return n;
}

// Where each line of `text` ends (after its '\n').
std::vector<std::size_t> line_ends(const std::string& text) {
  std::vector<std::size_t> ends;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') ends.push_back(i + 1);
  }
  return ends;
}

}  // namespace

TEST_CASE("audit_group writes what auditing one line at a time writes", "[wire][audit]") {
  const std::vector<std::string> lines = mixed_lines();
  REQUIRE(lines.size() > 300);
  const sp::Policy policy = sp::Policy::whatsapp();
  const Audited reference = one_at_a_time(policy, lines);
  // One decision per line, in order, every kind of outcome among them.
  REQUIRE(count_lines(reference.out) == lines.size());
  CHECK(reference.out.find(R"("verdict":"allow")") != std::string::npos);
  CHECK(reference.out.find("is empty; expected a JSON object") != std::string::npos);
  CHECK(reference.out.find("malformed JSON") != std::string::npos);
  CHECK(reference.out.find("would fall outside the years 0001-9999") != std::string::npos);
  CHECK(reference.out.find("; not read") != std::string::npos);

  // Every size up to a group, and calls of more than a group at once
  // (audit_group splits them).
  const std::size_t size =
      GENERATE(range<std::size_t>(1, Auditor::kGroupLines + 1), Auditor::kGroupLines + 3,
               3 * Auditor::kGroupLines);
  CAPTURE(size);
  const Audited a = grouped(policy, lines, size);
  CHECK(a.summary == reference.summary);
  REQUIRE(a.out.size() == reference.out.size());
  CHECK(a.out == reference.out);
  // Each decision's end, as Python's audit() uses them to yield one line per
  // input line.
  CHECK(a.ends == line_ends(reference.out));
}

TEST_CASE("audit_lines groups the lines of a buffer without changing a byte",
          "[wire][audit]") {
  std::vector<std::string> lines = mixed_lines();
  // audit_lines() splits the buffer itself: no line may hold a '\n', and
  // the too-long flag comes from the length alone.
  std::string buffer;
  for (const std::string& line : lines) buffer += line + "\n";
  const sp::Policy policy = sp::Policy::whatsapp();

  Auditor by_line(policy, kMaxLine);
  sp::audit::Summary line_summary;
  std::string line_out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    by_line.audit_line(lines[i], i + 1, lines[i].size() > kMaxLine, line_out, line_summary);
  }

  Auditor by_buffer(policy, kMaxLine);
  sp::audit::Summary buffer_summary;
  std::string buffer_out;
  CHECK(by_buffer.audit_lines(buffer, 1, buffer_out, buffer_summary) == lines.size());
  CHECK(buffer_summary.format("input") == line_summary.format("input"));
  CHECK(buffer_out == line_out);
}

}  // namespace line_group_test
