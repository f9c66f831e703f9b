// floor: the least work any JSON Lines policy auditor must do, the yardstick
// `sendpolicy audit` is measured against (bench/audit_floor.py).
//
//   build/bench/bench/floor requests.jsonl [-o out.jsonl]
//
// For every line it does what `sendpolicy audit` cannot avoid and nothing
// else: read the input in 256 KiB chunks (as the CLI's LineReader does), parse
// the line in place with simdjson On-Demand visiting every field of every
// object and every array element (so the whole line is validated), convert
// each timestamp ("now", "at" and every "*_at" string) to Unix seconds, and
// write a fixed-size 391-byte line (the size of a typical decision) carrying
// the line number and a checksum of the times, so no step can be optimised
// away. No policy, no typed request, no reason sentences.
//
// The timestamp parser handles "YYYY-MM-DDTHH:MM:SSZ" only (every time in the
// peers' stream has that form); anything else counts as a parse error, which
// the floor reports on stderr at the end.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

#include <simdjson.h>

namespace {

namespace od = simdjson::ondemand;

constexpr std::size_t kChunk = std::size_t{256} << 10;
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
constexpr std::size_t kOutLine = 391;  // bytes per output line, '\n' included

struct Stats {
  std::uint64_t lines = 0;
  std::uint64_t bad_json = 0;
  std::uint64_t bad_times = 0;
  std::int64_t time_sum = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
constexpr std::int64_t days_from_civil(int y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return std::int64_t{era} * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool parse_time(std::string_view s, std::int64_t& out) noexcept {
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':' || s[19] != 'Z') {
    return false;
  }
  unsigned v[14];
  static constexpr int kAt[14] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  for (int i = 0; i < 14; ++i) {
    v[i] = static_cast<unsigned>(s[kAt[i]] - '0');
    if (v[i] > 9) return false;
  }
  const int y = static_cast<int>(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]);
  const unsigned mo = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
  const unsigned h = v[8] * 10 + v[9], mi = v[10] * 10 + v[11], sec = v[12] * 10 + v[13];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return false;
  out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
  return true;
}

bool is_time_key(std::string_view key) noexcept {
  return key == "now" || key == "at" ||
         (key.size() > 3 && key.compare(key.size() - 3, 3, "_at") == 0);
}

bool visit(od::value v, bool time_key, Stats& st);

bool visit_object(od::object obj, Stats& st) {
  for (auto field : obj) {
    if (field.error()) return false;
    std::string_view key;
    if (field.value_unsafe().unescaped_key().get(key)) return false;
    if (!visit(field.value_unsafe().value(), is_time_key(key), st)) return false;
  }
  return true;
}

bool visit(od::value v, bool time_key, Stats& st) {
  od::json_type type;
  if (v.type().get(type)) return false;
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      return !v.get_object().get(obj) && visit_object(obj, st);
    }
    case od::json_type::array: {
      od::array arr;
      if (v.get_array().get(arr)) return false;
      for (auto element : arr) {
        if (element.error()) return false;
        if (!visit(element.value_unsafe(), time_key, st)) return false;
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view text;
      if (v.get_string().get(text)) return false;
      if (time_key) {
        std::int64_t t = 0;
        if (parse_time(text, t)) {
          st.time_sum += t;
        } else {
          ++st.bad_times;
        }
      }
      return true;
    }
    case od::json_type::number: {
      double d = 0;
      return !v.get_double().get(d);
    }
    case od::json_type::boolean: {
      bool b = false;
      return !v.get_bool().get(b);
    }
    case od::json_type::null: {
      bool n = false;
      return !v.is_null().get(n);
    }
  }
  return false;
}

// The output line with its digits still zero: {"line":NNNNNNNNNNNN,"sum":
// "HHHHHHHHHHHHHHHH","verdict":"allow","reasons":[],"pad":"xxx..."}\n, 391
// bytes.
struct LineTemplate {
  static constexpr std::size_t kLineAt = 8, kLineDigits = 12;
  static constexpr std::size_t kSumAt = kLineAt + kLineDigits + 8;
  char bytes[kOutLine];
  LineTemplate() noexcept {
    static constexpr char kHead[] =
        "{\"line\":000000000000,\"sum\":\"0000000000000000\",\"verdict\":\"allow\","
        "\"reasons\":[],\"pad\":\"";
    constexpr std::size_t head = sizeof kHead - 1;
    std::memcpy(bytes, kHead, head);
    std::memset(bytes + head, 'x', kOutLine - 3 - head);
    bytes[kOutLine - 3] = '"';
    bytes[kOutLine - 2] = '}';
    bytes[kOutLine - 1] = '\n';
  }
};

