// libsendpolicy_c: the C API (include/sendpolicy/sendpolicy_c.h) over the
// wire library and the shared line auditor, so its decisions are the bytes
// `sendpolicy audit` writes. Every entry point catches everything: a C++
// exception must never unwind into a C caller (undefined behaviour).
#include "sendpolicy/sendpolicy_c.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>
#include <new>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <sendpolicy/sendpolicy.h>
#include <sendpolicy/version.h>

#include <sendpolicy/wire/line_auditor.h>
#include <sendpolicy/wire/summary.h>
#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/json_writer.h>
#include <sendpolicy/wire/ledger_json.h>
#include <sendpolicy/wire/policy_json.h>
#include <sendpolicy/wire/request_json.h>
#include <sendpolicy/wire/webhook_json.h>

// The two handle kinds are distinct incomplete types in C, so passing one
// for the other is a compiler diagnostic there; through an FFI with untyped
// pointers it is not, so each live handle is also registered below.
struct sendpolicy_policy {
  sendpolicy::Policy policy;
};

struct sendpolicy_summary {
  sendpolicy::audit::Summary summary;
};

namespace {

namespace sp = sendpolicy;

// sendpolicy_audit_jsonl() reserves at most this much for its output ahead.
constexpr std::size_t kAuditReserveCap = std::size_t{64} << 20;

// The live handles of one kind. A wrong handle (the other kind, a pointer
// to anything else, a freed handle) is refused by looking its address up
// here: no byte behind the pointer is read unless it is a handle this
// library created and has not freed. Reads share the lock, so a policy
// used by many threads at once does not serialise them.
class Registry {
 public:
  void add(const void* handle) {
    std::unique_lock<std::shared_mutex> lock(mu_);
    live_.insert(handle);
  }
  bool remove(const void* handle) {
    std::unique_lock<std::shared_mutex> lock(mu_);
    return live_.erase(handle) != 0;
  }
  bool contains(const void* handle) const {
    std::shared_lock<std::shared_mutex> lock(mu_);
    return live_.count(handle) != 0;
  }

 private:
  mutable std::shared_mutex mu_;
  std::unordered_set<const void*> live_;
};

// Never destroyed: handles may be freed from other static destructors.
Registry& policies() {
  static Registry* r = new Registry;
  return *r;
}
Registry& summaries() {
  static Registry* r = new Registry;
  return *r;
}

// Writes `message` into the caller's error buffer, truncated and
// NUL-terminated; a NULL buffer or zero capacity means "not wanted".
void set_error(char* error, std::size_t capacity, std::string_view message) noexcept {
  if (error == nullptr || capacity == 0) return;
  const std::size_t n = std::min(message.size(), capacity - 1);
  if (n > 0) std::memcpy(error, message.data(), n);
  error[n] = '\0';
}

sendpolicy_status fail(sendpolicy_status status, char* error, std::size_t capacity,
                       std::string_view message) noexcept {
  set_error(error, capacity, message);
  return status;
}

// Copies `text` and a NUL into the caller's buffer, or reports the size
// needed. *out_size is always set.
// Not noexcept: the message may allocate; callers run it inside guarded().
sendpolicy_status deliver(const std::string& text, char* out, std::size_t capacity,
                          std::size_t* out_size, char* error, std::size_t error_capacity) {
  *out_size = text.size();
  if (out == nullptr || capacity < text.size() + 1) {
    return fail(SENDPOLICY_ERROR_BUFFER_TOO_SMALL, error, error_capacity,
                "output buffer too small: need " + std::to_string(text.size() + 1) +
                    " bytes including the terminating NUL");
  }
  if (!text.empty()) std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  set_error(error, error_capacity, "");
  return SENDPOLICY_OK;
}

// Runs `body` and turns any exception into a status: nothing unwinds into C.
template <typename Body>
sendpolicy_status guarded(char* error, std::size_t capacity, Body body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(SENDPOLICY_ERROR_OUT_OF_MEMORY, error, capacity, "out of memory");
  } catch (const std::exception& e) {
    try {
      return fail(SENDPOLICY_ERROR_INTERNAL, error, capacity, e.what());
    } catch (...) {
    }
  } catch (...) {
  }
  return fail(SENDPOLICY_ERROR_INTERNAL, error, capacity, "internal error");
}

