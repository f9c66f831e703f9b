// Summary: what an audit found, counted per verdict, reason, warning,
// category and billing, and printed as a table a person reads at a glance.
#ifndef SENDPOLICY_EXAMPLES_CLI_SUMMARY_H_
#define SENDPOLICY_EXAMPLES_CLI_SUMMARY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <sendpolicy/sendpolicy.h>

namespace sendpolicy_cli {

namespace sp = sendpolicy;

struct Summary {
  std::uint64_t requests = 0;
  std::uint64_t unreadable = 0;  // lines that never became a request
  std::array<std::uint64_t, sp::EnumTraits<sp::Verdict>::kCount> verdicts{};
  std::array<std::uint64_t, sp::kReasonCodeCount> reasons{};
  std::array<std::uint64_t, sp::kWarningCodeCount> warnings{};
  std::array<std::uint64_t, sp::EnumTraits<sp::Channel>::kCount> channels{};
  std::array<std::uint64_t, sp::EnumTraits<sp::Category>::kCount> categories{};
  std::array<std::uint64_t, sp::EnumTraits<sp::Billing>::kCount> billing{};

  void add(const sp::SendDecision& d, sp::Channel channel, sp::Category category);
  void add_unreadable();  // counted as deny, invalid_request, no category
  void merge(const Summary& other);

  // The table; `source` names the input ("examples/data/campaign.jsonl").
  std::string format(std::string_view source) const;
};

}  // namespace sendpolicy_cli

#endif  // SENDPOLICY_EXAMPLES_CLI_SUMMARY_H_
