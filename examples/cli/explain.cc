// `sendpolicy explain CODE`: the catalogue entry for a reason or warning.
#include <cstdio>
#include <string>

#include "commands.h"
#include <sendpolicy/wire/json_writer.h>

namespace sendpolicy_cli {

namespace sp = sendpolicy;

int run_explain(const std::string& code) {
  std::string s;
  if (code.empty()) {
    s = "Reason codes (why a send is denied or deferred):\n";
    for (std::size_t i = 0; i < sp::kReasonCodeCount; ++i) {
      const sp::ReasonInfo& info = sp::reason_info(static_cast<sp::ReasonCode>(i));
      s += "  " + std::string(info.name) + "\n      " + std::string(info.summary) + '\n';
    }
    s += "Warning codes (the send may go):\n";
    for (std::size_t i = 0; i < sp::kWarningCodeCount; ++i) {
      const sp::WarningInfo& info = sp::warning_info(static_cast<sp::WarningCode>(i));
      s += "  " + std::string(info.name) + "\n      " + std::string(info.summary) + '\n';
    }
    s += "Run `sendpolicy explain CODE` for the rule, its source and what to do.\n";
    return write_all(stdout, s) ? 0 : kExitUsageOrInput;
  }
  if (const auto reason = sp::parse_reason_code(code)) {
    const sp::ReasonInfo& info = sp::reason_info(*reason);
    s = std::string(info.name) + " (reason: blocks the send)\n";
    s += "  meaning:    " + std::string(info.summary) + '\n';
    s += "  rule:       " + std::string(info.default_rule) + '\n';
    if (info.platform_error != 0) {
      s += "  Meta error: " + std::to_string(info.platform_error) + '\n';
    }
    s += "  source:     " + std::string(info.source) + '\n';
    s += "  what to do: " + std::string(info.remedy) + '\n';
  }
  if (const auto warning = sp::parse_warning_code(code)) {
    const sp::WarningInfo& info = sp::warning_info(*warning);
    if (!s.empty()) s += '\n';
    s += std::string(info.name) + " (warning: the send may go)\n";
    s += "  meaning:    " + std::string(info.summary) + '\n';
    s += "  source:     " + std::string(info.source) + '\n';
  }
  if (s.empty()) {
    std::fprintf(stderr,
                 "sendpolicy explain: unknown code '%s'; run `sendpolicy explain` for the list\n",
                 sendpolicy::wire::printable(code).c_str());
    return kExitUsageOrInput;
  }
  return write_all(stdout, s) ? 0 : kExitUsageOrInput;
}

}  // namespace sendpolicy_cli
