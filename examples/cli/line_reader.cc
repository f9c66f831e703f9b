#include "line_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <poll.h>
#include <unistd.h>

#include <sendpolicy/wire/request_json.h>

namespace sendpolicy_cli {

namespace {

constexpr std::size_t kPadding = sendpolicy::wire::RequestParser::kPadding;

}  // namespace

LineReader::LineReader(int fd, std::size_t max_line_bytes, std::size_t chunk_bytes)
    : fd_(fd),
      max_line_(max_line_bytes),
      chunk_(std::max<std::size_t>(chunk_bytes, 1)),
      capacity_(std::min(chunk_, max_line_bytes + chunk_)),
      buf_(new char[capacity_ + kPadding]) {
  std::memset(buf_.get() + capacity_, ' ', kPadding);
}

void LineReader::resize(std::size_t capacity) {
  std::unique_ptr<char[]> bigger(new char[capacity + kPadding]);
  const std::size_t pending = end_ - begin_;
  if (pending > 0) std::memcpy(bigger.get(), buf_.get() + begin_, pending);
  std::memset(bigger.get() + capacity, ' ', kPadding);
  buf_ = std::move(bigger);
  capacity_ = capacity;
  begin_ = 0;
  end_ = pending;
}

bool LineReader::fill() {
  if (eof_ || failed()) return false;
  const std::size_t pending = end_ - begin_;
  if (pending == capacity_) {
    // A line longer than the buffer but within the limit: grow (next()
    // drops lines past the limit before asking for more).
    resize(std::min(std::max(capacity_ * 2, pending + chunk_), max_line_ + chunk_));
  } else if (capacity_ > chunk_ && pending < chunk_ / 2) {
    resize(chunk_);  // the long line is gone: give the memory back
  } else if (begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, pending);
    end_ = pending;
    begin_ = 0;
  }
  for (;;) {
    const ssize_t n = ::read(fd_, buf_.get() + end_, capacity_ - end_);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      // The parser may look at the bytes just past a line that ends the
      // data (a last line without '\n'); make them spaces rather than
      // whatever the buffer held, so nothing read depends on stale memory.
      std::memset(buf_.get() + end_, ' ', std::min(kPadding, capacity_ - end_));
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      // A non-blocking input with nothing yet: wait for the producer.
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, -1) >= 0 || errno == EINTR) continue;
    }
    error_ = std::strerror(errno);
    return false;
  }
}

bool LineReader::skip_rest_of_line() {
  for (;;) {
    const char* nl = static_cast<const char*>(
        std::memchr(buf_.get() + begin_, '\n', end_ - begin_));
    if (nl != nullptr) {
      begin_ = static_cast<std::size_t>(nl - buf_.get()) + 1;
      return true;
    }
    begin_ = end_ = 0;
    if (!fill()) return false;
  }
}

bool LineReader::next(Line& line) {
  for (;;) {
    char* const start = buf_.get() + begin_;
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

bool LineReader::next_block(Block& block, std::size_t max_bytes,
                            std::vector<std::size_t>* line_ends) {
  if (line_ends != nullptr) line_ends->clear();
  for (;;) {
    const char* const start = buf_.get() + begin_;
    const std::size_t avail = end_ - begin_;
    const void* last =
        avail == 0 ? nullptr : memrchr(start, '\n', std::min(avail, std::max<std::size_t>(max_bytes, 1)));
    const bool can_read = !eof_ && !failed() && avail < capacity_;
    // Hand out what is buffered once it is a good share of a chunk (or all
    // there will be); else read more first, so blocks stay large.
    if (last != nullptr && (!can_read || avail >= chunk_ / 2)) {
      std::size_t len = static_cast<std::size_t>(static_cast<const char*>(last) - start) + 1;
      std::uint64_t lines = 0;
      for (const char* p = start; p < start + len;) {
        p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(start + len - p)));
        if (line_ends != nullptr) line_ends->push_back(static_cast<std::size_t>(p - start));
        ++p;
        if (++lines == kMaxBlockLines) {
          len = static_cast<std::size_t>(p - start);
          break;
        }
      }
      block = Block{std::string_view(start, len), number_ + 1, lines, false, false};
      number_ += lines;
      begin_ += len;
      return true;
    }
    if (can_read) {
      // On a read error, the whole lines read before it are still handed
      // out (the loop comes back with can_read false); the error is
      // reported once nothing whole is left, as next() does.
      if (!fill() && failed() && last == nullptr) return false;
      continue;
    }
    // No whole line and no more room or input: a line longer than the
    // buffer, or the last line without '\n'. next() handles both.
    Line line;
    if (!next(line)) return false;
    block = Block{line.text, line.number, 1, true, line.too_long};
    return true;
  }
}

namespace {

// A buffer of at least `capacity` data bytes and its padding.
void reserve(LineReader::Buffer& b, std::size_t capacity) {
  if (b.data != nullptr && b.capacity >= capacity) return;
  b.data.reset(new char[capacity + kPadding]);
  b.capacity = capacity;
  std::memset(b.data.get() + capacity, ' ', kPadding);
}

}  // namespace

bool LineReader::take_block(Block& block, std::size_t max_bytes, Buffer& storage,
                            std::vector<std::size_t>* line_ends) {
  // Read into the consumer's own buffer: the one it parsed last, so still in
  // its core's cache, and with a consumer that keeps its buffer the same few
  // buffers per thread are reused. (Reading into whichever buffer the
  // reader held, one of the ring's, had the kernel's copy write to memory
  // last touched by the other core: --threads 2 cost ~17% more CPU per line
  // than one thread.) Only the bytes still buffered, part of one line
  // after a previous block, are copied over.
  const std::size_t pending = end_ - begin_;
  if (storage.data != nullptr && storage.capacity >= capacity_) {
    if (pending > 0) std::memcpy(storage.data.get(), buf_.get() + begin_, pending);
    std::swap(buf_, storage.data);
    std::swap(capacity_, storage.capacity);
    begin_ = 0;
    end_ = pending;
  }
  if (!next_block(block, max_bytes, line_ends)) return false;
  const std::size_t rest = end_ - begin_;  // buffered after the block
  // Hand the buffer over only when little follows the block (the usual
  // case when the chunk is max_bytes): else the carry-over would cost more
  // than copying the block.
  if (block.single || block.text.empty() || rest > block.text.size() / 4) {
    reserve(storage, block.text.size());
    // A line too long to keep has no text at all (a null view): nothing to copy.
    if (!block.text.empty()) std::memcpy(storage.data.get(), block.text.data(), block.text.size());
    // Spaces after the copy, not what the buffer held before (see fill()).
    std::memset(storage.data.get() + block.text.size(), ' ',
                std::min(kPadding, storage.capacity - block.text.size()));
    block.text = std::string_view(storage.data.get(), block.text.size());
    return true;
  }
  Buffer next = std::move(storage);
  reserve(next, std::max(capacity_, chunk_));
  if (rest > 0) std::memcpy(next.data.get(), buf_.get() + begin_, rest);
  storage.data = std::move(buf_);  // the block's bytes do not move: text stays valid
  storage.capacity = capacity_;
  buf_ = std::move(next.data);
  capacity_ = next.capacity;
  begin_ = 0;
  end_ = rest;
  return true;
}

}  // namespace sendpolicy_cli
