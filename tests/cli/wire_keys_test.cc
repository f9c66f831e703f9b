// Object keys as the request reader matches them: raw bytes when the key has
// no escape, unescaped otherwise (src/wire/ondemand_read.h, raw_key()). An
// escaped spelling of a known key must mean that key, and a key's end must
// be found wherever it falls relative to the 8-byte words the reader scans.
#include <string>

#include <catch2/catch.hpp>

#include <sendpolicy/sendpolicy.h>
#include <sendpolicy/wire/request_json.h>

namespace sp = sendpolicy;
namespace wire = sendpolicy::wire;

namespace {

const std::string kRest =
    R"("now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)"
    R"("message":{"kind":"free_form"}})";

std::string error_of(const std::string& json, sp::SendRequest& r) {
  const absl::Status s = wire::parse_request(json, r);
  return s.ok() ? std::string("OK") : std::string(s.message());
}

}  // namespace

TEST_CASE("an escaped spelling of a known key is that key") {
  sp::SendRequest r;
  // \u0069 is 'i', \u005f is '_': the same keys the schema names.
  REQUIRE(error_of(R"({"\u0069d":"x",)" + kRest, r) == "OK");
  CHECK(r.id == "x");
  const std::string json =
      R"({"id":"y","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567",)"
      R"("marketing\u005fopted_out":true},"message":{"kind":"free_form"}})";
  REQUIRE(error_of(json, r) == "OK");
  CHECK(r.recipient.marketing_opted_out);
}

TEST_CASE("a key given twice, once escaped, is a duplicate") {
  sp::SendRequest r;
  CHECK(error_of(R"({"id":"a","\u0069d":"b",)" + kRest, r) == "id: duplicate field");
}

TEST_CASE("unknown keys are named unescaped, wherever their end falls") {
  sp::SendRequest r;
  auto [key, shown] = GENERATE(table<std::string, std::string>({
      {"q", "q"},
      {"qwertyu", "qwertyu"},            // 7 bytes: quote in the first word
      {"qwertyui", "qwertyui"},          // 8: quote first in the second word
      {"qwertyuio", "qwertyuio"},        // 9
      {"qwertyuiopasdfgh", "qwertyuiopasdfgh"},    // 16
      {"qwertyuiopasdfghj", "qwertyuiopasdfghj"},  // 17
      {R"(qwertyu\"i)", R"(qwertyu"i)"},       // escaped quote across a word boundary
      {R"(qwertyui\u0041)", "qwertyuiA"},      // escape first in the second word
      {R"(id\u0020)", "id "},                  // a known key and one more byte
  }));
  CAPTURE(key);
  const std::string message = error_of("{\"" + key + "\":1," + kRest, r);
  CHECK(message.rfind(shown + ": unknown field", 0) == 0);
}

// The reader compares each key first with the one that followed the previous
// key in the last object of its kind (KeyTable/KeyOrder in ondemand_read.h),
// and enum values with the names' raw bytes. Whatever order it has learned,
// a key or value that differs from the expected one only in its end must not
// be taken for it, and a reused parser must read every order alike.
TEST_CASE("keys close to the expected one are not taken for it, whatever order was learned") {
  wire::RequestParser parser;
  sp::SendRequest r;
  const auto parse = [&](const std::string& json) {
    const absl::Status s = parser.parse(json, r);
    return s.ok() ? std::string("OK") : std::string(s.message());
  };
  const std::string consent_line =
      R"({"id":"a","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)"
      R"("consent":{"status":"granted","phone":"+393471234567","source":"website"},)"
      R"("message":{"kind":"free_form"}})";
  // Learn the order id, now, recipient, consent, message; consent: status, phone, source.
  REQUIRE(parse(consent_line) == "OK");
  auto [changed, expected] = GENERATE(table<std::string, std::string>({
      {R"("statu":"granted")", "consent.statu: unknown field; did you mean 'status'?"},
      {R"("statusx":"granted")", "consent.statusx: unknown field; did you mean 'status'?"},
      {R"("Status":"granted")", "consent.Status: unknown field; did you mean 'status'?"},
      {R"("st\u0061tus":"granted")", "OK"},
      {R"("status":"grante")", "consent.status: unknown value 'grante' (expected one of "},
      {R"("status":"grantedx")", "consent.status: unknown value 'grantedx' (expected one of "},
      {R"("status":"gr\u0061nted")", "OK"},
      {R"("status":"withdrawn")", "OK"},
  }));
  CAPTURE(changed);
  std::string line = consent_line;
  line.replace(line.find(R"("status":"granted")"), std::string(R"("status":"granted")").size(),
               changed);
  CHECK(parse(line).rfind(expected, 0) == 0);
  // The same parser still reads the learned order, and the other order.
  REQUIRE(parse(consent_line) == "OK");
  CHECK(r.consent->status == sp::ConsentStatus::kGranted);
  CHECK(r.consent->source == sp::ConsentSource::kWebsite);
  const std::string reordered =
      R"({"message":{"kind":"template","template":{"status":"approved","category":"utility"}},)"
      R"("consent":{"source":"website","status":"withdrawn"},"now":"2026-03-02T12:00:00Z",)"
      R"("recipient":{"phone":"+393471234567"},"id":"b","id":"c"})";
  CHECK(parse(reordered) == "id: duplicate field");
  REQUIRE(parse(reordered.substr(0, reordered.size() - 10) + "}") == "OK");
  CHECK(r.id == "b");
  CHECK(r.consent->status == sp::ConsentStatus::kWithdrawn);
  CHECK(r.message.kind == sp::MessageKind::kTemplate);
}

