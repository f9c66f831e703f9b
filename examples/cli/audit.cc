#include "audit.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sendpolicy/wire/line_auditor.h>
#include <sendpolicy/wire/summary.h>
#include "line_reader.h"
#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/json_writer.h>
#include <sendpolicy/wire/request_json.h>

namespace sendpolicy_cli {
namespace {

namespace sp = sendpolicy;
namespace wire = sendpolicy::wire;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
// A worker's block. 256 KiB rather than 1 MiB: each worker's input buffer
// and the ring's outputs (2 x threads + 2) are touched once per run, and each
// first touch of a page is a fault costing microseconds on a VM; 1 MiB
// blocks cost 4-5 points more CPU per line on the 100k-line stream
// (docs/performance.md), and a block should stay in the core's L2 cache.
constexpr std::size_t kBatchBytes = std::size_t{256} << 10;
// The one-thread reader's chunk: small enough that the lines read stay in
// the core's L2 cache until they are parsed. With 4 MiB chunks the read()
// copy had left the start of the chunk in L3 or memory by the time it was
// parsed: 256 KiB cut the audit's CPU per line by ~16% (and the floor's,
// bench/floor.cc, by ~19%; docs/performance.md).
constexpr std::size_t kSerialChunkBytes = std::size_t{256} << 10;
// An input or output buffer larger than this is released after use (see
// Pipeline::work and Pipeline::release_if_oversized).
constexpr std::size_t kKeepBatchBytes = 2 * kBatchBytes;

// One evaluator per thread: the shared line auditor (sendpolicy::wire), so
// the C API and the Python module write the same bytes as this command.
using Worker = sendpolicy::audit::LineAuditor;
using sendpolicy::audit::Summary;

// Progress on stderr: lines done and rate, at most four times a second.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}

  void update(std::uint64_t lines) {
    if (!enabled_) return;
    const Clock::time_point now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    print(lines, now);
  }
  void finish(std::uint64_t lines) {
    if (!enabled_) return;
    print(lines, Clock::now());
    std::fputc('\n', stderr);
  }

 private:
  void print(std::uint64_t lines, Clock::time_point now) {
    const double secs = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r%llu lines, %.0f lines/s   ", static_cast<unsigned long long>(lines),
                 secs > 0 ? static_cast<double>(lines) / secs : 0.0);
  }
  bool enabled_;
  Clock::time_point start_, last_;
};

class Output {
 public:
  Output(std::FILE* file, std::string name) : file_(file), name_(std::move(name)) {}
  bool write(const std::string& data) {
    if (data.empty()) return true;
    if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) return fail();
    return true;
  }
  bool close() {
    if (std::fflush(file_) != 0) return fail();
    if (file_ != stdout && std::fclose(file_) != 0) return fail();
    return true;
  }
  const std::string& error() const { return error_; }

 private:
  bool fail() {
    error_ = "cannot write " + name_ + ": " + std::strerror(errno);
    return false;
  }
  std::FILE* file_;
  std::string name_;
  std::string error_;
};

// The lines of a block (LineReader::next_block or take_block), parsed in
// place: each is followed by the rest of the block and the padding.
// `line_ends` holds the offset of each line's '\n', as the reader found
// them. "\r\n" and the length limit as LineReader::next() does them, so the
// output is the same whichever way the input was read. Lines go to the
// auditor in groups (LineAuditor::audit_group: parse a group, then decide
// and write it).
void audit_block(Worker& worker, const LineReader::Block& block,
                 const std::vector<std::size_t>& line_ends, std::size_t max_line_bytes,
                 std::string& out, Summary& summary) {
  if (block.single) {
    worker.audit_line(block.text, block.first_line, block.too_long, out, summary, /*padded=*/true);
    return;
  }
  const char* const data = block.text.data();
  std::array<Worker::Line, Worker::kGroupLines> group;
  std::size_t grouped = 0;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < line_ends.size(); ++i) {
    const std::size_t end = line_ends[i];
    std::size_t len = end - begin;
    const bool too_long = len > max_line_bytes;
    if (!too_long && len > 0 && data[begin + len - 1] == '\r') --len;
    group[grouped++] =
        Worker::Line{too_long ? std::string_view() : std::string_view(data + begin, len),
                     block.first_line + i, too_long, /*padded=*/true};
    if (grouped == group.size()) {
      worker.audit_group(group.data(), grouped, out, summary);
      grouped = 0;
    }
    begin = end + 1;
  }
  if (grouped > 0) worker.audit_group(group.data(), grouped, out, summary);
}

// Single thread: no copies, lines are parsed in the reader's buffer.
bool audit_serial(const sp::Policy& policy, const AuditOptions& o, LineReader& reader,
                  Output& output, Summary& summary, Progress& progress) {
  Worker worker(policy, o.max_line_bytes);
  std::string out;
  out.reserve(kFlushBytes + 64 * 1024);
  LineReader::Block block;
  std::vector<std::size_t> line_ends;
  std::uint64_t lines = 0;
  while (reader.next_block(block, kSerialChunkBytes, &line_ends)) {
    // Each block's decisions are written at once: a block's worth (a few
    // hundred KiB; at most LineReader::kMaxBlockLines decisions) fits the
    // reserved buffer, where letting several blocks pile up made it grow
    // (and copy a megabyte) every few blocks.
    audit_block(worker, block, line_ends, o.max_line_bytes, out, summary);
    if (!output.write(out)) return false;
    out.clear();
    lines += block.lines;
    progress.update(lines);
  }
  progress.finish(lines);
  return output.write(out);
}

