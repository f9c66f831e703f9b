// libsendpolicy_c: the C API (include/sendpolicy/sendpolicy_c.h) over the
// wire library and the shared line auditor, so its decisions are the bytes
// `sendpolicy audit` writes. Every entry point catches everything: a C++
// exception must never unwind into a C caller (undefined behaviour).
#include "sendpolicy/sendpolicy_c.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>

#include <sendpolicy/sendpolicy.h>
#include <sendpolicy/version.h>

#include <sendpolicy/wire/line_auditor.h>
#include <sendpolicy/wire/summary.h>
#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/policy_json.h>
#include <sendpolicy/wire/request_json.h>
#include <sendpolicy/wire/webhook_json.h>

// Handles start with a tag, so a summary passed where a policy is expected
// (an easy mistake through an FFI with untyped pointers) is refused instead
// of being read as the wrong type.
struct sendpolicy_policy {
  std::uint64_t tag;
  sendpolicy::Policy policy;
};

struct sendpolicy_summary {
  std::uint64_t tag;
  sendpolicy::audit::Summary summary;
};

namespace {

namespace sp = sendpolicy;

constexpr std::uint64_t kPolicyTag = 0x73702d706f6c6963;   // "sp-polic"
constexpr std::uint64_t kSummaryTag = 0x73702d73756d6d61;  // "sp-summa"

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

// The tag of whatever `handle` points to, read as bytes: the pointer may be
// a handle of the other kind, so no member access through the wrong type.
std::uint64_t tag_of(const void* handle) noexcept {
  std::uint64_t tag = 0;
  std::memcpy(&tag, handle, sizeof tag);
  return tag;
}

const sp::Policy* policy_of(const sendpolicy_policy* handle) noexcept {
  return handle != nullptr && tag_of(handle) == kPolicyTag ? &handle->policy : nullptr;
}

sp::audit::Summary* summary_of(sendpolicy_summary* handle) noexcept {
  return handle != nullptr && tag_of(handle) == kSummaryTag ? &handle->summary : nullptr;
}

const sp::audit::Summary* summary_of(const sendpolicy_summary* handle) noexcept {
  return handle != nullptr && tag_of(handle) == kSummaryTag ? &handle->summary : nullptr;
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
    *out = new sendpolicy_policy{kPolicyTag, sp::Policy::whatsapp()};
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
    *out = new sendpolicy_policy{kPolicyTag, std::move(policy)};
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
  if (policy_of(policy) == nullptr) return;
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
    const absl::Status status = parser.parse(std::string_view(request, request_size), parsed);
    if (!status.ok()) {
      const absl::string_view m = status.message();
      sp::wire::append_invalid_json(json, parsed.id, std::string_view(m.data(), m.size()));
    } else {
      const sp::SendDecision d = sp::evaluate(policy->policy, parsed);
      sp::wire::append_decision_json(json, parsed.id, d);
      v = d.verdict;
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
    sp::audit::LineAuditor auditor(
        policy->policy, max_line_bytes == 0 ? sp::audit::kDefaultMaxLineBytes : max_line_bytes);
    sp::audit::Summary counted;
    std::string json;
    const std::uint64_t n = auditor.audit_lines(
        lines == nullptr ? std::string_view() : std::string_view(lines, lines_size),
        first_line == 0 ? 1 : first_line, json, counted);
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
    *out = new sendpolicy_summary{kSummaryTag, sp::audit::Summary{}};
    return SENDPOLICY_OK;
  });
}

void sendpolicy_summary_free(sendpolicy_summary* summary) {
  if (summary_of(summary) == nullptr) return;
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

}  // extern "C"
