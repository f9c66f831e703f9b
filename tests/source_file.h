// The text of a file in the source tree, for the tests that check docs
// against code (README and docs/*.md embed examples and list every code).
// Needs SENDPOLICY_SOURCE_DIR, which tests/CMakeLists.txt defines.
#ifndef SENDPOLICY_TESTS_SOURCE_FILE_H_
#define SENDPOLICY_TESTS_SOURCE_FILE_H_

#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace sendpolicy_test {

// `path` is relative to the source root ("docs/rules.md"); a missing file
// fails the test instead of comparing against "".
inline std::string read_source_file(const std::string& path) {
  std::ifstream in(std::string(SENDPOLICY_SOURCE_DIR) + "/" + path);
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace sendpolicy_test

#endif  // SENDPOLICY_TESTS_SOURCE_FILE_H_
