// The `sendpolicy` Node.js addon (Node-API): the same rules and the same
// decision bytes as `sendpolicy audit`, because requests go through the wire
// library's parser and decisions through its serialiser and the shared line
// auditor (sendpolicy::wire), as in the C API and the Python module.
// index.js turns plain objects into wire JSON and decision lines back into
// objects; this file only ever sees text. docs/bindings.md has the tour.
#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sendpolicy/sendpolicy.h>
#include <sendpolicy/version.h>

#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/ledger_json.h>
#include <sendpolicy/wire/line_auditor.h>
#include <sendpolicy/wire/request_json.h>
#include <sendpolicy/wire/webhook_json.h>

#include "audit_text.h"
#include "policy_object.h"

namespace sendpolicy_node {
namespace {

namespace sp = sendpolicy;

std::string to_std(std::string_view s) { return std::string(s.data(), s.size()); }

// The bytes of a string (as UTF-8) or of a Buffer / Uint8Array argument.
// `as_buffer` says which it was, so results come back the same way.
std::string text_argument(const Napi::Value& value, const char* what, bool* as_buffer) {
  if (value.IsString()) {
    if (as_buffer != nullptr) *as_buffer = false;
    return value.As<Napi::String>().Utf8Value();
  }
  if (value.IsTypedArray() &&
      value.As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array) {
    if (as_buffer != nullptr) *as_buffer = true;
    auto bytes = value.As<Napi::Uint8Array>();
    return std::string(reinterpret_cast<const char*>(bytes.Data()), bytes.ElementLength());
  }
  throw Napi::TypeError::New(value.Env(), std::string(what) + " must be a string or a Buffer");
}

// evaluate(policy | undefined, requestJson) -> the decision's wire JSON
// (the line `sendpolicy audit` writes, without its '\n').
Napi::Value Evaluate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const sp::Policy& policy = PolicyObject::From(info[0], "evaluate() policy");
  const std::string json = text_argument(info[1], "evaluate() request", nullptr);
  // One parser per thread, reused (a parser owns buffers worth keeping).
  thread_local sp::wire::RequestParser parser;
  thread_local sp::SendRequest request;
  thread_local std::string out;
  out.clear();
  const absl::Status status = parser.parse(json, request);
  if (!status.ok()) {
    const absl::string_view m = status.message();
    sp::wire::append_invalid_json(out, request.id, std::string_view(m.data(), m.size()));
  } else {
    sp::wire::append_decision_json(out, request.id, sp::evaluate(policy, request));
  }
  out.pop_back();  // the '\n'
  return Napi::String::New(env, out);
}

// A whole number from `min` (0 or 1) to 2^53 - 1, or `fallback` when
// undefined or null: a non-number is a TypeError, anything else a RangeError.
std::uint64_t integer_argument(const Napi::Value& value, const char* what, std::uint64_t fallback,
                               std::uint64_t min) {
  if (value.IsUndefined() || value.IsNull()) return fallback;
  const auto rule = [&] {
    return std::string(what) + (min == 0 ? " must be a non-negative integer" : " must be a positive integer");
  };
  if (!value.IsNumber()) throw Napi::TypeError::New(value.Env(), rule());
  const double d = value.As<Napi::Number>().DoubleValue();
  if (!(d >= static_cast<double>(min) && d <= 9007199254740991.0) ||
      d != static_cast<double>(static_cast<std::int64_t>(d))) {
    throw Napi::RangeError::New(value.Env(), rule());
  }
  return static_cast<std::uint64_t>(d);
}

std::size_t size_argument(const Napi::Value& value, const char* what, std::size_t fallback) {
  return static_cast<std::size_t>(integer_argument(value, what, fallback, 1));
}

struct AuditArguments {
  sp::Policy policy;
  std::string text;             // a copy of the text (strings; the async call)
  std::string_view borrowed;    // or the caller's Buffer itself (the sync call)
  bool as_buffer = false;
  std::size_t threads = 1;
  std::size_t max_line_bytes = sp::audit::kDefaultMaxLineBytes;
  std::uint64_t first_line = 1;

  std::string_view input() const { return borrowed.data() != nullptr ? borrowed : text; }
};

// The bytes of a Buffer / Uint8Array over a plain ArrayBuffer, in place;
// nullopt for anything else (a string, or a SharedArrayBuffer another
// thread could write while the audit reads it).
std::optional<std::string_view> unshared_bytes(const Napi::Value& value) {
  if (!value.IsTypedArray() ||
      value.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    return std::nullopt;
  }
  auto bytes = value.As<Napi::Uint8Array>();
  if (!bytes.ArrayBuffer().IsArrayBuffer()) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(bytes.Data()), bytes.ElementLength());
}

