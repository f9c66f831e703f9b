// Documentation that compiles: the README's examples are
// examples/embed_minimal.cc and examples/consent_fold.cc verbatim, and those
// files are built with the tests.
#include "source_file.h"
#include "test_support.h"

using sendpolicy_test::read_source_file;

TEST_CASE("README embeds examples/embed_minimal.cc verbatim", "[docs]") {
  const std::string readme = read_source_file("README.md");
  const std::string example = read_source_file("examples/embed_minimal.cc");
  CHECK(readme.find("```cpp\n" + example + "```") != std::string::npos);
}

TEST_CASE("README embeds examples/consent_fold.cc verbatim", "[docs][lifecycle]") {
  const std::string readme = read_source_file("README.md");
  const std::string example = read_source_file("examples/consent_fold.cc");
  CHECK(readme.find("```cpp\n" + example + "```") != std::string::npos);
}

TEST_CASE("docs/calls.md embeds examples/call_gate.cc verbatim", "[docs][calls]") {
  const std::string doc = read_source_file("docs/calls.md");
  const std::string example = read_source_file("examples/call_gate.cc");
  CHECK(doc.find("```cpp\n" + example + "```") != std::string::npos);
}
