#include "rules/facts.h"

namespace sendpolicy {
namespace rules {

void DecisionBuilder::deny(ReasonCode code, std::string_view rule, std::string_view detail,
                           std::optional<Timestamp> at, int platform_error) noexcept {
  const ReasonInfo& info = reason_info(code);
  Reason r;
  r.code = code;
  r.rule = rule.empty() ? info.default_rule : rule;
  r.platform_error = platform_error < 0 ? info.platform_error : platform_error;
  r.detail = detail;
  r.at = at;
  decision_.reasons.insert_by_code(r);
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
  decision_.reasons.insert_by_code(r);
}

void DecisionBuilder::warn(WarningCode code, std::string_view detail) noexcept {
  decision_.warnings.insert_by_code(Warning{code, detail});
}

}  // namespace rules
}  // namespace sendpolicy
