#include "rules/facts.h"

#include <new>

namespace sendpolicy {
namespace rules {
namespace {

// A code is kept once, but when several rules raise it (two packs' caps, two
// packs' consent rules) the strictest report must survive, or the verdict
// would be laxer than a rule demands: a deny over a defer (it never clears by
// waiting), and of two defers the later time (both must have cleared).
bool stricter_than(const Reason& kept, bool deferrable, bool has_at, Timestamp at) noexcept {
  if (!kept.deferrable) return false;
  return !deferrable || (has_at && kept.at && *kept.at < at);
}

// Writes the reason straight into its slot of the decision (see
// InlineList::slot_for: a Reason built on the stack and copied in stalled
// on store forwarding), or leaves the kept one when it is as strict. The
// instant comes as a flag and a value, in registers, for the same reason.
// Inlined into each entry point (GCC and Clang, the compilers CI builds):
// the extra call and its spills were measurable on a 4-reason denial.
__attribute__((always_inline)) inline void report(ReasonList& reasons, ReasonCode code, std::string_view rule, std::string_view detail,
            bool has_at, Timestamp at, int platform_error, bool deferrable) noexcept {
  const ReasonList::Slot slot = reasons.slot_for(code);
  if (slot.kept != nullptr && !stricter_than(*slot.kept, deferrable, has_at, at)) return;
  void* where = slot.kept != nullptr ? static_cast<void*>(slot.kept) : slot.fresh;
  if (where == nullptr) return;  // full: cannot happen, one slot per code
  const ReasonInfo& info = reason_info(code);
  ::new (where) Reason{code,
                       rule.empty() ? info.default_rule : rule,
                       platform_error < 0 ? info.platform_error : platform_error,
                       detail,
                       has_at ? std::optional<Timestamp>(at) : std::nullopt,
                       deferrable};
}

}  // namespace

void DecisionBuilder::deny(ReasonCode code, std::string_view rule, std::string_view detail) noexcept {
  report(decision_.reasons, code, rule, detail, false, Timestamp{}, -1, false);
}

void DecisionBuilder::deny(ReasonCode code, std::string_view rule, std::string_view detail,
                           const std::optional<Timestamp>& at, int platform_error) noexcept {
  report(decision_.reasons, code, rule, detail, at.has_value(), at.value_or(Timestamp{}),
         platform_error, false);
}

void DecisionBuilder::defer(ReasonCode code, Timestamp retry_at, std::string_view rule,
                            std::string_view detail) noexcept {
  // A defer always carries the catalogue's platform error.
  report(decision_.reasons, code, rule, detail, true, retry_at, -1, true);
}

void DecisionBuilder::warn(WarningCode code, std::string_view detail) noexcept {
  const WarningList::Slot slot = decision_.warnings.slot_for(code);
  if (slot.fresh != nullptr) ::new (slot.fresh) Warning{code, detail};  // the first report wins
}

}  // namespace rules
}  // namespace sendpolicy