// Optional objects a line has are reused in place by the next line that has
// them too (their strings keep their capacity); a line without one leaves
// it empty, and no field carries over from the line before.
TEST_CASE("no consent or template or call permission carries over from the line before") {
  wire::RequestParser parser;
  sp::SendRequest r;
  const std::string full =
      R"({"id":"a","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567",)"
      R"("call_permission":{"status":"granted","granted_at":"2026-03-01T12:00:00Z"}},)"
      R"("consent":{"status":"withdrawn","phone":"+393471234567","source":"website",)"
      R"("withdrawn_at":"2026-03-01T12:00:00Z","purposes":["promotions"],"evidence_ref":"x"},)"
      R"("message":{"kind":"template","template":{"name":"t","status":"approved",)"
      R"("category":"utility","paused_until":"2026-03-05T12:00:00Z"}}})";
  const std::string bare =
      R"({"id":"b","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)"
      R"("message":{"kind":"free_form"}})";
  const std::string sparse =
      R"({"id":"c","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567",)"
      R"("call_permission":{"status":"none"}},"consent":{"phone":"+393471234567"},)"
      R"("message":{"kind":"template","template":{"status":"paused","category":"marketing"}}})";
  REQUIRE(parser.parse(full, r).ok());
  REQUIRE(r.consent);
  CHECK(r.consent->withdrawn_at);
  REQUIRE(parser.parse(bare, r).ok());
  CHECK_FALSE(r.consent);
  CHECK_FALSE(r.message.template_info);
  CHECK_FALSE(r.recipient.call_permission);
  REQUIRE(parser.parse(full, r).ok());
  REQUIRE(parser.parse(sparse, r).ok());  // straight after `full`: reused in place
  REQUIRE(r.consent);
  CHECK(r.consent->status == sp::ConsentStatus::kGranted);
  CHECK_FALSE(r.consent->withdrawn_at);
  CHECK(r.consent->source == sp::ConsentSource::kOther);
  CHECK(r.consent->purposes.empty());
  CHECK(r.consent->evidence_ref.empty());
  REQUIRE(r.message.template_info);
  CHECK(r.message.template_info->name.empty());
  CHECK_FALSE(r.message.template_info->paused_until);
  REQUIRE(r.recipient.call_permission);
  CHECK(r.recipient.call_permission->status == sp::CallPermissionStatus::kNone);
  CHECK_FALSE(r.recipient.call_permission->granted_at);
  // A line that fails before reaching them leaves none behind either.
  REQUIRE(parser.parse(full, r).ok());
  CHECK_FALSE(parser.parse(R"({"id":"d","bogus":1})", r).ok());
  CHECK_FALSE(r.consent);
  CHECK_FALSE(r.message.template_info);
  CHECK_FALSE(r.recipient.call_permission);
}