// shared_mutex locking can throw std::system_error in theory; a handle
// that cannot be checked is refused.
template <typename Fn>
bool checked(Fn fn) noexcept {
  try {
    return fn();
  } catch (...) {
    return false;
  }
}

const sp::Policy* policy_of(const sendpolicy_policy* handle) noexcept {
  if (handle == nullptr || !checked([&] { return policies().contains(handle); })) return nullptr;
  return &handle->policy;
}

sp::audit::Summary* summary_of(sendpolicy_summary* handle) noexcept {
  if (handle == nullptr || !checked([&] { return summaries().contains(handle); })) return nullptr;
  return &handle->summary;
}

const sp::audit::Summary* summary_of(const sendpolicy_summary* handle) noexcept {
  if (handle == nullptr || !checked([&] { return summaries().contains(handle); })) return nullptr;
  return &handle->summary;
}

// Registers a new handle; on failure (out of memory) frees it and throws.
template <typename Handle>
Handle* registered(Registry& registry, Handle* handle) {
  try {
    registry.add(handle);
  } catch (...) {
    delete handle;
    throw;
  }
  return handle;
}

sendpolicy_status check_policy(const sendpolicy_policy* policy, char* error,
                               std::size_t capacity) noexcept {
  if (policy == nullptr) {
    return fail(SENDPOLICY_ERROR_NULL_ARGUMENT, error, capacity, "policy is NULL");
  }
  if (policy_of(policy) == nullptr) {
    return fail(SENDPOLICY_ERROR_WRONG_HANDLE, error, capacity, "policy is not a sendpolicy_policy");
  }
  return SENDPOLICY_OK;
}

// Shared checks of the (out, capacity, out_size) triple.
sendpolicy_status check_output(char* out, std::size_t capacity, std::size_t* out_size,
                               char* error, std::size_t error_capacity) noexcept {
  if (out_size == nullptr) {
    return fail(SENDPOLICY_ERROR_NULL_ARGUMENT, error, error_capacity, "out_size is NULL");
  }
  *out_size = 0;
  if (out == nullptr && capacity > 0) {
    return fail(SENDPOLICY_ERROR_NULL_ARGUMENT, error, error_capacity,
                "out is NULL but out_capacity is not 0");
  }
  return SENDPOLICY_OK;
}

sendpolicy_verdict c_verdict(sp::Verdict v) noexcept {
  switch (v) {
    case sp::Verdict::kAllow:
      return SENDPOLICY_VERDICT_ALLOW;
    case sp::Verdict::kDefer:
      return SENDPOLICY_VERDICT_DEFER;
    case sp::Verdict::kDeny:
      break;
  }
  return SENDPOLICY_VERDICT_DENY;
}

void append_reason_entry(std::string& out, const sp::ReasonInfo& info) {
  out += "{\"code\":";
  sp::wire::append_json_string(out, info.name);
  out += ",\"kind\":\"reason\",\"summary\":";
  sp::wire::append_json_string(out, info.summary);
  out += ",\"rule\":";
  sp::wire::append_json_string(out, info.default_rule);
  out += ",\"platform_error\":";
  if (info.platform_error == 0) {
    out += "null";
  } else {
    sp::wire::append_json_int(out, info.platform_error);
  }
  out += ",\"source\":";
  sp::wire::append_json_string(out, info.source);
  out += ",\"remedy\":";
  sp::wire::append_json_string(out, info.remedy);
  out += '}';
}

