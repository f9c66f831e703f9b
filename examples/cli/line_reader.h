// LineReader: JSON Lines input in large chunks with bounded memory.
//
// The buffer starts at one chunk and grows only while a line needs it (up
// to max_line_bytes + one chunk), and shrinks back afterwards, so a huge
// --max-line-bytes costs nothing until a line that long arrives. A
// non-blocking descriptor (an O_NONBLOCK pipe from a slow producer) is
// waited on with poll(), not reported as an error.
//
// Lines are views into one buffer, valid until the next call, and always
// followed by at least RequestParser::kPadding readable bytes, so they can be
// parsed in place. A line longer than the limit is not buffered: it is
// skipped to its end and reported as too long, so a multi-gigabyte line
// costs no memory and still yields exactly one (invalid) decision.
//
//   LineReader reader(fd, /*max_line_bytes=*/1 << 20);
//   LineReader::Line line;
//   while (reader.next(line)) { ... line.text, line.number, line.too_long ... }
//   if (reader.failed()) { ... }
#ifndef SENDPOLICY_EXAMPLES_CLI_LINE_READER_H_
#define SENDPOLICY_EXAMPLES_CLI_LINE_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sendpolicy_cli {

class LineReader {
 public:
  struct Line {
    std::string_view text;     // without '\n' and a trailing '\r'
    std::uint64_t number = 0;  // 1-based
    bool too_long = false;     // text is empty; the line exceeded the limit
  };

  // Reads from the file descriptor `fd` (not owned).
  LineReader(int fd, std::size_t max_line_bytes, std::size_t chunk_bytes = std::size_t{256} << 10);

  // The next line, or false at end of input or on a read error.
  bool next(Line& line);

  // At most this many lines to a block: a block's decisions are held until
  // it is written, and a decision can be far longer than its line (an
  // empty line's is ~250 bytes), so a block of 256 KiB of empty lines
  // would otherwise hold ~65 MB of them.
  static constexpr std::uint64_t kMaxBlockLines = 4096;

  // Whole lines for a worker thread, as one view (--threads N): `text`
  // holds `lines` lines, each ending in '\n' except perhaps the input's
  // last, at most `max_bytes` long unless it is a single line, and at most
  // kMaxBlockLines lines. Lines in it may end in "\r\n" and may be longer
  // than the limit (the consumer strips the '\r' and reports those too
  // long, as next() does). When no whole
  // line fits, one line from next() is returned alone (`single`, with its
  // `too_long`). Valid until the next call; false at end of input or on a
  // read error. Mixing next() and next_block() keeps the numbering.
  struct Block {
    std::string_view text;
    std::uint64_t first_line = 0;  // number of its first line
    std::uint64_t lines = 0;
    bool single = false;    // one line from next(): text is that line, without '\n'
    bool too_long = false;  // single and longer than the limit (text empty)
  };
  //
  // With `line_ends`, it is filled with the offset in `text` of each line's
  // '\n' (every line of a block that is not `single` has one): the scan
  // that counts the lines finds them anyway, and a consumer that splits the
  // block by them scans each line once, not twice.
  bool next_block(Block& block, std::size_t max_bytes,
                  std::vector<std::size_t>* line_ends = nullptr);

  // A buffer handed between the reader and its consumers: `capacity` bytes
  // of data, then RequestParser::kPadding bytes of padding.
  struct Buffer {
    std::unique_ptr<char[]> data;
    std::size_t capacity = 0;
  };

  // next_block() without copying the block: the reader's buffer, which
  // holds the block, goes to `storage`, and the reader goes on in the
  // buffer `storage` held (a new one if it had none or too small a one),
  // carrying over only the bytes after the block (part of one line when
  // the reader's chunk is max_bytes). `block.text` then points into
  // `storage`, followed by the padding. A single line (`single`) and a
  // block with much buffered after it are copied into `storage` instead.
  // A `storage` at least as large as the reader's buffer is read into
  // directly (the bytes still buffered are copied to its front first), so a
  // consumer that passes the same storage every time gets its block in the
  // buffer it used last.
  bool take_block(Block& block, std::size_t max_bytes, Buffer& storage,
                  std::vector<std::size_t>* line_ends = nullptr);

  // True after a read error; error() says which.
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  bool fill();                 // reads more after compacting; false at EOF/error
  bool skip_rest_of_line();    // discards through the next '\n'; false at EOF
  void resize(std::size_t capacity);  // keeps [begin_, end_), moved to the front

  int fd_;
  std::size_t max_line_;
  std::size_t chunk_;
  std::size_t capacity_;       // data capacity; the buffer adds padding after it
  std::unique_ptr<char[]> buf_;  // not zero-filled: only bytes read are used
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  std::uint64_t number_ = 0;
  std::string error_;
};

}  // namespace sendpolicy_cli

#endif  // SENDPOLICY_EXAMPLES_CLI_LINE_READER_H_
