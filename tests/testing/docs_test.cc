// docs/testing.md's code is compiled: the first test is tests/testing/
// first_test.cc verbatim, and it stays under 10 lines (the promise).
#include <algorithm>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

namespace {
std::string read_file(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
}  // namespace

TEST_CASE("docs/testing.md shows tests/testing/first_test.cc verbatim", "[testing][docs]") {
  const std::string doc = read_file(SENDPOLICY_SOURCE_DIR "/docs/testing.md");
  const std::string first = read_file(SENDPOLICY_SOURCE_DIR "/tests/testing/first_test.cc");
  CHECK(doc.find("```cpp\n" + first + "```") != std::string::npos);
  CHECK(std::count(first.begin(), first.end(), '\n') < 10);
}