void append_warning_entry(std::string& out, const sp::WarningInfo& info) {
  out += "{\"code\":";
  sp::wire::append_json_string(out, info.name);
  out += ",\"kind\":\"warning\",\"summary\":";
  sp::wire::append_json_string(out, info.summary);
  out += ",\"source\":";
  sp::wire::append_json_string(out, info.source);
  out += '}';
}

}  // namespace

extern "C" {

uint32_t sendpolicy_c_api_version(void) { return SENDPOLICY_C_API_VERSION; }

const char* sendpolicy_c_library_version(void) { return SENDPOLICY_VERSION_STRING; }

const char* sendpolicy_status_name(sendpolicy_status status) {
  switch (status) {
    case SENDPOLICY_OK:
      return "ok";
    case SENDPOLICY_ERROR_NULL_ARGUMENT:
      return "null argument";
    case SENDPOLICY_ERROR_INVALID_POLICY:
      return "invalid policy";
    case SENDPOLICY_ERROR_BUFFER_TOO_SMALL:
      return "buffer too small";
    case SENDPOLICY_ERROR_WRONG_HANDLE:
      return "wrong handle";
    case SENDPOLICY_ERROR_OUT_OF_MEMORY:
      return "out of memory";
    case SENDPOLICY_ERROR_INTERNAL:
      return "internal error";
    case SENDPOLICY_ERROR_INVALID_ARGUMENT:
      return "invalid argument";
    case SENDPOLICY_ERROR_MALFORMED_JSON:
      return "malformed JSON";
    case SENDPOLICY_STATUS_MAX_ENUM_:
      break;
  }
  return "unknown status";
}

sendpolicy_status sendpolicy_policy_whatsapp(sendpolicy_policy** out) {
  if (out == nullptr) return SENDPOLICY_ERROR_NULL_ARGUMENT;
  *out = nullptr;
  return guarded(nullptr, 0, [&] {
    *out = registered(policies(), new sendpolicy_policy{sp::Policy::whatsapp()});
    return SENDPOLICY_OK;
  });
}

sendpolicy_status sendpolicy_policy_from_json(const char* json, size_t json_size,
                                              sendpolicy_policy** out, char* error,
                                              size_t error_capacity) {
  if (out == nullptr) {
    return fail(SENDPOLICY_ERROR_NULL_ARGUMENT, error, error_capacity, "out is NULL");
  }
  *out = nullptr;
  if (json == nullptr) {
    return fail(SENDPOLICY_ERROR_NULL_ARGUMENT, error, error_capacity, "json is NULL");
  }
  return guarded(error, error_capacity, [&] {
    sp::Policy policy = sp::Policy::whatsapp();
    const absl::Status status = sp::wire::parse_policy(std::string_view(json, json_size), policy);
    if (!status.ok()) {
      const absl::string_view m = status.message();
      return fail(SENDPOLICY_ERROR_INVALID_POLICY, error, error_capacity,
                  std::string_view(m.data(), m.size()));
    }
    *out = registered(policies(), new sendpolicy_policy{std::move(policy)});
    set_error(error, error_capacity, "");
    return SENDPOLICY_OK;
  });
}

sendpolicy_status sendpolicy_policy_to_json(const sendpolicy_policy* policy, char* out,
                                            size_t out_capacity, size_t* out_size, char* error,
                                            size_t error_capacity) {
  if (sendpolicy_status s = check_output(out, out_capacity, out_size, error, error_capacity)) {
    return s;
  }
  if (sendpolicy_status s = check_policy(policy, error, error_capacity)) return s;
  return guarded(error, error_capacity, [&] {
    return deliver(sp::wire::policy_to_json(policy->policy), out, out_capacity, out_size, error,
                   error_capacity);
  });
}

void sendpolicy_policy_free(sendpolicy_policy* policy) {
  if (policy == nullptr || !checked([&] { return policies().remove(policy); })) return;
  delete policy;
}

sendpolicy_status sendpolicy_evaluate_json(const sendpolicy_policy* policy, const char* request,
                                           size_t request_size, char* out, size_t out_capacity,
                                           size_t* out_size, sendpolicy_verdict* verdict,
                                           char* error, size_t error_capacity) {
  if (verdict != nullptr) *verdict = SENDPOLICY_VERDICT_DENY;  // fail closed
  if (sendpolicy_status s = check_output(out, out_capacity, out_size, error, error_capacity)) {
    return s;
  }
  if (sendpolicy_status s = check_policy(policy, error, error_capacity)) return s;
  if (request == nullptr) {
    return fail(SENDPOLICY_ERROR_NULL_ARGUMENT, error, error_capacity, "request is NULL");
  }
  return guarded(error, error_capacity, [&] {
    // One parser per thread, reused: a policy may be shared across threads.
    thread_local sp::wire::RequestParser parser;
    thread_local sp::SendRequest parsed;
    std::string json;
    sp::Verdict v = sp::Verdict::kDeny;
    // The one size limit (line_auditor.h): a request over it is not read.
    if (request_size > sp::audit::kDefaultMaxLineBytes) {
      sp::wire::append_invalid_json(
          json, {}, "request " + sp::audit::too_long_problem(sp::audit::kDefaultMaxLineBytes));
      return deliver(json, out, out_capacity, out_size, error, error_capacity);
    }
    const absl::Status status = parser.parse(std::string_view(request, request_size), parsed);
    if (!status.ok()) {
      const absl::string_view m = status.message();
      sp::wire::append_invalid_json(json, parsed.id, std::string_view(m.data(), m.size()));
    } else {
      const sp::SendDecision d = sp::evaluate(policy->policy, parsed);
      if (const std::string_view field = sp::wire::time_out_of_range(d); !field.empty()) {
        sp::wire::append_invalid_json(json, parsed.id, sp::wire::result_out_of_range_problem(field));
      } else {
        sp::wire::append_decision_json(json, parsed.id, d);
        v = d.verdict;
      }
    }
    const sendpolicy_status s = deliver(json, out, out_capacity, out_size, error, error_capacity);
    if (s == SENDPOLICY_OK && verdict != nullptr) *verdict = c_verdict(v);
    return s;
  });
}

sendpolicy_status sendpolicy_webhook_json(const char* payload, size_t payload_size, char* out,
                                          size_t out_capacity, size_t* out_size, uint64_t* items,
                                          uint64_t* problems, char* error,
                                          size_t error_capacity) {
  if (items != nullptr) *items = 0;
  if (problems != nullptr) *problems = 0;
  if (sendpolicy_status s = check_output(out, out_capacity, out_size, error, error_capacity)) {
    return s;
  }
  if (payload == nullptr && payload_size > 0) {
    return fail(SENDPOLICY_ERROR_NULL_ARGUMENT, error, error_capacity, "payload is NULL");
  }
  return guarded(error, error_capacity, [&] {
    const absl::StatusOr<sp::wire::WebhookBatch> batch =
        sp::wire::read_webhook(std::string_view(payload == nullptr ? "" : payload, payload_size));
    if (!batch.ok()) {
      const absl::string_view m = batch.status().message();
      return fail(SENDPOLICY_ERROR_MALFORMED_JSON, error, error_capacity,
                  std::string_view(m.data(), m.size()));
    }
    std::string json;
    sp::wire::append_webhook_batch_json(json, *batch);
    const sendpolicy_status s = deliver(json, out, out_capacity, out_size, error, error_capacity);
    if (s == SENDPOLICY_OK) {
      if (items != nullptr) *items = batch->items.size();
      if (problems != nullptr) *problems = batch->problems.size();
    }
    return s;
  });
}

sendpolicy_status sendpolicy_audit_jsonl(const sendpolicy_policy* policy, const char* lines,
                                         size_t lines_size, uint64_t first_line,
                                         size_t max_line_bytes, char* out, size_t out_capacity,
                                         size_t* out_size, uint64_t* lines_audited,
                                         sendpolicy_summary* summary, char* error,
                                         size_t error_capacity) {
  if (lines_audited != nullptr) *lines_audited = 0;
  if (sendpolicy_status s = check_output(out, out_capacity, out_size, error, error_capacity)) {
    return s;
  }
  if (sendpolicy_status s = check_policy(policy, error, error_capacity)) return s;
  if (lines == nullptr && lines_size > 0) {
    return fail(SENDPOLICY_ERROR_NULL_ARGUMENT, error, error_capacity,
                "lines is NULL but lines_size is not 0");
  }
  if (summary != nullptr && summary_of(summary) == nullptr) {
    return fail(SENDPOLICY_ERROR_WRONG_HANDLE, error, error_capacity,
                "summary is not a sendpolicy_summary");
  }
  return guarded(error, error_capacity, [&] {
    const absl::StatusOr<std::size_t> limit = sp::audit::line_limit(max_line_bytes, "max_line_bytes");
    if (!limit.ok()) {
      const absl::string_view m = limit.status().message();
      return fail(SENDPOLICY_ERROR_INVALID_ARGUMENT, error, error_capacity,
                  std::string_view(m.data(), m.size()));
    }
    sp::audit::LineAuditor auditor(policy->policy, *limit);
    sp::audit::Summary counted;
    std::string json;
    // Room for what the caller's buffer can take (capped: a huge buffer is
    // no promise of output that size), so the decisions are not copied
    // again each time the string doubles, and so it is one block that the
    // allocator reuses call after call instead of fresh pages to fault in.
    // Growing this string was ~13% of an audit through the C API.
    json.reserve(std::min<std::size_t>(out_capacity, kAuditReserveCap));
    const std::uint64_t n = auditor.audit_lines(
        lines == nullptr ? std::string_view() : std::string_view(lines, lines_size),
        sp::audit::first_line_number(first_line), json, counted);
    const sendpolicy_status s = deliver(json, out, out_capacity, out_size, error, error_capacity);
    if (s == SENDPOLICY_OK) {
      if (lines_audited != nullptr) *lines_audited = n;
      if (summary != nullptr) summary->summary.merge(counted);
    }
    return s;
  });
}

sendpolicy_status sendpolicy_summary_create(sendpolicy_summary** out) {
  if (out == nullptr) return SENDPOLICY_ERROR_NULL_ARGUMENT;
  *out = nullptr;
  return guarded(nullptr, 0, [&] {
    *out = registered(summaries(), new sendpolicy_summary{sp::audit::Summary{}});
    return SENDPOLICY_OK;
  });
}

void sendpolicy_summary_free(sendpolicy_summary* summary) {
  if (summary == nullptr || !checked([&] { return summaries().remove(summary); })) return;
  delete summary;
}

sendpolicy_status sendpolicy_summary_merge(sendpolicy_summary* into,
                                           const sendpolicy_summary* other) {
  if (into == nullptr || other == nullptr) return SENDPOLICY_ERROR_NULL_ARGUMENT;
  if (summary_of(into) == nullptr || summary_of(other) == nullptr) {
    return SENDPOLICY_ERROR_WRONG_HANDLE;
  }
  into->summary.merge(other->summary);  // fixed-size arrays: cannot throw
  return SENDPOLICY_OK;
}

uint64_t sendpolicy_summary_requests(const sendpolicy_summary* summary) {
  const sp::audit::Summary* s = summary_of(summary);
  return s == nullptr ? 0 : s->requests;
}

sendpolicy_status sendpolicy_summary_format(const sendpolicy_summary* summary, const char* source,
                                            char* out, size_t out_capacity, size_t* out_size,
                                            char* error, size_t error_capacity) {
  if (sendpolicy_status s = check_output(out, out_capacity, out_size, error, error_capacity)) {
    return s;
  }
  if (summary == nullptr) {
    return fail(SENDPOLICY_ERROR_NULL_ARGUMENT, error, error_capacity, "summary is NULL");
  }
  const sp::audit::Summary* s = summary_of(summary);
  if (s == nullptr) {
    return fail(SENDPOLICY_ERROR_WRONG_HANDLE, error, error_capacity,
                "summary is not a sendpolicy_summary");
  }
  return guarded(error, error_capacity, [&] {
    return deliver(s->format(source == nullptr ? "standard input" : source), out, out_capacity,
                   out_size, error, error_capacity);
  });
}

sendpolicy_status sendpolicy_explain_json(const char* code, char* out, size_t out_capacity,
                                          size_t* out_size, char* error, size_t error_capacity) {
  if (sendpolicy_status s = check_output(out, out_capacity, out_size, error, error_capacity)) {
    return s;
  }
  return guarded(error, error_capacity, [&] {
    std::string json;
    const std::string_view name = code == nullptr ? std::string_view() : std::string_view(code);
    if (name.empty()) {
      json += '[';
      for (std::size_t i = 0; i < sp::kReasonCodeCount; ++i) {
        if (i > 0) json += ',';
        append_reason_entry(json, sp::reason_info(static_cast<sp::ReasonCode>(i)));
      }
      for (std::size_t i = 0; i < sp::kWarningCodeCount; ++i) {
        json += ',';
        append_warning_entry(json, sp::warning_info(static_cast<sp::WarningCode>(i)));
      }
      json += ']';
    } else if (const auto reason = sp::parse_reason_code(name)) {
      append_reason_entry(json, sp::reason_info(*reason));
    } else if (const auto warning = sp::parse_warning_code(name)) {
      append_warning_entry(json, sp::warning_info(*warning));
    } else {
      return fail(SENDPOLICY_ERROR_INVALID_ARGUMENT, error, error_capacity,
                  "unknown reason or warning code '" +
                      std::string(sp::wire::utf8_prefix(name, 64)) + "'");
    }
    return deliver(json, out, out_capacity, out_size, error, error_capacity);
  });
}

sendpolicy_status sendpolicy_fold_consent_json(const char* ledger, size_t ledger_size,
                                               const char* now, char* out, size_t out_capacity,
                                               size_t* out_size, char* error,
                                               size_t error_capacity) {
  if (sendpolicy_status s = check_output(out, out_capacity, out_size, error, error_capacity)) {
    return s;
  }
  if (ledger == nullptr || now == nullptr) {
    return fail(SENDPOLICY_ERROR_NULL_ARGUMENT, error, error_capacity,
                ledger == nullptr ? "ledger is NULL" : "now is NULL");
  }
  return guarded(error, error_capacity, [&] {
    const std::optional<sp::Timestamp> at = sp::parse_timestamp(now);
    if (!at) {
      return fail(SENDPOLICY_ERROR_INVALID_ARGUMENT, error, error_capacity,
                  "now: not an RFC 3339 date-time like 2026-03-02T12:00:00Z");
    }
    std::vector<sp::ConsentEvent> events;
    if (absl::Status st = sp::wire::parse_ledger(std::string_view(ledger, ledger_size), events);
        !st.ok()) {
      const absl::string_view m = st.message();
      return fail(SENDPOLICY_ERROR_INVALID_ARGUMENT, error, error_capacity,
                  std::string_view(m.data(), m.size()));
    }
    const absl::StatusOr<sp::FoldedConsent> folded = sp::fold_consent(events, *at);
    if (!folded.ok()) {
      const absl::string_view m = folded.status().message();
      return fail(SENDPOLICY_ERROR_INVALID_ARGUMENT, error, error_capacity,
                  std::string_view(m.data(), m.size()));
    }
    return deliver(sp::wire::folded_consent_json(*folded), out, out_capacity, out_size, error,
                   error_capacity);
  });
}

}  // extern "C"
