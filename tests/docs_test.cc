// Documentation that compiles: the README's examples are
// examples/embed_minimal.cc and examples/consent_fold.cc verbatim, and those
// files are built with the tests.
#include <fstream>
#include <sstream>

#include "test_support.h"

namespace {
std::string read_file(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
}  // namespace

TEST_CASE("README embeds examples/embed_minimal.cc verbatim", "[docs]") {
  const std::string readme = read_file(SENDPOLICY_SOURCE_DIR "/README.md");
  const std::string example = read_file(SENDPOLICY_SOURCE_DIR "/examples/embed_minimal.cc");
  CHECK(readme.find("```cpp\n" + example + "```") != std::string::npos);
}

TEST_CASE("README embeds examples/consent_fold.cc verbatim", "[docs][lifecycle]") {
  const std::string readme = read_file(SENDPOLICY_SOURCE_DIR "/README.md");
  const std::string example = read_file(SENDPOLICY_SOURCE_DIR "/examples/consent_fold.cc");
  CHECK(readme.find("```cpp\n" + example + "```") != std::string::npos);
}
