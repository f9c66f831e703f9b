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