// (text, policy, threads, maxLineBytes, firstLine), checked before any work
// starts. firstLine 0 means 1, as in Python and the C API.
// `borrow`: a Buffer is read in place (a synchronous call, during which no
// JavaScript runs) instead of copied: a 50 MB file then costs no second
// 50 MB of freshly faulted pages.
AuditArguments audit_arguments(const Napi::CallbackInfo& info, const char* name, bool borrow) {
  AuditArguments a;
  const std::string n(name);
  std::optional<std::string_view> in_place;
  if (borrow) in_place = unshared_bytes(info[0]);
  if (in_place) {
    a.borrowed = *in_place;
    a.as_buffer = true;
  } else {
    a.text = text_argument(info[0], (n + " text").c_str(), &a.as_buffer);
  }
  a.policy = PolicyObject::From(info[1], (n + " policy").c_str());
  a.threads = size_argument(info[2], (n + " threads").c_str(), 1);
  a.max_line_bytes = size_argument(info[3], (n + " maxLineBytes").c_str(),
                                   sp::audit::kDefaultMaxLineBytes);
  // 0 and 1 both mean the first line: the fallback 0 is turned into 1.
  a.first_line = sp::audit::first_line_number(
      integer_argument(info[4], (n + " firstLine").c_str(), 0, 0));
  return a;
}

// The decision lines as the caller gave the text: a string, or a Buffer
// that takes over `out`'s memory (no copy of the output either).
Napi::Value audit_result(Napi::Env env, std::string&& out, bool as_buffer) {
  if (!as_buffer) return Napi::String::New(env, out);
  auto* owned = new std::string(std::move(out));
  return Napi::Buffer<char>::New(env, owned->data(), owned->size(),
                                 [](Napi::Env, char*, std::string* s) { delete s; }, owned);
}

Napi::Value AuditLines(const Napi::CallbackInfo& info) {
  AuditArguments a = audit_arguments(info, "auditLines()", /*borrow=*/true);
  return audit_result(info.Env(),
                      audit_text(a.policy, a.input(), a.threads, a.max_line_bytes, a.first_line),
                      a.as_buffer);
}

// auditLinesAsync(): the audit on the libuv thread pool. The worker owns a
// copy of the policy and of the text, so nothing it reads belongs to
// JavaScript while the event loop goes on.
class AuditWorker : public Napi::AsyncWorker {
 public:
  AuditWorker(Napi::Env env, AuditArguments arguments)
      : Napi::AsyncWorker(env, "sendpolicy.auditLinesAsync"),
        a_(std::move(arguments)),
        deferred_(Napi::Promise::Deferred::New(env)) {}

  Napi::Promise promise() const { return deferred_.Promise(); }

  void Execute() override {
    try {
      out_ = audit_text(a_.policy, a_.input(), a_.threads, a_.max_line_bytes, a_.first_line);
    } catch (const std::exception& e) {
      SetError(e.what());
    }
  }

  void OnOK() override { deferred_.Resolve(audit_result(Env(), std::move(out_), a_.as_buffer)); }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  AuditArguments a_;
  Napi::Promise::Deferred deferred_;
  std::string out_;
};

Napi::Value AuditLinesAsync(const Napi::CallbackInfo& info) {
  auto* worker = new AuditWorker(info.Env(), audit_arguments(info, "auditLinesAsync()", /*borrow=*/false));
  Napi::Promise promise = worker->promise();
  worker->Queue();  // deletes itself when done
  return promise;
}

Napi::Object reason_object(Napi::Env env, const sp::ReasonInfo& r) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("kind", "reason");
  o.Set("code", to_std(r.name));
  o.Set("rule", to_std(r.default_rule));
  o.Set("platformError", r.platform_error == 0 ? env.Null() : Napi::Number::New(env, r.platform_error));
  o.Set("summary", to_std(r.summary));
  o.Set("source", to_std(r.source));
  o.Set("remedy", to_std(r.remedy));
  return o;
}

Napi::Object warning_object(Napi::Env env, const sp::WarningInfo& w) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("kind", "warning");
  o.Set("code", to_std(w.name));
  o.Set("summary", to_std(w.summary));
  o.Set("source", to_std(w.source));
  return o;
}

