// A recursive-descent recogniser of the JSON grammar that stops at the first
// error and reports its position (json_syntax.h).
#include "json_syntax.h"

#include <cstddef>

namespace sendpolicy {
namespace wire {
namespace internal {
namespace {

constexpr int kMaxDepth = 512;

class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}

  std::optional<SyntaxError> run() {
    skip_ws();
    if (!value(0)) return error_;
    skip_ws();
    if (i_ != s_.size()) fail("unexpected content after the JSON value");
    return error_;
  }

 private:
  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return s_[i_]; }

  void skip_ws() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++i_;
  }

  // Records the first error at the current position; always false.
  bool fail(std::string what) {
    if (error_) return false;
    SyntaxError e;
    for (std::size_t k = 0; k < i_ && k < s_.size(); ++k) {
      const auto c = static_cast<unsigned char>(s_[k]);
      if (c == '\n') {
        ++e.line;
        e.column = 1;
      } else if ((c & 0xC0) != 0x80) {  // count code points, not continuation bytes
        ++e.column;
      }
    }
    e.what = std::move(what);
    error_ = std::move(e);
    return false;
  }

  bool expect_here(std::string what) {
    return fail(at_end() ? "unexpected end of input: " + what : std::move(what));
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return expect_here("expected a JSON value");
    i_ += word.size();
    return true;
  }

  bool digits() {
    if (at_end() || peek() < '0' || peek() > '9') return expect_here("expected a digit");
    while (!at_end() && peek() >= '0' && peek() <= '9') ++i_;
    return true;
  }

  bool number() {
    if (peek() == '-') ++i_;
    if (!at_end() && peek() == '0') {
      ++i_;
    } else if (!digits()) {
      return false;
    }
    if (!at_end() && peek() == '.') {
      ++i_;
      if (!digits()) return false;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++i_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++i_;
      if (!digits()) return false;
    }
    return true;
  }

  bool hex4() {
    for (int k = 0; k < 4; ++k, ++i_) {
      if (at_end()) return expect_here("expected 4 hex digits after \\u");
      const char c = peek();
      const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) return fail("expected 4 hex digits after \\u");
    }
    return true;
  }

  bool string() {
    ++i_;  // the opening quote
    while (true) {
      if (at_end()) return expect_here("unterminated string");
      const auto c = static_cast<unsigned char>(peek());
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return fail("control character in a string (escape it)");
      if (c != '\\') {
        ++i_;
        continue;
      }
      ++i_;
      if (at_end()) return expect_here("unterminated string");
      const char e = peek();
      if (e == 'u') {
        ++i_;
        if (!hex4()) return false;
        continue;
      }
      if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' &&
          e != 't') {
        return fail("invalid escape in a string");
      }
      ++i_;
    }
  }

  // Reads the members of an object or the elements of an array after its
  // opening bracket, each with `member`, up to `closer`.
  template <class Member>
  bool members(char closer, const char* expected_after, Member&& member) {
    ++i_;  // { or [
    skip_ws();
    if (!at_end() && peek() == closer) {
      ++i_;
      return true;
    }
    while (true) {
      skip_ws();
      if (!member()) return false;
      skip_ws();
      if (!at_end() && peek() == ',') {
        ++i_;
        continue;
      }
      if (!at_end() && peek() == closer) {
        ++i_;
        return true;
      }
      return expect_here(expected_after);
    }
  }

  bool object(int depth) {
    return members('}', "expected ',' or '}'", [&] {
      if (at_end() || peek() != '"') return expect_here("expected a key (a string in double quotes)");
      if (!string()) return false;
      skip_ws();
      if (at_end() || peek() != ':') return expect_here("expected ':' after the key");
      ++i_;
      skip_ws();
      return value(depth + 1);
    });
  }

  bool array(int depth) {
    return members(']', "expected ',' or ']'", [&] { return value(depth + 1); });
  }

  bool value(int depth) {
    if (depth > kMaxDepth) return fail("nested too deeply");
    if (at_end()) return expect_here("expected a JSON value");
    switch (peek()) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number();
        return fail("expected a JSON value");
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::optional<SyntaxError> error_;
};

}  // namespace

std::optional<SyntaxError> find_syntax_error(std::string_view json) { return Scanner(json).run(); }

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy
