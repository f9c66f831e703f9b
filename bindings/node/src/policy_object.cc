#include "policy_object.h"

#include <string>
#include <utility>

#include <sendpolicy/wire/policy_json.h>

namespace sendpolicy_node {
namespace {

namespace sp = sendpolicy;

// Per-environment state (worker threads each load the addon once).
struct Instance {
  Napi::FunctionReference constructor;
  sp::Policy defaults = sp::Policy::whatsapp();
};

Instance& instance(Napi::Env env) { return *env.GetInstanceData<Instance>(); }

// The one way to construct: from native code, with this token as the
// argument, so `new Policy()` from JavaScript cannot make a half-built one.
constexpr const char* kToken = "sendpolicy-internal-policy";

}  // namespace

void PolicyObject::Init(Napi::Env env, Napi::Object exports) {
  Napi::Function cls = DefineClass(env, "Policy",
                                   {StaticMethod<&PolicyObject::Whatsapp>("whatsapp"),
                                    StaticMethod<&PolicyObject::FromJson>("fromJson"),
                                    InstanceMethod<&PolicyObject::ToJson>("toJson")});
  auto* data = new Instance;
  data->constructor = Napi::Persistent(cls);
  env.SetInstanceData<Instance>(data);
  exports.Set("Policy", cls);
}

PolicyObject::PolicyObject(const Napi::CallbackInfo& info)
    : Napi::ObjectWrap<PolicyObject>(info), policy_(sp::Policy::whatsapp()) {
  if (info.Length() < 2 || !info[0].IsString() || info[0].As<Napi::String>().Utf8Value() != kToken ||
      !info[1].IsExternal()) {
    throw Napi::TypeError::New(info.Env(),
                               "use Policy.whatsapp() or loadPolicy(jsonText), not new Policy()");
  }
  policy_ = std::move(*info[1].As<Napi::External<sp::Policy>>().Data());
}

const sp::Policy& PolicyObject::From(const Napi::Value& value, const char* what) {
  Napi::Env env = value.Env();
  if (value.IsUndefined() || value.IsNull()) return instance(env).defaults;
  if (value.IsObject() && value.As<Napi::Object>().InstanceOf(instance(env).constructor.Value())) {
    // napi_unwrap, not Unwrap(): an object made with Object.create(Policy.prototype)
    // passes instanceof but wraps nothing, and is a TypeError like any other.
    void* wrapped = nullptr;
    if (napi_unwrap(env, value, &wrapped) == napi_ok && wrapped != nullptr) {
      return static_cast<PolicyObject*>(wrapped)->policy_;
    }
  }
  throw Napi::TypeError::New(env, std::string(what) +
                                      " must be a sendpolicy Policy (Policy.whatsapp() or "
                                      "loadPolicy()), undefined or null");
}

Napi::Value PolicyObject::Whatsapp(const Napi::CallbackInfo& info) {
  sp::Policy policy = sp::Policy::whatsapp();
  return instance(info.Env()).constructor.New(
      {Napi::String::New(info.Env(), kToken), Napi::External<sp::Policy>::New(info.Env(), &policy)});
}

Napi::Value PolicyObject::FromJson(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string text;
  if (info.Length() >= 1 && info[0].IsString()) {
    text = info[0].As<Napi::String>().Utf8Value();
  } else if (info.Length() >= 1 && info[0].IsBuffer()) {
    auto buffer = info[0].As<Napi::Buffer<char>>();
    text.assign(buffer.Data(), buffer.Length());
  } else {
    throw Napi::TypeError::New(env, "loadPolicy() takes the policy file's JSON text as a string "
                                    "or Buffer");
  }
  sp::Policy policy = sp::Policy::whatsapp();
  const absl::Status status = sp::wire::parse_policy(text, policy);
  if (!status.ok()) {
    const absl::string_view m = status.message();
    throw Napi::Error::New(env, std::string(m.data(), m.size()));
  }
  return instance(env).constructor.New(
      {Napi::String::New(env, kToken), Napi::External<sp::Policy>::New(env, &policy)});
}

Napi::Value PolicyObject::ToJson(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), sp::wire::policy_to_json(policy_));
}

}  // namespace sendpolicy_node
