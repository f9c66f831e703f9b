// Sentences for decisions, built only on demand.
#include "sendpolicy/explain.h"

#include <charconv>
#include <string_view>

#include "reason_text.h"

namespace sendpolicy {
namespace {

// The sink the sentences (src/reason_text.h) are written to here.
class StringSink {
 public:
  explicit StringSink(std::string& out) noexcept : out_(out) {}
  void put(std::string_view s) { out_.append(s.data(), s.size()); }
  void put(char c) { out_.push_back(c); }
  void put_int(long long v) {
    char buf[24];
    out_.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf));
  }
  void put_time(Timestamp t) {
    char buf[20];
    put(format_timestamp(t, buf));
  }

 private:
  std::string& out_;
};

}  // namespace

void append_reason_message(std::string& out, const SendDecision& d, const Reason& r) {
  StringSink sink(out);
  internal::put_reason_message(sink, d, r);
}

std::string reason_message(const SendDecision& d, const Reason& r) {
  std::string s;
  append_reason_message(s, d, r);
  return s;
}

std::string warning_message(const SendDecision& d, const Warning& w) {
  std::string s;
  StringSink sink(s);
  internal::put_warning_message(sink, d, w);
  return s;
}

std::string explain(const SendDecision& d) {
  std::string s(to_string(d.verdict));
  if (d.retry_at) s += " until " + format_timestamp(*d.retry_at);
  s += '\n';
  for (const Reason& r : d.reasons) {
    s += "  ";
    s += to_string(r.code);
    s += " [";
    s += r.rule;
    s += "]: ";
    s += reason_message(d, r);
    s += '\n';
  }
  for (const Warning& w : d.warnings) {
    s += "  warning ";
    s += to_string(w.code);
    s += ": ";
    s += warning_message(d, w);
    s += '\n';
  }
  return s;
}

}  // namespace sendpolicy