// One line, parsed in place (the bytes after it are readable padding).
void process_line(od::parser& parser, const char* data, std::size_t size, Stats& st,
                  std::string& out) {
  ++st.lines;
  od::document doc;
  od::object obj;
  if (parser.iterate(data, size, size + simdjson::SIMDJSON_PADDING).get(doc) ||
      doc.get_object().get(obj) || !visit_object(obj, st)) {
    ++st.bad_json;
  }
  // A fixed line: line number and the running checksum, padded to size. The
  // constant bytes are laid out once; per line only the 28 digits are
  // written, by hand (snprintf cost ~1,800 instructions a line, a fifth of
  // the whole floor, which would flatter every ratio measured against it).
  static const LineTemplate kTemplate;
  char line[kOutLine];
  std::memcpy(line, kTemplate.bytes, kOutLine);
  std::uint64_t n = st.lines;
  for (std::size_t i = LineTemplate::kLineDigits; i-- > 0; n /= 10) {
    line[LineTemplate::kLineAt + i] = static_cast<char>('0' + n % 10);
  }
  const auto sum = static_cast<std::uint64_t>(st.time_sum);
  for (std::size_t i = 0; i < 16; ++i) {
    line[LineTemplate::kSumAt + i] = "0123456789abcdef"[(sum >> (60 - 4 * i)) & 0xf];
  }
  out.append(line, kOutLine);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && !(argc == 4 && std::strcmp(argv[2], "-o") == 0)) {
    std::fprintf(stderr, "usage: floor requests.jsonl [-o out.jsonl]\n");
    return 2;
  }
  const int fd = ::open(argv[1], O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::perror(argv[1]);
    return 2;
  }
  std::FILE* out_file = argc == 4 ? std::fopen(argv[3], "wb") : stdout;
  if (out_file == nullptr) {
    std::perror(argv[3]);
    return 2;
  }
  od::parser parser;
  Stats st;
  std::string out;
  out.reserve(kFlushBytes + 64 * 1024);
  // [0, kept) holds the start of a line not yet complete; reads append.
  std::size_t capacity = kChunk;
  std::unique_ptr<char[]> buf(new char[capacity + simdjson::SIMDJSON_PADDING]);
  std::size_t kept = 0;
  for (;;) {
    if (kept == capacity) {  // one line longer than the buffer: grow
      std::unique_ptr<char[]> bigger(new char[capacity * 2 + simdjson::SIMDJSON_PADDING]);
      std::memcpy(bigger.get(), buf.get(), kept);
      buf.swap(bigger);
      capacity *= 2;
    }
    const ssize_t got = ::read(fd, buf.get() + kept, capacity - kept);
    if (got < 0) {
      std::perror("read");
      return 2;
    }
    const std::size_t end = kept + static_cast<std::size_t>(got);
    std::memset(buf.get() + end, ' ', simdjson::SIMDJSON_PADDING);
    std::size_t begin = 0;
    for (;;) {
      const void* nl = std::memchr(buf.get() + begin, '\n', end - begin);
      if (nl == nullptr) break;
      const std::size_t stop = static_cast<std::size_t>(static_cast<const char*>(nl) - buf.get());
      if (stop > begin) process_line(parser, buf.get() + begin, stop - begin, st, out);
      begin = stop + 1;
      if (out.size() >= kFlushBytes) {
        std::fwrite(out.data(), 1, out.size(), out_file);
        out.clear();
      }
    }
    if (got == 0) {  // end of input: a last line without '\n'
      if (end > begin) process_line(parser, buf.get() + begin, end - begin, st, out);
      break;
    }
    std::memmove(buf.get(), buf.get() + begin, end - begin);
    kept = end - begin;
  }
  std::fwrite(out.data(), 1, out.size(), out_file);
  if (std::fflush(out_file) != 0 || (out_file != stdout && std::fclose(out_file) != 0)) {
    std::perror("write");
    return 2;
  }
  ::close(fd);
  std::fprintf(stderr, "floor: %llu lines, %llu not JSON objects, %llu times not parsed\n",
               static_cast<unsigned long long>(st.lines),
               static_cast<unsigned long long>(st.bad_json),
               static_cast<unsigned long long>(st.bad_times));
  return 0;
}
