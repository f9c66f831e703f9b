// JSON Lines in, decision lines out, as `sendpolicy audit` writes them:
// the shared LineAuditor over the text, split at line boundaries into one
// slice per thread so each thread numbers its lines from where its slice
// starts. Plain C++ (no Node-API), so the synchronous call and the
// thread-pool worker run the very same code.
#ifndef SENDPOLICY_NODE_AUDIT_TEXT_H_
#define SENDPOLICY_NODE_AUDIT_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <sendpolicy/policy.h>

namespace sendpolicy_node {

// Most threads auditLines() starts, whatever it is asked for.
inline constexpr std::size_t kMaxAuditThreads = 64;

// `first_line` numbers the text's first line (1 for a whole file; the lines
// already audited + 1 when a file is fed in pieces).
std::string audit_text(const sendpolicy::Policy& policy, std::string_view text,
                       std::size_t threads, std::size_t max_line_bytes,
                       std::uint64_t first_line = 1);

}  // namespace sendpolicy_node

#endif  // SENDPOLICY_NODE_AUDIT_TEXT_H_
