// Message tags belong to Messenger and Instagram; WhatsApp and SMS have none.
#include "rules/facts.h"

namespace sendpolicy {
namespace rules {

void check_channel(const Facts& f, DecisionBuilder& out) noexcept {
  const Message& m = f.request.message;
  if (!m.tag) return;
  const Channel ch = f.request.channel;
  if (ch == Channel::kWhatsApp || ch == Channel::kSms) {
    out.deny(ReasonCode::kTagNotAllowed, {}, to_string(ch));
  }
}

}  // namespace rules
}  // namespace sendpolicy
