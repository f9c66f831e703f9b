#include "line_reader.h"

#include <cerrno>
#include <cstring>

#include <unistd.h>

#include <sendpolicy/wire/request_json.h>

namespace sendpolicy_cli {

LineReader::LineReader(int fd, std::size_t max_line_bytes, std::size_t chunk_bytes)
    : fd_(fd),
      max_line_(max_line_bytes),
      capacity_(max_line_bytes + chunk_bytes),
      buf_(capacity_ + sendpolicy::wire::RequestParser::kPadding) {}

bool LineReader::fill() {
  if (eof_ || failed()) return false;
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  for (;;) {
    const ssize_t n = ::read(fd_, buf_.data() + end_, capacity_ - end_);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno == EINTR) continue;
    error_ = std::strerror(errno);
    return false;
  }
}

bool LineReader::skip_rest_of_line() {
  for (;;) {
    const char* nl = static_cast<const char*>(
        std::memchr(buf_.data() + begin_, '\n', end_ - begin_));
    if (nl != nullptr) {
      begin_ = static_cast<std::size_t>(nl - buf_.data()) + 1;
      return true;
    }
    begin_ = end_ = 0;
    if (!fill()) return false;
  }
}

bool LineReader::next(Line& line) {
  for (;;) {
    char* const start = buf_.data() + begin_;
    const std::size_t avail = end_ - begin_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
    std::size_t len = 0;
    if (nl != nullptr) {
      len = static_cast<std::size_t>(nl - start);
    } else if (avail > max_line_) {
      // Too long and still going: drop it without buffering it.
      line = Line{{}, ++number_, true};
      skip_rest_of_line();
      return true;
    } else if (!eof_ && !failed()) {
      if (fill()) continue;
      if (failed()) return false;
      continue;  // EOF reached: the remainder is the last line
    } else if (avail == 0) {
      return false;
    } else {
      len = avail;  // last line without '\n'
    }
    line.number = ++number_;
    if (len > max_line_) {
      line.text = {};
      line.too_long = true;
    } else {
      std::size_t text_len = len;
      if (text_len > 0 && start[text_len - 1] == '\r') --text_len;  // CRLF
      line.text = std::string_view(start, text_len);
      line.too_long = false;
    }
    begin_ += len + (nl != nullptr ? 1 : 0);
    return true;
  }
}

}  // namespace sendpolicy_cli
