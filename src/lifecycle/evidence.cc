// Demonstrability checks (GDPR Art. 7(1); EDPB Guidelines 05/2020 §5.1) and
// Meta's opt-in design points.
#include "sendpolicy/lifecycle/evidence.h"

#include <array>

#include "sendpolicy/phone.h"
#include "sendpolicy/user_id.h"

namespace sendpolicy {
namespace {

constexpr std::array<std::string_view, EnumTraits<EvidenceGap>::kCount> kMessages = {{
    "who: store the E.164 number the user entered or confirmed, or the WhatsApp user ID the "
    "consent came under (GDPR Art. 7(1))",
    "when: store when consent was given (EDPB 05/2020 §5.1)",
    "how: the collection method is unknown; store checkbox, number entry, keyword reply...",
    "how: pre-ticked boxes and imported lists are not an act of the user (GDPR Recital 32, "
    "Planet49); collect consent again",
    "where: store the source (website, app, point of sale...) of the consent",
    "what they were told: store the version of the notice shown (EDPB 05/2020 §5.1)",
    "for what: store the purposes consented to; none covers nothing (GDPR Art. 6(1)(a))",
    "proof: store a reference to the evidence (form submission, recording, double opt-in "
    "confirmation; BGH I ZR 164/09)",
    "the notice must name the business (Meta, Get opt-in; GDPR Art. 4(11), Recital 42)",
}};

}  // namespace

EvidenceReport check_evidence(const ConsentRecord& c) {
  EvidenceReport r;
  auto gap = [&r](EvidenceGap g) { r.gaps.push_back(g); };
  const bool never_granted = c.withdrawn() && !c.granted_at;
  // A WhatsApp user ID names who consented as well as a number does.
  if (!is_e164(c.phone) && !is_bsuid(c.user_id)) gap(EvidenceGap::kNoNumber);
  if (!c.granted_at && !never_granted) gap(EvidenceGap::kNoGrantTime);
  if (!never_granted) {
    if (c.method == ConsentMethod::kUnknown) {
      gap(EvidenceGap::kMethodUnknown);
    } else if (!is_active_opt_in(c.method)) {
      gap(EvidenceGap::kMethodNotActive);
    }
    if (c.source == ConsentSource::kOther) gap(EvidenceGap::kNoSource);
    if (c.notice_version.empty()) gap(EvidenceGap::kNoNoticeVersion);
    if (c.purposes.empty() && !c.withdrawn()) gap(EvidenceGap::kNoPurposes);
    if (c.evidence_ref.empty()) gap(EvidenceGap::kNoEvidenceRef);
    if (!c.notice.business_name_shown) gap(EvidenceGap::kBusinessNotNamed);
  }
  r.design.business_named = c.notice.business_name_shown;
  r.design.content_described = c.notice.content_described;
  r.design.whatsapp_named = c.notice.whatsapp_named;
  r.design.number_editable = c.notice.number_editable;
  return r;
}

std::string_view evidence_gap_message(EvidenceGap gap) noexcept {
  const auto i = static_cast<std::size_t>(gap);
  return i < kMessages.size() ? kMessages[i] : std::string_view("?");
}

}  // namespace sendpolicy
