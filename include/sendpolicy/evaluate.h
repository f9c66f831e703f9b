// sendpolicy/evaluate.h
//
// evaluate(): the one function a send path calls.
//
//   sendpolicy::SendDecision d = sendpolicy::evaluate(policy, request);
//   if (!d.allowed()) log(sendpolicy::explain(d));
//
// Pure and total: the result depends only on the arguments (time is
// `request.now`; zones arrive resolved in `request.recipient.zone`), it reads
// no clock, file or global, never throws, never allocates, and may be called
// from any number of threads on shared Policy objects. Invalid input yields
// deny with `invalid_request`, never allow.
#ifndef SENDPOLICY_EVALUATE_H_
#define SENDPOLICY_EVALUATE_H_

#include "sendpolicy/decision.h"
#include "sendpolicy/policy.h"
#include "sendpolicy/request.h"

namespace sendpolicy {

SendDecision evaluate(const Policy& policy, const SendRequest& request) noexcept;

}  // namespace sendpolicy

#endif  // SENDPOLICY_EVALUATE_H_
