// The JavaScript `Policy` class: a sendpolicy::Policy owned by a JS object.
// Immutable once made, so one object may serve any number of evaluate()
// calls and be copied into thread-pool work (auditLinesAsync).
#ifndef SENDPOLICY_NODE_POLICY_OBJECT_H_
#define SENDPOLICY_NODE_POLICY_OBJECT_H_

#include <napi.h>

#include <sendpolicy/policy.h>

namespace sendpolicy_node {

class PolicyObject : public Napi::ObjectWrap<PolicyObject> {
 public:
  // Adds the class to `exports` as `Policy`.
  static void Init(Napi::Env env, Napi::Object exports);

  // The policy inside `value`, the defaults (Policy.whatsapp()) when it is
  // undefined or null, a thrown TypeError for anything else: a plain object
  // that merely looks like a Policy is never read as one.
  static const sendpolicy::Policy& From(const Napi::Value& value, const char* what);

  explicit PolicyObject(const Napi::CallbackInfo& info);

  const sendpolicy::Policy& policy() const { return policy_; }

 private:
  static Napi::Value Whatsapp(const Napi::CallbackInfo& info);
  static Napi::Value FromJson(const Napi::CallbackInfo& info);
  Napi::Value ToJson(const Napi::CallbackInfo& info);

  sendpolicy::Policy policy_;
};

}  // namespace sendpolicy_node

#endif  // SENDPOLICY_NODE_POLICY_OBJECT_H_
