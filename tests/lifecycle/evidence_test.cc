// Demonstrability gaps (GDPR Art. 7(1), EDPB 05/2020 §5.1) and Meta's opt-in
// design points.
#include "sendpolicy/lifecycle/evidence.h"

#include <functional>

#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("A complete record has no gaps and meets every design point", "[lifecycle][evidence]") {
  const EvidenceReport r = check_evidence(good_consent(at("2026-03-02T12:00:00Z")));
  CHECK(r.demonstrable());
  CHECK(r.design.met() == 4);
}

TEST_CASE("Each missing fact is one gap", "[lifecycle][evidence]") {
  using Edit = std::function<void(ConsentRecord&)>;
  const auto [name, edit, gap] = GENERATE(table<const char*, Edit, EvidenceGap>({
      {"who", [](ConsentRecord& c) { c.phone.clear(); }, EvidenceGap::kNoNumber},
      {"when", [](ConsentRecord& c) { c.granted_at.reset(); }, EvidenceGap::kNoGrantTime},
      {"how (unknown)", [](ConsentRecord& c) { c.method = ConsentMethod::kUnknown; }, EvidenceGap::kMethodUnknown},
      {"how (pre-ticked)", [](ConsentRecord& c) { c.method = ConsentMethod::kPreTicked; }, EvidenceGap::kMethodNotActive},
      {"where", [](ConsentRecord& c) { c.source = ConsentSource::kOther; }, EvidenceGap::kNoSource},
      {"notice version", [](ConsentRecord& c) { c.notice_version.clear(); }, EvidenceGap::kNoNoticeVersion},
      {"purposes", [](ConsentRecord& c) { c.purposes.clear(); }, EvidenceGap::kNoPurposes},
      {"evidence", [](ConsentRecord& c) { c.evidence_ref.clear(); }, EvidenceGap::kNoEvidenceRef},
      {"business", [](ConsentRecord& c) { c.notice.business_name_shown = false; }, EvidenceGap::kBusinessNotNamed},
  }));
  CAPTURE(name);
  ConsentRecord c = good_consent(at("2026-03-02T12:00:00Z"));
  edit(c);
  const EvidenceReport r = check_evidence(c);
  REQUIRE(r.gaps.size() == 1);
  CHECK(r.gaps[0] == gap);
  CHECK_FALSE(r.demonstrable());
  CHECK_FALSE(evidence_gap_message(gap).empty());
  CHECK(to_string(gap) != "?");
}

TEST_CASE("Design points are reported one by one", "[lifecycle][evidence]") {
  ConsentRecord c = good_consent(at("2026-03-02T12:00:00Z"));
  c.notice.whatsapp_named = false;
  c.notice.number_editable = false;
  const EvidenceReport r = check_evidence(c);
  CHECK(r.demonstrable());  // recommendations, not proof
  CHECK(r.design.business_named);
  CHECK(r.design.content_described);
  CHECK_FALSE(r.design.whatsapp_named);
  CHECK_FALSE(r.design.number_editable);
  CHECK(r.design.met() == 2);
}

TEST_CASE("A withdrawal before any opt-in needs only who", "[lifecycle][evidence]") {
  const auto f = fold_consent({ConsentEvent::withdrawal(at("2026-03-01T00:00:00Z"), kPhone, "acme",
                                                        WithdrawalChannel::kKeyword)},
                              at("2026-03-02T00:00:00Z"));
  REQUIRE(f.ok());
  REQUIRE(f->consent);
  CHECK(check_evidence(*f->consent).demonstrable());
  ConsentRecord no_number = *f->consent;
  no_number.phone.clear();
  CHECK(check_evidence(no_number).has(EvidenceGap::kNoNumber));
}

TEST_CASE("An imported list with nothing else lacks almost everything", "[lifecycle][evidence]") {
  ConsentRecord c;
  c.phone = kPhone;
  c.granted_at = at("2026-01-01T00:00:00Z");
  c.method = ConsentMethod::kImported;
  const EvidenceReport r = check_evidence(c);
  CHECK(r.gaps == std::vector<EvidenceGap>{EvidenceGap::kMethodNotActive, EvidenceGap::kNoSource,
                                           EvidenceGap::kNoNoticeVersion, EvidenceGap::kNoPurposes,
                                           EvidenceGap::kNoEvidenceRef, EvidenceGap::kBusinessNotNamed});
  CHECK(r.design.met() == 0);
}
