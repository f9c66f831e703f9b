// docs/testing.md's code is compiled: the first test is tests/testing/
// first_test.cc verbatim, and it stays under 10 lines (the promise).
#include <algorithm>

#include <catch2/catch.hpp>

#include "../source_file.h"

using sendpolicy_test::read_source_file;

TEST_CASE("docs/testing.md shows tests/testing/first_test.cc verbatim", "[testing][docs]") {
  const std::string doc = read_source_file("docs/testing.md");
  const std::string first = read_source_file("tests/testing/first_test.cc");
  CHECK(doc.find("```cpp\n" + first + "```") != std::string::npos);
  CHECK(std::count(first.begin(), first.end(), '\n') < 10);
}