// Several threads: each worker takes the next block of whole lines from the
// reader itself (LineReader::take_block, under a lock) into its own buffer,
// parses the lines in place there, and then writes every finished batch
// that is next in input order (one writer at a time): no thread only waits
// to write, and no batch waits for one to wake up. The calling thread is
// one of the workers. The ring of batches' outputs bounds memory.
//
// No separate reader thread: the read happens on the core that then parses
// the block, so the lines are in its cache, and no line is copied but the
// one a block boundary splits. (A reader thread that copied
// every line into a batch, with a span each, made --threads 2 cost far more
// CPU per line than one thread: docs/performance.md.)
struct Batch {
  enum class State { kFree, kWorking, kDone };
  std::string_view text;  // the block, in its worker's storage
  std::uint64_t first_line = 0;
  std::uint64_t lines = 0;
  bool single = false;     // one line from LineReader::next(), without '\n'
  bool too_long = false;   // that line exceeded the limit
  std::vector<std::size_t> line_ends;  // offsets of its lines' '\n' in text
  std::uint64_t seq = 0;
  std::string out;
  Summary summary;
  State state = State::kFree;
};

class Pipeline {
 public:
  Pipeline(const sp::Policy& policy, const AuditOptions& o, Output& output, Progress& progress)
      : policy_(policy), o_(o), output_(output), progress_(progress),
        ring_(std::size_t{o.threads} * 2 + 2) {}

  bool run(LineReader& reader, Summary& summary) {
    summary_ = &summary;
    std::vector<std::thread> workers;
    for (unsigned i = 1; i < o_.threads; ++i) workers.emplace_back([this, &reader] { work(reader); });
    work(reader);  // this thread is a worker too
    for (std::thread& t : workers) t.join();
    progress_.finish(lines_written_);
    return ok_;
  }

 private:
  Batch& slot(std::uint64_t seq) { return ring_[seq % ring_.size()]; }

  // The next block of input, read into `storage`, in a free batch; nullptr
  // at the end of the input (or after a write error). Batches are numbered
  // in input order under read_mu_, which also serialises the reader.
  Batch* take(LineReader& reader, LineReader::Buffer& storage) {
    std::lock_guard<std::mutex> read_lock(read_mu_);
    if (input_done_) return nullptr;
    const std::uint64_t seq = next_seq_;
    Batch* b = &slot(seq);
    {
      // Free once the batch a ring's length before it is written; that
      // batch is done or being worked on, and whoever finishes the batches
      // before it writes it.
      std::unique_lock<std::mutex> lock(mu_);
      free_cv_.wait(lock, [&] { return b->state == Batch::State::kFree || !ok_; });
      if (!ok_) return nullptr;
    }
    LineReader::Block block;
    if (!reader.take_block(block, kBatchBytes, storage, &b->line_ends)) {
      input_done_ = true;
      return nullptr;
    }
    ++next_seq_;
    b->seq = seq;
    b->first_line = block.first_line;
    b->lines = block.lines;
    b->single = block.single;
    b->too_long = block.too_long;
    b->text = block.text;
    {
      std::lock_guard<std::mutex> lock(mu_);
      b->state = Batch::State::kWorking;
    }
    return b;
  }

  // Each worker keeps its input buffer (the block and then
  // RequestParser::kPadding bytes): it is read into and parsed on the same
  // core, batch after batch. Only the output waits in the ring.
  void work(LineReader& reader) {
    Worker worker(policy_, o_.max_line_bytes);
    LineReader::Buffer storage;
    while (Batch* b = take(reader, storage)) {
      b->out.clear();
      b->summary = Summary{};
      audit_batch(worker, *b);
      // A very long line leaves its buffer that large: give it back.
      if (storage.capacity > kKeepBatchBytes) storage = LineReader::Buffer{};
      finish(*b);
    }
  }

  void audit_batch(Worker& worker, Batch& b) const {
    const LineReader::Block block{b.text, b.first_line, b.lines, b.single, b.too_long};
    audit_block(worker, block, b.line_ends, o_.max_line_bytes, b.out, b.summary);
  }

  // Marks `b` done, then writes, in input order, every done batch from the
  // next one to write on. A thread that finds the next batch not done yet
  // leaves it to that batch's worker, which comes here after marking it
  // done; write_mu_ is taken after the mark, so a thread draining the
  // batches either sees it done or finishes before its worker looks.
  void finish(Batch& b) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      b.state = Batch::State::kDone;
    }
    std::lock_guard<std::mutex> write_lock(write_mu_);
    for (;;) {
      Batch* next = nullptr;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (!ok_) return;
        next = &slot(next_write_);
        if (next->state != Batch::State::kDone || next->seq != next_write_) return;
      }
      const bool written = output_.write(next->out);
      summary_->merge(next->summary);
      lines_written_ += next->lines;
      progress_.update(lines_written_);
      release_if_oversized(*next);
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (!written) ok_ = false;
        next->state = Batch::State::kFree;
        ++next_write_;
      }
      // The worker holding read_mu_ may wait for this slot; after a write
      // error every waiter must see ok_.
      if (written) {
        free_cv_.notify_one();
      } else {
        free_cv_.notify_all();
      }
    }
  }

  // A batch that held one very long line's output keeps a buffer that size;
  // with 2 x threads + 2 batches that would multiply the largest line by the
  // thread count. Give such buffers back so memory follows the input.
  static void release_if_oversized(Batch& b) {
    if (b.out.capacity() > kKeepBatchBytes) std::string().swap(b.out);
  }

  const sp::Policy& policy_;
  const AuditOptions& o_;
  Output& output_;
  Progress& progress_;
  Summary* summary_ = nullptr;  // the caller's; merged into under write_mu_
  std::vector<Batch> ring_;
  std::mutex read_mu_;         // the reader, next_seq_, input_done_
  std::uint64_t next_seq_ = 0;
  bool input_done_ = false;
  std::mutex write_mu_;        // output_, summary_, progress_, lines_written_: one writer
  std::uint64_t lines_written_ = 0;
  std::mutex mu_;              // batch states, next_write_ and ok_
  // Only the worker taking the next batch waits, for its slot to be freed.
  std::condition_variable free_cv_;
  std::uint64_t next_write_ = 0;
  bool ok_ = true;
};

// File names and messages on stderr, escaped like every text output.
std::string shown(const std::string& text) { return wire::printable(text); }

// True iff `path` names the file `fd` reads (same device and inode), so
// opening it for writing would truncate the input before it is read. A
// path that does not exist yet cannot be the input.
bool is_same_file(int fd, const std::string& path) {
  struct stat in {};
  struct stat out {};
  if (::fstat(fd, &in) != 0 || ::stat(path.c_str(), &out) != 0) return false;
  return in.st_dev == out.st_dev && in.st_ino == out.st_ino;
}

}  // namespace

int run_audit(const sp::Policy& policy, const AuditOptions& o) {
  int fd = STDIN_FILENO;
  if (o.input != "-") {
    fd = ::open(o.input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      std::fprintf(stderr, "sendpolicy audit: cannot open %s: %s\n", shown(o.input).c_str(),
                   std::strerror(errno));
      return 2;
    }
  }
  // Checked before fopen("wb"), which would empty the input first.
  if ((!o.output.empty() && o.output != "-" && is_same_file(fd, o.output)) ||
      (!o.summary_file.empty() && is_same_file(fd, o.summary_file))) {
    std::fprintf(stderr,
                 "sendpolicy audit: an output file is the input %s; write to another file\n",
                 shown(o.input).c_str());
    if (fd != STDIN_FILENO) ::close(fd);
    return 2;
  }
  std::FILE* out_file = stdout;
  if (!o.output.empty() && o.output != "-") {
    out_file = std::fopen(o.output.c_str(), "wb");
    if (out_file == nullptr) {
      std::fprintf(stderr, "sendpolicy audit: cannot create %s: %s\n", shown(o.output).c_str(),
                   std::strerror(errno));
      if (fd != STDIN_FILENO) ::close(fd);
      return 2;
    }
  }
  Output output(out_file, o.output.empty() ? std::string("standard output") : o.output);
  Progress progress(o.progress && ::isatty(STDERR_FILENO) != 0);
  // With workers, the reader's chunk is one batch, so take_block() hands
  // each worker the buffer it read into and carries over only part of a line.
  LineReader reader(fd, o.max_line_bytes, o.threads <= 1 ? kSerialChunkBytes : kBatchBytes);
  Summary summary;
  const bool written = o.threads <= 1
                           ? audit_serial(policy, o, reader, output, summary, progress)
                           : Pipeline(policy, o, output, progress).run(reader, summary);
  const bool closed = output.close();
  if (fd != STDIN_FILENO) ::close(fd);
  if (reader.failed()) {
    std::fprintf(stderr, "sendpolicy audit: cannot read %s: %s\n", shown(o.input).c_str(),
                 reader.error().c_str());
    return 2;
  }
  if (!written || !closed) {
    std::fprintf(stderr, "sendpolicy audit: %s\n", shown(output.error()).c_str());
    return 2;
  }
  if (o.summary || !o.summary_file.empty()) {
    const std::string text = summary.format(o.input == "-" ? "standard input" : shown(o.input));
    if (o.summary_file.empty()) {
      std::fputs(text.c_str(), stderr);
    } else {
      std::FILE* f = std::fopen(o.summary_file.c_str(), "wb");
      if (f == nullptr || std::fputs(text.c_str(), f) < 0 || std::fclose(f) != 0) {
        std::fprintf(stderr, "sendpolicy audit: cannot write %s\n", shown(o.summary_file).c_str());
        return 2;
      }
    }
  }
  return 0;
}

}  // namespace sendpolicy_cli
