#include "rules/facts.h"

namespace sendpolicy {
namespace rules {
namespace {

// A code is kept once, but when several rules raise it (two packs' caps, two
// packs' consent rules) the strictest report must survive, or the verdict
// would be laxer than a rule demands: a deny over a defer (it never clears by
// waiting), and of two defers the later time (both must have cleared).
void keep_strictest(Reason& kept, const Reason& next) noexcept {
  if (!kept.deferrable) return;
  if (!next.deferrable || (next.at && kept.at && *kept.at < *next.at)) kept = next;
}

}  // namespace

void DecisionBuilder::deny(ReasonCode code, std::string_view rule, std::string_view detail,
                           std::optional<Timestamp> at, int platform_error) noexcept {
  const ReasonInfo& info = reason_info(code);
  Reason r;
  r.code = code;
  r.rule = rule.empty() ? info.default_rule : rule;
  r.platform_error = platform_error < 0 ? info.platform_error : platform_error;
  r.detail = detail;
  r.at = at;
  decision_.reasons.insert_by_code(r, keep_strictest);
}

void DecisionBuilder::defer(ReasonCode code, Timestamp retry_at, std::string_view rule,
                            std::string_view detail) noexcept {
  const ReasonInfo& info = reason_info(code);
  Reason r;
  r.code = code;
  r.rule = rule.empty() ? info.default_rule : rule;
  r.platform_error = info.platform_error;
  r.detail = detail;
  r.at = retry_at;
  r.deferrable = true;
  decision_.reasons.insert_by_code(r, keep_strictest);
}

void DecisionBuilder::warn(WarningCode code, std::string_view detail) noexcept {
  decision_.warnings.insert_by_code(Warning{code, detail});
}

}  // namespace rules
}  // namespace sendpolicy
