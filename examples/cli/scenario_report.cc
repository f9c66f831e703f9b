// TAP and JUnit XML reports of scenario outcomes, safe for hostile names.
#include "scenario_report.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sendpolicy_cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Calls f(code_point, bytes) for each UTF-8 sequence of `text`. A byte that
// does not start a valid sequence (overlong, surrogate, beyond U+10FFFF,
// truncated) comes as U+FFFD, one byte at a time: file names from the
// command line need not be UTF-8.
template <class F>
void for_each_code_point(std::string_view text, F f) {
  static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (b < 0x80) {
      len = 1;
      cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      len = 2;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      cp = b & 0x07;
    }
    bool ok = len > 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      ok = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    ok = ok && cp >= kMin[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    if (!ok) {
      f(0xFFFD, kReplacement);
      ++i;
      continue;
    }
    f(cp, text.substr(i, len));
    i += len;
  }
}

bool is_control(std::uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

// One TAP test line's description. TAP::Harness reads `# SKIP` / `# TODO`
// after an unescaped '#' as a directive that turns "not ok" into a pass, so
// every '#' is escaped, and '\' too so that "\#" in a name stays literal.
// A line break would end the test line: control characters become spaces.
std::string tap_description(std::string_view text) {
  std::string s;
  for_each_code_point(text, [&s](std::uint32_t cp, std::string_view bytes) {
    if (is_control(cp)) {
      s += ' ';
    } else if (cp == '\\' || cp == '#') {
      s += '\\';
      s += bytes;
    } else {
      s += bytes;
    }
  });
  return s;
}

// One line of a YAML literal block: any character but a control one (a tab
// is fine; a carriage return or an escape sequence is not for a CI log).
std::string yaml_block_line(std::string_view line) {
  std::string s;
  for_each_code_point(line, [&s](std::uint32_t cp, std::string_view bytes) {
    if (cp == '\r') return;
    if (is_control(cp) && cp != '\t') {
      s += kReplacement;
    } else {
      s += bytes;
    }
  });
  return s;
}

// XML 1.0 allows tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and
// U+10000-U+10FFFF; anything else makes the document ill-formed.
bool is_xml_char(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Text for XML content or a double-quoted attribute. In an attribute, tab,
// LF and CR are character references (a parser turns raw ones into spaces);
// in content CR is one (a parser turns raw CR LF into LF).
std::string xml_escape(std::string_view text, bool attribute) {
  std::string s;
  for_each_code_point(text, [&](std::uint32_t cp, std::string_view bytes) {
    if (!is_xml_char(cp)) {
      s += kReplacement;
      return;
    }
    switch (cp) {
      case '&': s += "&amp;"; return;
      case '<': s += "&lt;"; return;
      case '>': s += "&gt;"; return;
      case '"': s += "&quot;"; return;
      case '\r': s += "&#13;"; return;
      case '\t':
        if (attribute) {
          s += "&#9;";
          return;
        }
        break;
      case '\n':
        if (attribute) {
          s += "&#10;";
          return;
        }
        break;
      default:
        break;
    }
    s += bytes;
  });
  return s;
}

std::string title(const ScenarioOutcome& o) {
  return o.name.empty() ? o.file : o.file + ": " + o.name;
}

}  // namespace

std::string tap_report(const std::vector<ScenarioOutcome>& outcomes) {
  std::string s = "TAP version 13\n1.." + std::to_string(outcomes.size()) + "\n";
  std::size_t n = 0;
  for (const ScenarioOutcome& o : outcomes) {
    ++n;
    s += o.status == ScenarioStatus::kPass ? "ok " : "not ok ";
    s += std::to_string(n) + " - " + tap_description(title(o));
    // A comment, not a directive: TAP::Harness only knows SKIP and TODO.
    if (o.status == ScenarioStatus::kError) s += " # error";
    s += '\n';
    if (o.status == ScenarioStatus::kPass) continue;
    // "|" (not "|-", which TAP::Harness cannot read); every line, even an
    // empty one, keeps the block's indentation so the block does not end.
    s += "  ---\n  message: |\n";
    std::size_t start = 0;
    while (start <= o.message.size()) {
      const std::size_t end = o.message.find('\n', start);
      s += "    " +
           yaml_block_line(std::string_view(o.message).substr(start, end - start)) + '\n';
      if (end == std::string::npos) break;
      start = end + 1;
    }
    s += "  ...\n";
  }
  return s;
}

std::string junit_report(const std::vector<ScenarioOutcome>& outcomes) {
  std::size_t failures = 0, errors = 0;
  for (const ScenarioOutcome& o : outcomes) {
    failures += o.status == ScenarioStatus::kFail ? 1 : 0;
    errors += o.status == ScenarioStatus::kError ? 1 : 0;
  }
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += "<testsuites name=\"sendpolicy\" tests=\"" + std::to_string(outcomes.size()) +
       "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
       "\">\n";
  std::size_t i = 0;
  while (i < outcomes.size()) {
    std::size_t end = i;
    std::size_t f = 0, e = 0;
    while (end < outcomes.size() && outcomes[end].file == outcomes[i].file) {
      f += outcomes[end].status == ScenarioStatus::kFail ? 1 : 0;
      e += outcomes[end].status == ScenarioStatus::kError ? 1 : 0;
      ++end;
    }
    const std::string file = xml_escape(outcomes[i].file, true);
    s += "  <testsuite name=\"" + file + "\" tests=\"" + std::to_string(end - i) +
         "\" failures=\"" + std::to_string(f) + "\" errors=\"" + std::to_string(e) + "\">\n";
    for (; i < end; ++i) {
      const ScenarioOutcome& o = outcomes[i];
      s += "    <testcase classname=\"" + file + "\" name=\"" +
           xml_escape(o.name.empty() ? "(file)" : o.name, true) + "\"";
      if (o.status == ScenarioStatus::kPass) {
        s += "/>\n";
        continue;
      }
      const char* tag = o.status == ScenarioStatus::kFail ? "failure" : "error";
      const std::string first_line = o.message.substr(0, o.message.find('\n'));
      s += ">\n      <" + std::string(tag) + " message=\"" + xml_escape(first_line, true) +
           "\">" + xml_escape(o.message, false) + "</" + tag + ">\n    </testcase>\n";
    }
    s += "  </testsuite>\n";
  }
  s += "</testsuites>\n";
  return s;
}

}  // namespace sendpolicy_cli
