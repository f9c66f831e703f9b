// Internal to the wire library: the policy file's "keywords" section, the
// opt-out / opt-in / help words read from conversation history
// (include/sendpolicy/lifecycle/keywords.h). Schema in docs/cli.md.
#ifndef SENDPOLICY_WIRE_SRC_KEYWORDS_JSON_H_
#define SENDPOLICY_WIRE_SRC_KEYWORDS_JSON_H_

#include <string>

#include <simdjson.h>

#include "absl/status/status.h"
#include "sendpolicy/lifecycle/keywords.h"

namespace sendpolicy {
namespace wire {
namespace internal {

// Reads {"locales": ["en", "fr"], "opt_out_first_sentence": false,
// "extra_opt_out": [...], "extra_opt_in": [...], "extra_help": [...]};
// absent keys keep the value in `rules`.
absl::Status read_keywords(simdjson::ondemand::value& v, KeywordRules& rules);

// The "keywords" value as read_keywords() reads it.
void append_keywords_json(std::string& out, const KeywordRules& rules);

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_SRC_KEYWORDS_JSON_H_
