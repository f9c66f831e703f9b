// audit/summary.h
//
// Summary: what an audit found, counted per verdict, reason, warning,
// category and billing, and printed as a table a person reads at a glance.
// Shared by `sendpolicy audit --summary`, the C API and the Python module,
// so a campaign audited by any of them (or in partitions on a cluster,
// merged) prints the same table.
//
//   sendpolicy::audit::Summary total;
//   total.merge(partition_summary);                    // counts add up
//   std::string table = total.format("campaign.jsonl");
#ifndef SENDPOLICY_EXAMPLES_AUDIT_SUMMARY_H_
#define SENDPOLICY_EXAMPLES_AUDIT_SUMMARY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <sendpolicy/sendpolicy.h>

namespace sendpolicy {
namespace audit {

namespace sp = sendpolicy;

struct Summary {
  std::uint64_t requests = 0;
  std::uint64_t unreadable = 0;  // lines that never became a request
  std::array<std::uint64_t, sp::EnumTraits<sp::Verdict>::kCount> verdicts{};
  std::array<std::uint64_t, sp::kReasonCodeCount> reasons{};
  std::array<std::uint64_t, sp::kWarningCodeCount> warnings{};
  std::array<std::uint64_t, sp::EnumTraits<sp::Channel>::kCount> channels{};
  std::array<std::uint64_t, sp::EnumTraits<sp::Category>::kCount> categories{};
  // Allowed requests only: `none` counts allowed SMS (Meta does not bill SMS).
  std::array<std::uint64_t, sp::EnumTraits<sp::Billing>::kCount> billing{};

  void add(const sp::SendDecision& d, sp::Channel channel, sp::Category category);
  void add_unreadable();  // counted as deny, invalid_request, no category
  void merge(const Summary& other);

  // The table; `source` names the input ("examples/data/campaign.jsonl").
  std::string format(std::string_view source) const;

  // Every count in one flat list (requests, unreadable, then each array in
  // declaration order), so a summary can cross a process boundary (Python
  // pickling for Dask workers). from_counts() rejects a list of another
  // length, e.g. one made by a build with a different reason catalogue.
  std::vector<std::uint64_t> counts() const;
  bool from_counts(const std::vector<std::uint64_t>& counts);
};

}  // namespace audit
}  // namespace sendpolicy

#endif  // SENDPOLICY_EXAMPLES_AUDIT_SUMMARY_H_
