// sendpolicy/lifecycle/evidence.h
//
// Can this consent be demonstrated? GDPR Art. 7(1) puts the burden of proof
// on the business, and EDPB Guidelines 05/2020 §5.1 say what proof means: who
// consented, when, how, what they were told (the notice version) and for
// which purposes, with evidence kept. `check_evidence()` lists what a record
// lacks, as warnings (a record may be lawful and still hard to prove), and
// which of Meta's opt-in design points it meets ("Get opt-in for WhatsApp":
// name the business, describe the content, name WhatsApp, let the user
// control the number).
//
//   sendpolicy::EvidenceReport r = sendpolicy::check_evidence(record);
//   for (sendpolicy::EvidenceGap gap : r.gaps) log(sendpolicy::evidence_gap_message(gap));
//   r.design.whatsapp_named;  // Meta's recommendation met?
#ifndef SENDPOLICY_LIFECYCLE_EVIDENCE_H_
#define SENDPOLICY_LIFECYCLE_EVIDENCE_H_

#include <string_view>
#include <vector>

#include "sendpolicy/consent.h"
#include "sendpolicy/enums.h"

namespace sendpolicy {

// What a record lacks to be demonstrable, in the order of the question.
enum class EvidenceGap : unsigned char {
  kNoNumber,          // who: no number the user entered or confirmed, nor a WhatsApp user ID
  kNoGrantTime,       // when: no granted_at
  kMethodUnknown,     // how: method unknown
  kMethodNotActive,   // how: pre-ticked or imported, not an act of the user
  kNoSource,          // where: source "other"
  kNoNoticeVersion,   // what they were told: no notice version
  kNoPurposes,        // for what: no purposes (covers nothing)
  kNoEvidenceRef,     // proof: no form id, recording or confirmation
  kBusinessNotNamed,  // the notice did not name the business (Meta, GDPR Art. 4(11))
};

template <>
struct EnumTraits<EvidenceGap> {
  static constexpr std::string_view kNames[] = {
      "no_number",     "no_grant_time", "method_unknown", "method_not_active",
      "no_source",     "no_notice_version", "no_purposes", "no_evidence_ref",
      "business_not_named"};
  static constexpr std::size_t kCount = 9;
};

// Meta's opt-in design points ("Get opt-in for WhatsApp").
struct DesignPoints {
  bool business_named = false;
  bool content_described = false;
  bool whatsapp_named = false;   // recommended, not required since 2024-11
  bool number_editable = false;  // the user typed or could change the number

  constexpr int met() const noexcept {
    return int{business_named} + int{content_described} + int{whatsapp_named} +
           int{number_editable};
  }
};

struct EvidenceReport {
  std::vector<EvidenceGap> gaps;  // empty: demonstrable as far as a record can say
  DesignPoints design;

  bool demonstrable() const noexcept { return gaps.empty(); }
  bool has(EvidenceGap gap) const noexcept {
    for (EvidenceGap g : gaps) {
      if (g == gap) return true;
    }
    return false;
  }
};

// A withdrawn record is checked too: the withdrawal must be provable as well
// as the grant (it still needs who and when; granted_at may be absent when
// the opt-out came before any opt-in, and is then not a gap).
EvidenceReport check_evidence(const ConsentRecord& record);

// One sentence per gap, naming what to store and why.
std::string_view evidence_gap_message(EvidenceGap gap) noexcept;

}  // namespace sendpolicy

#endif  // SENDPOLICY_LIFECYCLE_EVIDENCE_H_
