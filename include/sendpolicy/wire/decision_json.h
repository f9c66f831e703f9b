// wire/decision_json.h
//
// Writes decisions in the JSON wire format, one object per line, with a
// fixed key order (id, verdict, reasons, warnings, window, required_form,
// retry_at, billing) so output can be diffed and golden-tested:
//
//   {"id":"r1","verdict":"deny","reasons":[{"code":"outside_service_window",
//    "rule":"whatsapp.csw.free_form","message":"...","platform_error":131047}],
//    "warnings":[],"window":{"open":false,"closes_at":"2026-03-02T11:00:00Z"},
//    "required_form":"template","retry_at":null,"billing":"none"}
//
//   std::string out;                       // reuse across calls
//   sendpolicy::wire::append_decision_json(out, request.id, decision);
//
// `id` is null when empty; `platform_error` is null when the reason
// predicts none.
#ifndef SENDPOLICY_WIRE_DECISION_JSON_H_
#define SENDPOLICY_WIRE_DECISION_JSON_H_

#include <string>
#include <string_view>

#include "sendpolicy/decision.h"

namespace sendpolicy {
namespace wire {

// Appends `decision` as one JSON object and a '\n'. `invalid_prefix` is put
// before the message of an `invalid_request` reason (the line auditor's
// "line 7: "), so semantic errors carry the line number as parse errors do.
void append_decision_json(std::string& out, std::string_view id, const SendDecision& decision,
                          std::string_view invalid_prefix = {});

// The wire format writes times as RFC 3339 with a four-digit year. A result
// computed from an input near the end of year 9999 (a window closing 24 h
// after 9999-12-31T12:00:00Z) cannot be written: the field that falls
// outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z ("window.closes_at",
// "retry_at"), or empty if none does. Every edge (check, audit, C, Python)
// answers such a request with invalid_request (result_out_of_range_problem()).
std::string_view time_out_of_range(const SendDecision& decision) noexcept;
std::string result_out_of_range_problem(std::string_view field);

// Appends the decision for input that never became a request (malformed
// JSON, wrong types, an unreadable line): deny with one `invalid_request`
// reason whose message is `message` ("line 7: recipient.phone: expected a
// string"), and a '\n'.
void append_invalid_json(std::string& out, std::string_view id, std::string_view message);

}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_DECISION_JSON_H_
