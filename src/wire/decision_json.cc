#include "sendpolicy/wire/decision_json.h"

#include "sendpolicy/enums.h"
#include "sendpolicy/explain.h"
#include "sendpolicy/reasons.h"
#include "sendpolicy/wire/json_writer.h"

namespace sendpolicy {
namespace wire {
namespace {

void append_id(std::string& out, std::string_view id) {
  out += "{\"id\":";
  if (id.empty()) {
    out += "null";
  } else {
    append_json_string(out, id);
  }
}

void append_reason_head(std::string& out, std::string_view code, std::string_view rule) {
  out += "{\"code\":\"";
  out += code;
  out += "\",\"rule\":";
  append_json_string(out, rule);
  out += ",\"message\":";
}

void append_reason_tail(std::string& out, int platform_error) {
  out += ",\"platform_error\":";
  if (platform_error == 0) {
    out += "null";
  } else {
    append_json_int(out, platform_error);
  }
  out += '}';
}

}  // namespace

std::string_view time_out_of_range(const SendDecision& d) noexcept {
  using namespace std::chrono;
  // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds.
  constexpr Timestamp kFirst{seconds{-62135596800}};
  constexpr Timestamp kLast{seconds{253402300799}};
  const auto outside = [&](const std::optional<Timestamp>& t) {
    return t && (*t < kFirst || *t > kLast);
  };
  if (outside(d.window.closes_at)) return "window.closes_at";
  if (outside(d.retry_at)) return "retry_at";
  return {};
}

std::string result_out_of_range_problem(std::string_view field) {
  std::string s(field);
  s += " would fall outside the years 0001-9999 that RFC 3339 times can carry; times this close "
       "to the end of year 9999 are not supported";
  return s;
}

void append_decision_json(std::string& out, std::string_view id, const SendDecision& d,
                          std::string_view invalid_prefix) {
  append_id(out, id);
  out += ",\"verdict\":\"";
  out += to_string(d.verdict);
  out += "\",\"reasons\":[";
  bool first = true;
  for (const Reason& r : d.reasons) {
    if (!first) out += ',';
    first = false;
    append_reason_head(out, to_string(r.code), r.rule);
    // The sentence is written straight into `out` (no string per reason),
    // then quoted; it needs escaping only if it quotes odd request text.
    out += '"';
    const std::size_t start = out.size();
    if (r.code == ReasonCode::kInvalidRequest) out += invalid_prefix;
    append_reason_message(out, d, r);
    if (json_safe(std::string_view(out).substr(start))) {
      out += '"';
    } else {
      const std::string raw = out.substr(start);
      out.resize(start - 1);
      append_json_string(out, raw);
    }
    append_reason_tail(out, r.platform_error);
  }
  out += "],\"warnings\":[";
  first = true;
  for (const Warning& w : d.warnings) {
    if (!first) out += ',';
    first = false;
    out += "{\"code\":\"";
    out += to_string(w.code);
    out += "\",\"message\":";
    append_json_string(out, warning_message(d, w));
    out += '}';
  }
  out += "],\"window\":{\"open\":";
  out += d.window.open ? "true" : "false";
  out += ",\"closes_at\":";
  append_json_timestamp(out, d.window.closes_at);
  out += "},\"required_form\":\"";
  out += to_string(d.required_form);
  out += "\",\"retry_at\":";
  append_json_timestamp(out, d.retry_at);
  out += ",\"billing\":\"";
  out += to_string(d.billing);
  out += "\"}\n";
}

void append_invalid_json(std::string& out, std::string_view id, std::string_view message) {
  const ReasonInfo& info = reason_info(ReasonCode::kInvalidRequest);
  append_id(out, id);
  out += ",\"verdict\":\"deny\",\"reasons\":[";
  append_reason_head(out, info.name, info.default_rule);
  append_json_string(out, message);
  append_reason_tail(out, 0);
  out += "],\"warnings\":[],\"window\":{\"open\":false,\"closes_at\":null},"
         "\"required_form\":\"template\",\"retry_at\":null,\"billing\":\"none\"}\n";
}

}  // namespace wire
}  // namespace sendpolicy
