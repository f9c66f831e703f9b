// sendpolicy/explain.h
//
// Human sentences for decisions, formatted only when asked (the decision
// itself stores codes and a few values). These allocate; call them when
// logging or showing a decision, not on the hot path.
#ifndef SENDPOLICY_EXPLAIN_H_
#define SENDPOLICY_EXPLAIN_H_

#include <string>

#include "sendpolicy/decision.h"

namespace sendpolicy {

// One sentence for one reason of `decision`, e.g. "free-form messages need an
// open customer service window; it closed at 2026-03-02T11:00:00Z".
std::string reason_message(const SendDecision& decision, const Reason& reason);

// reason_message() appended to `out`: writers of many decisions (the wire
// format's audit) reuse one buffer instead of a string per reason.
void append_reason_message(std::string& out, const SendDecision& decision, const Reason& reason);

// One sentence for one warning.
std::string warning_message(const SendDecision& decision, const Warning& warning);

// A multi-line explanation: the verdict, then one line per reason and warning.
std::string explain(const SendDecision& decision);

}  // namespace sendpolicy

#endif  // SENDPOLICY_EXPLAIN_H_
