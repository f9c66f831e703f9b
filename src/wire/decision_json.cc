#include "sendpolicy/wire/decision_json.h"

#include <array>
#include <charconv>
#include <cstring>

#include "reason_text.h"
#include "sendpolicy/enums.h"
#include "sendpolicy/reasons.h"
#include "sendpolicy/wire/json_writer.h"

namespace sendpolicy {
namespace wire {
namespace {

// Text that depends only on a code or an enum value, built once: its bytes
// padded to kWidth, so LineBuffer copies a constant number of bytes.
struct Piece {
  static constexpr std::size_t kWidth = 64;
  char bytes[kWidth] = {};
  std::size_t size = 0;
  std::string text;  // the same text; used when longer than kWidth

  Piece() = default;
  explicit Piece(std::string t) : size(t.size()), text(std::move(t)) {
    if (size <= kWidth) std::memcpy(bytes, text.data(), size);
  }
};

// The bytes of a decision line are gathered in a stack buffer and appended
// to `out` in a few large pieces: the ~40 std::string appends per line this
// replaces (a capacity check and a call each, plus std::to_string) cost more
// than the bytes they copied. Reason and warning sentences are written into
// it too (it is a sink for src/reason_text.h) and quoted by
// put_sentence(), which escapes the rare one that quotes odd request text.
class LineBuffer {
 public:
  // buf_ is left unzeroed on purpose: only [0, n_) is ever read.
  // cppcheck-suppress uninitMemberVar
  explicit LineBuffer(std::string& out) noexcept : out_(out) {}
  LineBuffer(const LineBuffer&) = delete;
  LineBuffer& operator=(const LineBuffer&) = delete;
  ~LineBuffer() { flush(); }

  void put(std::string_view s) {
    if (s.size() > kSize - n_) {
      flush();
      if (s.size() > kSize) {
        out_.append(s.data(), s.size());
        return;
      }
    }
    // An empty view may have no data at all (a default invalid_prefix, an
    // absent detail), and memcpy from a null pointer is undefined even for
    // zero bytes.
    if (s.empty()) return;
    std::memcpy(buf_ + n_, s.data(), s.size());
    n_ += s.size();
  }
  void put(char c) {
    if (n_ == kSize) flush();
    buf_[n_++] = c;
  }
  // A piece built once (below): all kWidth bytes are copied, a constant-size
  // copy the compiler inlines into a few vector moves, and only its size
  // kept. A library memcpy of each piece's own size cost a call and a
  // branch on the size class per piece, several per line.
  void put(const Piece& piece) {
    if (piece.size > Piece::kWidth) {
      put(std::string_view(piece.text));
      return;
    }
    if (kSize - n_ < Piece::kWidth) flush();
    std::memcpy(buf_ + n_, piece.bytes, Piece::kWidth);
    n_ += piece.size;
  }
  // A JSON string literal; text needing escapes goes through
  // append_json_string().
  void put_string(std::string_view text) {
    if (json_safe(text)) {
      put('"');
      put(text);
      put('"');
    } else {
      append_json_string(flushed(), text);
    }
  }
  void put_int(long long value) {
    if (kSize - n_ < 24) flush();
    n_ = static_cast<std::size_t>(std::to_chars(buf_ + n_, buf_ + kSize, value).ptr - buf_);
  }
  // "2026-03-02T12:00:00Z" (quoted), or null.
  void put_timestamp(const std::optional<Timestamp>& t) {
    if (!t) {
      put("null");
      return;
    }
    if (kSize - n_ < 22) flush();
    buf_[n_] = '"';
    // Formatted in place: formatting into a local array and copying that
    // made a 16-byte load over the 1- and 2-byte stores just written (a
    // store-forwarding stall, 7% of the writer's time).
    format_timestamp(*t, *reinterpret_cast<char(*)[20]>(buf_ + n_ + 1));
    buf_[n_ + 21] = '"';
    n_ += 22;
  }
  // Sink for src/reason_text.h: a time as RFC 3339 text, unquoted.
  void put_time(Timestamp t) {
    if (kSize - n_ < 20) flush();
    format_timestamp(t, *reinterpret_cast<char(*)[20]>(buf_ + n_));
    n_ += 20;
  }
  // A JSON string of what `write(*this)` puts: the sentence is checked for
  // characters that need escaping where it was written (in buf_, or in
  // `out` if it did not fit) and escaped only if it has some.
  template <class Write>
  void put_sentence(Write&& write) {
    const std::size_t quote = out_.size() + n_;  // where the opening quote goes in `out`
    put('"');
    write(*this);
    const std::size_t base = out_.size();
    if (quote >= base) {  // all of it still in buf_
      const std::size_t at = quote - base;
      const std::string_view text(buf_ + at + 1, n_ - at - 1);
      if (json_safe(text)) {
        put('"');
        return;
      }
      const std::string raw(text);
      n_ = at;
      append_json_string(flushed(), raw);
      return;
    }
    flush();
    if (json_safe(std::string_view(out_).substr(quote + 1))) {
      put('"');
      return;
    }
    const std::string raw = out_.substr(quote + 1);
    out_.resize(quote);
    append_json_string(out_, raw);
  }
  // `out` with everything put so far, for appending to it directly.
  std::string& flushed() {
    flush();
    return out_;
  }

