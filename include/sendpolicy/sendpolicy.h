// sendpolicy/sendpolicy.h: the umbrella header.
//
// sendpolicy answers one question for messaging backends: may we send this
// message to this person now, and if not, why not and when?
//
//   #include <sendpolicy/sendpolicy.h>
//
//   sendpolicy::Policy policy = sendpolicy::Policy::whatsapp();
//   sendpolicy::SendRequest req;
//   req.now = *sendpolicy::parse_timestamp("2026-03-02T12:00:00Z");
//   req.recipient.phone = "+393471234567";
//   req.window = sendpolicy::ServiceWindow{req.now - std::chrono::hours(2)};
//   req.message.kind = sendpolicy::MessageKind::kFreeForm;
//   sendpolicy::SendDecision d = sendpolicy::evaluate(policy, req);
//   // d.allowed() == true, d.billing == Billing::kFreeService
#ifndef SENDPOLICY_SENDPOLICY_H_
#define SENDPOLICY_SENDPOLICY_H_

#include "sendpolicy/call_permission.h"
#include "sendpolicy/consent.h"
#include "sendpolicy/decision.h"
#include "sendpolicy/enums.h"
#include "sendpolicy/evaluate.h"
#include "sendpolicy/explain.h"
#include "sendpolicy/history.h"
#include "sendpolicy/identity.h"
#include "sendpolicy/jurisdictions.h"
#include "sendpolicy/local_hours.h"
#include "sendpolicy/lifecycle/consent_ledger.h"
#include "sendpolicy/lifecycle/conversation.h"
#include "sendpolicy/lifecycle/evidence.h"
#include "sendpolicy/lifecycle/keywords.h"
#include "sendpolicy/message.h"
#include "sendpolicy/pack.h"
#include "sendpolicy/packs.h"
#include "sendpolicy/phone.h"
#include "sendpolicy/policy.h"
#include "sendpolicy/policy_check.h"
#include "sendpolicy/reasons.h"
#include "sendpolicy/recipient.h"
#include "sendpolicy/request.h"
#include "sendpolicy/time.h"
#include "sendpolicy/user_id.h"
#include "sendpolicy/validate.h"
#include "sendpolicy/version.h"
#include "sendpolicy/window.h"
#include "sendpolicy/zone.h"

#endif  // SENDPOLICY_SENDPOLICY_H_