// explain(code): the catalogue entry of a reason or warning code, or null.
Napi::Value Explain(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) throw Napi::TypeError::New(env, "explain() takes a code as a string");
  const std::string code = info[0].As<Napi::String>().Utf8Value();
  if (auto r = sp::parse_reason_code(code)) return reason_object(env, sp::reason_info(*r));
  if (auto w = sp::parse_warning_code(code)) return warning_object(env, sp::warning_info(*w));
  return env.Null();
}

Napi::Value Reasons(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array out = Napi::Array::New(env, sp::kReasonCodeCount);
  for (std::size_t i = 0; i < sp::kReasonCodeCount; ++i) {
    out.Set(static_cast<std::uint32_t>(i),
            reason_object(env, sp::reason_info(static_cast<sp::ReasonCode>(i))));
  }
  return out;
}

Napi::Value Warnings(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array out = Napi::Array::New(env, sp::kWarningCodeCount);
  for (std::size_t i = 0; i < sp::kWarningCodeCount; ++i) {
    out.Set(static_cast<std::uint32_t>(i),
            warning_object(env, sp::warning_info(static_cast<sp::WarningCode>(i))));
  }
  return out;
}

// foldConsent(ledgerJson, now) -> the folded consent's JSON (wire::folded_consent_json),
// through the wire library's ledger reader, as the Python module and the C API do.
Napi::Value FoldConsent(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string json = text_argument(info[0], "foldConsent() ledger", nullptr);
  if (!info[1].IsString()) {
    throw Napi::TypeError::New(env, "foldConsent() now must be an RFC 3339 string or a Date");
  }
  const std::string now_text = info[1].As<Napi::String>().Utf8Value();
  const std::optional<sp::Timestamp> now = sp::parse_timestamp(now_text);
  if (!now) throw Napi::RangeError::New(env, "foldConsent() now: not an RFC 3339 time: " + now_text);
  std::vector<sp::ConsentEvent> events;
  if (absl::Status s = sp::wire::parse_ledger(json, events); !s.ok()) {
    const absl::string_view m = s.message();
    throw Napi::Error::New(env, std::string(m.data(), m.size()));
  }
  const absl::StatusOr<sp::FoldedConsent> folded = sp::fold_consent(events, *now);
  if (!folded.ok()) {
    const absl::string_view m = folded.status().message();
    throw Napi::Error::New(env, std::string(m.data(), m.size()));
  }
  return Napi::String::New(env, sp::wire::folded_consent_json(*folded));
}

// readWebhook(payloadJson) -> {"items":[...],"skipped":{...},"problems":[...]}
// as JSON text, through the wire library's webhook reader (the C API's and
// the Python module's output, byte for byte); an Error only for malformed JSON.
Napi::Value ReadWebhook(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string json = text_argument(info[0], "readWebhook() payload", nullptr);
  const absl::StatusOr<sp::wire::WebhookBatch> batch = sp::wire::read_webhook(json);
  if (!batch.ok()) {
    const absl::string_view m = batch.status().message();
    throw Napi::Error::New(env, std::string(m.data(), m.size()));
  }
  std::string out;
  sp::wire::append_webhook_batch_json(out, *batch);
  return Napi::String::New(env, out);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  PolicyObject::Init(env, exports);
  exports.Set("version", SENDPOLICY_VERSION_STRING);
  exports.Set("defaultMaxLineBytes", static_cast<double>(sp::audit::kDefaultMaxLineBytes));
  exports.Set("evaluate", Napi::Function::New<Evaluate>(env, "evaluate"));
  exports.Set("auditLines", Napi::Function::New<AuditLines>(env, "auditLines"));
  exports.Set("auditLinesAsync", Napi::Function::New<AuditLinesAsync>(env, "auditLinesAsync"));
  exports.Set("explain", Napi::Function::New<Explain>(env, "explain"));
  exports.Set("reasons", Napi::Function::New<Reasons>(env, "reasons"));
  exports.Set("warnings", Napi::Function::New<Warnings>(env, "warnings"));
  exports.Set("foldConsent", Napi::Function::New<FoldConsent>(env, "foldConsent"));
  exports.Set("readWebhook", Napi::Function::New<ReadWebhook>(env, "readWebhook"));
  return exports;
}

}  // namespace
}  // namespace sendpolicy_node

// NODE_API_MODULE pastes the function's name into an identifier: no "::".
static Napi::Object InitSendpolicy(Napi::Env env, Napi::Object exports) {
  return sendpolicy_node::Init(env, exports);
}
NODE_API_MODULE(sendpolicy, InitSendpolicy)
