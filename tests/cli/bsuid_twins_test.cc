// Every WhatsApp request of the bundled campaign, asked again with the
// customer known by a WhatsApp user ID only (wire v1.1): the decision must
// be the phone-keyed one, except that an authentication template now also
// needs the number (phone_number_required). The twin has no country: the
// BSUID's prefix is the market's country, so packs and the US marketing
// pause see the same country (the campaign's US markets use US area codes,
// its Canadian one 416).
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <sendpolicy/sendpolicy.h>
#include <sendpolicy/wire/request_json.h>

#include "../source_file.h"

namespace sp = sendpolicy;

namespace {

// Sorted, so the comparison does not depend on where later codes go.
std::vector<sp::ReasonCode> codes(const sp::SendDecision& d) {
  std::vector<sp::ReasonCode> out;
  for (const sp::Reason& r : d.reasons) out.push_back(r.code);
  std::sort(out.begin(), out.end());
  return out;
}

// The request with the number hidden. A consent filed under the recipient's
// number moves to the user ID; one filed under another number gets another
// user ID, so it still belongs to someone else.
sp::SendRequest twin(sp::SendRequest r) {
  const std::string country = r.recipient.country.empty() ? "IT" : r.recipient.country;
  const std::string user_id = country + ".13491208655302741918";
  if (r.consent) {
    const bool own = r.consent->phone == r.recipient.phone;
    r.consent->phone.clear();
    r.consent->user_id = own ? user_id : country + ".99";
  }
  r.recipient.phone.clear();
  r.recipient.user_id = user_id;
  r.recipient.country.clear();  // the region's country, else the prefix, stands for it
  return r;
}

}  // namespace

TEST_CASE("the campaign's WhatsApp requests decide the same keyed by BSUID", "[identity][campaign]") {
  std::istringstream lines(sendpolicy_test::read_source_file("examples/data/campaign.jsonl"));
  sp::wire::RequestParser parser;
  const sp::Policy policy = sp::Policy::whatsapp();
  sp::SendRequest r;
  std::string line;
  int compared = 0;
  int authentication = 0;
  while (std::getline(lines, line)) {
    if (!parser.parse(line, r).ok() || r.channel != sp::Channel::kWhatsApp ||
        r.recipient.phone.empty() || sp::find_invalid_field(r)) {
      continue;  // broken lines, other channels, and the campaign's own BSUID customers
    }
    CAPTURE(line);
    const sp::SendDecision by_phone = sp::evaluate(policy, r);
    const sp::SendDecision by_user = sp::evaluate(policy, twin(r));
    std::vector<sp::ReasonCode> expected = codes(by_phone);
    const bool otp = r.message.template_info &&
                     r.message.template_info->category == sp::Category::kAuthentication;
    if (otp) {
      ++authentication;
      expected.push_back(sp::ReasonCode::kPhoneNumberRequired);
      std::sort(expected.begin(), expected.end());
      CHECK(by_user.verdict == sp::Verdict::kDeny);
    } else {
      CHECK(by_user.verdict == by_phone.verdict);
      CHECK(by_user.retry_at == by_phone.retry_at);
      CHECK(by_user.billing == by_phone.billing);
    }
    CHECK(codes(by_user) == expected);
    ++compared;
  }
  CHECK(compared > 1000);
  CHECK(authentication > 50);
}