 private:
  static constexpr std::size_t kSize = 512;
  void flush() {
    out_.append(buf_, n_);
    n_ = 0;
  }
  std::string& out_;
  std::size_t n_ = 0;
  char buf_[kSize];
};

// Pieces that depend only on a code or an enum value, built once:
// `{"code":"<name>","rule":` for every reason code, `{"code":"<name>","message":`
// for every warning, and the text around the verdict, the required form and
// the billing. Wire names are known-safe: no escaping to check.
template <class E>
std::array<Piece, EnumTraits<E>::kCount> enum_pieces(const char* before, const char* after) {
  std::array<Piece, EnumTraits<E>::kCount> pieces;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    pieces[i] = Piece(before + std::string(to_string(static_cast<E>(i))) + after);
  }
  return pieces;
}

struct Pieces {
  std::array<Piece, kReasonCodeCount> reason_head;
  std::array<Piece, kWarningCodeCount> warning_head;
  std::array<Piece, EnumTraits<Verdict>::kCount> verdict =
      enum_pieces<Verdict>(",\"verdict\":\"", "\",\"reasons\":[");
  std::array<Piece, EnumTraits<RequiredForm>::kCount> required_form =
      enum_pieces<RequiredForm>("},\"required_form\":\"", "\",\"retry_at\":");
  std::array<Piece, EnumTraits<Billing>::kCount> billing =
      enum_pieces<Billing>(",\"billing\":\"", "\"}\n");
  Pieces() {
    for (std::size_t i = 0; i < kReasonCodeCount; ++i) {
      reason_head[i] = Piece("{\"code\":\"" +
                             std::string(to_string(static_cast<ReasonCode>(i))) + "\",\"rule\":");
    }
    for (std::size_t i = 0; i < kWarningCodeCount; ++i) {
      warning_head[i] = Piece("{\"code\":\"" +
                              std::string(to_string(static_cast<WarningCode>(i))) +
                              "\",\"message\":");
    }
  }
};

// The piece for `value`, or the same text put the slow way for a value
// outside the enum (never made by evaluate(); kept byte-identical).
template <class E, std::size_t N>
void put_enum(LineBuffer& b, const std::array<Piece, N>& pieces, E value, const char* before,
              const char* after) {
  const auto i = static_cast<std::size_t>(value);
  if (i < N) {
    b.put(pieces[i]);
  } else {
    b.put(std::string_view(before));
    b.put(to_string(value));
    b.put(std::string_view(after));
  }
}

const Pieces& pieces() {
  static const Pieces p;  // immutable after its thread-safe initialisation
  return p;
}

void put_id(LineBuffer& b, std::string_view id) {
  b.put("{\"id\":");
  if (id.empty()) {
    b.put("null");
  } else {
    b.put_string(id);
  }
}

void put_reason_head(LineBuffer& b, const Piece& code_head, std::string_view rule) {
  b.put(code_head);
  b.put_string(rule);
  b.put(",\"message\":");
}

void put_reason_tail(LineBuffer& b, int platform_error) {
  b.put(",\"platform_error\":");
  if (platform_error == 0) {
    b.put("null");
  } else {
    b.put_int(platform_error);
  }
  b.put('}');
}

}  // namespace

std::string_view time_out_of_range(const SendDecision& d) noexcept {
  using namespace std::chrono;
  // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds.
  constexpr Timestamp kFirst{seconds{-62135596800}};
  constexpr Timestamp kLast{seconds{253402300799}};
  const auto outside = [&](const std::optional<Timestamp>& t) {
    return t && (*t < kFirst || *t > kLast);
  };
  if (outside(d.window.closes_at)) return "window.closes_at";
  if (outside(d.retry_at)) return "retry_at";
  return {};
}

std::string result_out_of_range_problem(std::string_view field) {
  std::string s(field);
  s += " would fall outside the years 0001-9999 that RFC 3339 times can carry; times this close "
       "to the end of year 9999 are not supported";
  return s;
}

void append_decision_json(std::string& out, std::string_view id, const SendDecision& d,
                          std::string_view invalid_prefix) {
  const Pieces& p = pieces();
  LineBuffer b(out);
  put_id(b, id);
  put_enum(b, p.verdict, d.verdict, ",\"verdict\":\"", "\",\"reasons\":[");
  bool first = true;
  for (const Reason& r : d.reasons) {
    if (!first) b.put(',');
    first = false;
    put_reason_head(b, p.reason_head[static_cast<std::size_t>(r.code)], r.rule);
    b.put_sentence([&](LineBuffer& text) {
      if (r.code == ReasonCode::kInvalidRequest) text.put(invalid_prefix);
      internal::put_reason_message(text, d, r);
    });
    put_reason_tail(b, r.platform_error);
  }
  b.put("],\"warnings\":[");
  first = true;
  for (const Warning& w : d.warnings) {
    if (!first) b.put(',');
    first = false;
    b.put(p.warning_head[static_cast<std::size_t>(w.code)]);
    b.put_sentence([&](LineBuffer& text) { internal::put_warning_message(text, d, w); });
    b.put('}');
  }
  // Two constant-size copies: one copy of either literal's size became
  // `rep movsq`, whose start-up cost was 14% of the writer's time.
  if (d.window.open) {
    b.put("],\"window\":{\"open\":true,\"closes_at\":");
  } else {
    b.put("],\"window\":{\"open\":false,\"closes_at\":");
  }
  b.put_timestamp(d.window.closes_at);
  put_enum(b, p.required_form, d.required_form, "},\"required_form\":\"", "\",\"retry_at\":");
  b.put_timestamp(d.retry_at);
  put_enum(b, p.billing, d.billing, ",\"billing\":\"", "\"}\n");
}

void append_invalid_json(std::string& out, std::string_view id, std::string_view message) {
  const ReasonInfo& info = reason_info(ReasonCode::kInvalidRequest);
  LineBuffer b(out);
  put_id(b, id);
  b.put(",\"verdict\":\"deny\",\"reasons\":[");
  put_reason_head(b, pieces().reason_head[static_cast<std::size_t>(ReasonCode::kInvalidRequest)],
                  info.default_rule);
  b.put_string(message);
  put_reason_tail(b, 0);
  b.put("],\"warnings\":[],\"window\":{\"open\":false,\"closes_at\":null},"
        "\"required_form\":\"template\",\"retry_at\":null,\"billing\":\"none\"}\n");
}

}  // namespace wire
}  // namespace sendpolicy
