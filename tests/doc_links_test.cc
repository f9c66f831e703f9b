// Docs a user reads never send them outside the repository: every Markdown
// link in README.md and docs/*.md is a web address or a file that exists in
// the source tree, and no doc points at the project's unshipped research
// folder (issue 12, issue 15: README and docs/cli.md used to name a
// wire-format file users do not have).
#include <filesystem>
#include <string>
#include <vector>

#include "source_file.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> user_docs() {
  std::vector<std::string> docs = {"README.md"};
  for (const fs::directory_entry& e : fs::directory_iterator(fs::path(SENDPOLICY_SOURCE_DIR) / "docs")) {
    if (e.path().extension() == ".md") docs.push_back("docs/" + e.path().filename().string());
  }
  return docs;
}

}  // namespace

TEST_CASE("Doc links point inside the repository", "[docs][links]") {
  const std::vector<std::string> docs = user_docs();
  REQUIRE(docs.size() > 5);
  for (const std::string& doc : docs) {
    const std::string text = sendpolicy_test::read_source_file(doc);
    CAPTURE(doc);
    CHECK(text.find("../shared") == std::string::npos);
    CHECK(text.find("/work/") == std::string::npos);
    const fs::path dir = (fs::path(SENDPOLICY_SOURCE_DIR) / doc).parent_path();
    for (std::size_t at = text.find("]("); at != std::string::npos; at = text.find("](", at + 2)) {
      const std::size_t end = text.find(')', at);
      if (end == std::string::npos) break;
      std::string target = text.substr(at + 2, end - at - 2);
      if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0 ||
          target.rfind("mailto:", 0) == 0 || target.empty() || target[0] == '#') {
        continue;
      }
      target = target.substr(0, target.find('#'));
      CAPTURE(target);
      CHECK(fs::exists(dir / target));
      // Inside the tree: no climbing out of the source root.
      const std::string resolved = fs::weakly_canonical(dir / target).string();
      CHECK(resolved.rfind(fs::weakly_canonical(SENDPOLICY_SOURCE_DIR).string(), 0) == 0);
    }
  }
}

TEST_CASE("docs/wire-format.md ships the v1 sections and every v1.1 heading", "[docs][wire]") {
  const std::string text = sendpolicy_test::read_source_file("docs/wire-format.md");
  for (const char* heading :
       {"## Request", "## Decision", "## Reason codes", "## Decision semantics",
        "### Billing from 2026-10-01", "### Messenger message tags retired on 2026-04-27",
        "### Templates outside WhatsApp", "### One confirmation of an opt-out",
        "### SMS replies to the consumer's own text", "### New US state packs",
        "### Paused templates", "### Recipients without a phone number",
        "### WhatsApp business-initiated calls", "### History events: direction and sender"}) {
    CAPTURE(heading);
    CHECK(text.find(heading) != std::string::npos);
  }
  // Every reason code and billing value is documented there too.
  for (std::size_t i = 0; i < sendpolicy::kReasonCodeCount; ++i) {
    const std::string name(sendpolicy::reason_info(static_cast<sendpolicy::ReasonCode>(i)).name);
    CAPTURE(name);
    CHECK(text.find("`" + name + "`") != std::string::npos);
  }
  for (std::string_view name : sendpolicy::EnumTraits<sendpolicy::Billing>::kNames) {
    CAPTURE(name);
    CHECK(text.find("`" + std::string(name) + "`") != std::string::npos);
  }
}
