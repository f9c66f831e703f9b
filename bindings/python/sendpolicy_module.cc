// The `sendpolicy` Python module (pybind11): the same rules and the same
// decision bytes as `sendpolicy audit`, because requests go through the wire
// library's parser and decisions through its serialiser and the shared line
// auditor (sendpolicy::wire). docs/bindings.md has the tour:
//
//   import sendpolicy
//   policy = sendpolicy.Policy.whatsapp()
//   d = sendpolicy.evaluate(policy, {"now": "2026-03-02T12:00:00Z", ...})
//   d.verdict, [r.code for r in d.reasons], d.window_closes_at, d.billing
//
// The GIL is released while requests are parsed and evaluated, so audit()
// iterators in several Python threads evaluate in parallel.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sendpolicy/sendpolicy.h>
#include <sendpolicy/version.h>

#include <sendpolicy/wire/line_auditor.h>
#include <sendpolicy/wire/summary.h>
#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/ledger_json.h>
#include <sendpolicy/wire/policy_json.h>
#include <sendpolicy/wire/request_json.h>
#include <sendpolicy/wire/webhook_json.h>

namespace py = pybind11;
namespace sp = sendpolicy;

namespace {

std::string to_std(std::string_view s) { return std::string(s.data(), s.size()); }

std::string status_message(const absl::Status& status) {
  const absl::string_view m = status.message();
  return std::string(m.data(), m.size());
}

// Python's view of a reason: the wire fields, with the sentence built by
// explain.h exactly as the serialiser builds it.
struct PyReason {
  std::string code;
  std::string rule;
  std::string message;
  std::optional<int> platform_error;
};

struct PyWarning {
  std::string code;
  std::string message;
};

// A decision, copied out of the C++ value while the GIL was released, plus
// its wire JSON (the line `sendpolicy audit` writes, without the '\n').
struct PyDecision {
  std::optional<std::string> id;
  std::string verdict;
  std::vector<PyReason> reasons;
  std::vector<PyWarning> warnings;
  bool window_open = false;
  std::optional<std::int64_t> window_closes_at;  // Unix seconds
  std::string required_form;
  std::optional<std::int64_t> retry_at;
  std::string billing;
  std::string json;
};

std::optional<std::int64_t> seconds(const std::optional<sp::Timestamp>& t) {
  if (!t) return std::nullopt;
  return static_cast<std::int64_t>(t->time_since_epoch().count());
}

PyDecision from_decision(std::string_view id, const sp::SendDecision& d) {
  PyDecision out;
  if (!id.empty()) out.id = to_std(id);
  out.verdict = to_std(sp::to_string(d.verdict));
  for (const sp::Reason& r : d.reasons) {
    PyReason pr{to_std(sp::to_string(r.code)), to_std(r.rule), sp::reason_message(d, r),
                std::nullopt};
    if (r.platform_error != 0) pr.platform_error = r.platform_error;
    out.reasons.push_back(std::move(pr));
  }
  for (const sp::Warning& w : d.warnings) {
    out.warnings.push_back({to_std(sp::to_string(w.code)), sp::warning_message(d, w)});
  }
  out.window_open = d.window.open;
  out.window_closes_at = seconds(d.window.closes_at);
  out.required_form = to_std(sp::to_string(d.required_form));
  out.retry_at = seconds(d.retry_at);
  out.billing = to_std(sp::to_string(d.billing));
  sp::wire::append_decision_json(out.json, id, d);
  out.json.pop_back();  // the '\n'
  return out;
}

// What append_invalid_json() writes, field by field.
PyDecision from_invalid(std::string_view id, const std::string& message) {
  PyDecision out;
  if (!id.empty()) out.id = to_std(id);
  const sp::ReasonInfo& info = sp::reason_info(sp::ReasonCode::kInvalidRequest);
  out.verdict = to_std(sp::to_string(sp::Verdict::kDeny));
  out.reasons.push_back({to_std(info.name), to_std(info.default_rule), message, std::nullopt});
  out.required_form = to_std(sp::to_string(sp::RequiredForm::kTemplate));
  out.billing = to_std(sp::to_string(sp::Billing::kNone));
  sp::wire::append_invalid_json(out.json, id, message);
  out.json.pop_back();
  return out;
}

// Evaluates one wire-format request. Called without the GIL.
PyDecision evaluate_wire(const sp::Policy& policy, std::string_view json,
                         std::size_t max_bytes) {
  // The one size limit (line_auditor.h): a request over it is not read.
  if (json.size() > max_bytes) {
    return from_invalid({}, "request " + sp::audit::too_long_problem(max_bytes));
  }
  // One parser per thread, reused (a parser owns buffers worth keeping; it
  // gives back what a request over RequestParser::kRetainBytes needed).
  thread_local sp::wire::RequestParser parser;
  thread_local sp::SendRequest request;
  const absl::Status status = parser.parse(json, request);
  if (!status.ok()) return from_invalid(request.id, status_message(status));
  const sp::SendDecision d = sp::evaluate(policy, request);
  if (const std::string_view field = sp::wire::time_out_of_range(d); !field.empty()) {
    return from_invalid(request.id, sp::wire::result_out_of_range_problem(field));
  }
  PyDecision out = from_decision(request.id, d);
  if (json.size() > sp::wire::RequestParser::kRetainBytes) request = sp::SendRequest{};
  return out;
}

py::object utc_datetime(const std::optional<std::int64_t>& secs) {
  if (!secs) return py::none();
  py::module_ datetime = py::module_::import("datetime");
  return datetime.attr("datetime").attr("fromtimestamp")(
      *secs, py::arg("tz") = datetime.attr("timezone").attr("utc"));
}

// Text of a str or bytes item. A str is UTF-8 encoded with surrogateescape
// (so text decoded that way from a file gets its original bytes back); a
// lone surrogate that escape cannot map (json.loads('"\\ud800"')) is encoded
// as its surrogatepass bytes, which are not UTF-8, so the request is
// answered invalid_request ("not valid UTF-8") like any other bad input
// instead of raising UnicodeEncodeError.
std::string_view item_bytes(const py::handle& item, py::object& keep) {
  if (PyBytes_Check(item.ptr())) {
    char* data = nullptr;
    Py_ssize_t size = 0;
    PyBytes_AsStringAndSize(item.ptr(), &data, &size);
    return std::string_view(data, static_cast<std::size_t>(size));
  }
  if (PyUnicode_Check(item.ptr())) {
    keep = py::reinterpret_steal<py::object>(
        PyUnicode_AsEncodedString(item.ptr(), "utf-8", "surrogateescape"));
    if (!keep) {
      if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) throw py::error_already_set();
      PyErr_Clear();
      keep = py::reinterpret_steal<py::object>(
          PyUnicode_AsEncodedString(item.ptr(), "utf-8", "surrogatepass"));
      if (!keep) throw py::error_already_set();
    }
    return item_bytes(keep, keep);
  }
  throw py::type_error("audit() lines must be str or bytes, not " +
                       std::string(py::str(py::type::of(item).attr("__name__"))));
}

std::string request_text(const py::handle& request, py::object& keep) {
  if (PyDict_Check(request.ptr())) {
    // The dict becomes wire JSON and goes through the one strict parser:
    // no second reading of requests to drift from the CLI's.
    py::object dumps = py::module_::import("json").attr("dumps");
    py::object text = dumps(request, py::arg("ensure_ascii") = false,
                            py::arg("allow_nan") = false);
    return to_std(item_bytes(text, keep));
  }
  if (PyUnicode_Check(request.ptr()) || PyBytes_Check(request.ptr())) {
    return to_std(item_bytes(request, keep));
  }
  throw py::type_error("evaluate() takes a request as a dict, str or bytes of wire-format JSON");
}

// The iterator audit() returns. Pulls a batch of lines from the source with
// the GIL held, evaluates it without the GIL, then hands out its decisions.
// When the source raises, or yields an item that is neither str nor bytes,
// the decisions of the lines read before it are handed out first and the
// error is raised once, after them; the next call goes on with the item
// after the bad one (a bad item uses up its line number).
class AuditIterator {
 public:
  AuditIterator(py::object policy_object, py::iterator source, std::uint64_t first_line,
                py::object summary, std::size_t max_line_bytes, std::size_t batch_lines)
      : policy_object_(std::move(policy_object)),
        source_(std::move(source)),
        summary_object_(std::move(summary)),
        auditor_(policy_object_.cast<const sp::Policy&>(), max_line_bytes),
        next_line_(first_line),
        batch_lines_(batch_lines == 0 ? 1 : batch_lines) {}

  py::object next() {
    if (busy_) throw py::value_error("audit iterator already executing in another thread");
    if (pos_ == ends_.size()) {
      if (pending_) raise_pending();
      busy_ = true;
      try {
        fill();
      } catch (...) {
        busy_ = false;
        throw;
      }
      busy_ = false;
      if (ends_.empty()) {
        if (pending_) raise_pending();
        throw py::stop_iteration();
      }
    }
    const std::size_t begin = pos_ == 0 ? 0 : ends_[pos_ - 1];
    const std::size_t end = ends_[pos_++];
    const char* data = out_.data() + begin;
    const auto size = static_cast<Py_ssize_t>(end - begin);
    if (as_bytes_) return py::reinterpret_steal<py::object>(PyBytes_FromStringAndSize(data, size));
    PyObject* s = PyUnicode_DecodeUTF8(data, size, "surrogateescape");
    if (s == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(s);
  }

 private:
  struct Span {
    std::size_t offset;
    std::size_t length;
    bool too_long;
    std::uint64_t number;
  };

  // Raises the error met while reading the source, once.
  [[noreturn]] void raise_pending() {
    std::unique_ptr<py::error_already_set> e = std::move(pending_);
    e->restore();
    throw py::error_already_set();
  }

  void fill() {
    in_.clear();
    spans_.clear();
    out_.clear();
    ends_.clear();
    pos_ = 0;
    py::object keep;
    while (spans_.size() < batch_lines_ && !exhausted_) {
      py::object item = py::reinterpret_steal<py::object>(PyIter_Next(source_.ptr()));
      if (!item) {
        if (PyErr_Occurred()) {
          pending_ = std::make_unique<py::error_already_set>();  // fetches and clears it
        } else {
          exhausted_ = true;
        }
        break;
      }
      if (!PyBytes_Check(item.ptr()) && !PyUnicode_Check(item.ptr())) {
        ++next_line_;  // the bad item is a line of the source
        PyErr_SetString(PyExc_TypeError,
                        ("audit() lines must be str or bytes, not " +
                         std::string(py::str(py::type::of(item).attr("__name__"))))
                            .c_str());
        pending_ = std::make_unique<py::error_already_set>();
        break;
      }
      if (!typed_) {
        as_bytes_ = PyBytes_Check(item.ptr()) != 0;
        typed_ = true;
      }
      std::string_view text = item_bytes(item, keep);
      // One item is one line: drop the '\n' a file iterator leaves; the
      // length limit counts a '\r' as the CLI's reader does.
      if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
      const bool too_long = text.size() > auditor_.max_line_bytes();
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      spans_.push_back({in_.size(), too_long ? 0 : text.size(), too_long, next_line_++});
      if (!too_long) in_.append(text.data(), text.size());
    }
    if (spans_.empty()) return;
    sp::audit::Summary counted;
    {
      py::gil_scoped_release release;
      in_.append(sp::wire::RequestParser::kPadding, ' ');  // parse lines in place
      // The spans become lines only now: appending to in_ may have moved it.
      lines_.clear();
      for (const Span& s : spans_) {
        lines_.push_back({std::string_view(in_.data() + s.offset, s.length), s.number, s.too_long,
                          /*padded=*/true});
      }
      ends_.resize(spans_.size());
      auditor_.audit_group(lines_.data(), lines_.size(), out_, counted, ends_.data());
    }
    // Batches of ordinary lines keep their buffers; one that held a line
    // far above the usual size gives it back.
    if (in_.capacity() > kKeepBytes) std::string().swap(in_);
    if (!summary_object_.is_none()) {
      summary_object_.cast<sp::audit::Summary&>().merge(counted);
    }
  }

  static constexpr std::size_t kKeepBytes = std::size_t{8} << 20;

  py::object policy_object_;  // keeps the Policy the auditor refers to alive
  py::iterator source_;
  py::object summary_object_;
  sp::audit::LineAuditor auditor_;
  std::uint64_t next_line_;
  std::size_t batch_lines_;
  bool typed_ = false;
  bool as_bytes_ = false;
  bool busy_ = false;
  bool exhausted_ = false;
  std::unique_ptr<py::error_already_set> pending_;  // raised after this batch
  std::string in_;
  std::vector<Span> spans_;
  std::vector<sp::audit::LineAuditor::Line> lines_;  // spans_ as the auditor takes them
  std::string out_;
  std::vector<std::size_t> ends_;
  std::size_t pos_ = 0;
};

py::dict reason_dict(const sp::ReasonInfo& info) {
  py::dict d;
  d["code"] = to_std(info.name);
  d["kind"] = "reason";
  d["summary"] = to_std(info.summary);
  d["rule"] = to_std(info.default_rule);
  d["platform_error"] = info.platform_error == 0 ? py::object(py::none())
                                                 : py::object(py::int_(info.platform_error));
  d["source"] = to_std(info.source);
  d["remedy"] = to_std(info.remedy);
  return d;
}

py::dict warning_dict(const sp::WarningInfo& info) {
  py::dict d;
  d["code"] = to_std(info.name);
  d["kind"] = "warning";
  d["summary"] = to_std(info.summary);
  d["source"] = to_std(info.source);
  return d;
}

// An RFC 3339 string or an aware datetime, as a Timestamp.
sp::Timestamp timestamp_arg(const py::handle& value, const char* what) {
  std::string text;
  if (py::isinstance<py::str>(value)) {
    text = value.cast<std::string>();
  } else if (py::hasattr(value, "isoformat") && py::hasattr(value, "utcoffset") &&
             !value.attr("utcoffset")().is_none()) {
    text = py::str(value.attr("isoformat")()).cast<std::string>();
  } else {
    throw py::type_error(std::string(what) +
                         " must be an RFC 3339 str or a timezone-aware datetime");
  }
  const std::optional<sp::Timestamp> t = sp::parse_timestamp(text);
  if (!t) throw py::value_error(std::string(what) + ": not an RFC 3339 date-time: " + text);
  return *t;
}

// line_auditor.h's one rule for size limits, as a ValueError.
std::size_t checked_limit(std::size_t requested, std::string_view what) {
  const absl::StatusOr<std::size_t> limit = sp::audit::line_limit(requested, what);
  if (!limit.ok()) throw py::value_error(status_message(limit.status()));
  return *limit;
}

template <typename E, std::size_t N>
py::dict nonzero_counts(const std::array<std::uint64_t, N>& counts) {
  py::dict out;
  for (std::size_t i = 0; i < N; ++i) {
    if (counts[i] != 0) out[py::str(to_std(sp::to_string(static_cast<E>(i))))] = counts[i];
  }
  return out;
}

}  // namespace

PYBIND11_MODULE(sendpolicy, m) {
  m.doc() =
      "sendpolicy: may we send this WhatsApp (or Messenger/Instagram/SMS) message to this person "
      "now? The C++ engine's rules and decisions, byte for byte (docs/bindings.md).";
  m.attr("__version__") = SENDPOLICY_VERSION_STRING;
  m.attr("DEFAULT_MAX_LINE_BYTES") = sp::audit::kDefaultMaxLineBytes;

  py::class_<sp::Policy>(m, "Policy",
                         "The knobs of a send policy. Immutable; share one across threads.")
      .def_static("whatsapp", &sp::Policy::whatsapp,
                  "WhatsApp Business Platform defaults (docs/rules.md).")
      .def_static(
          "from_json",
          [](const std::string& json) {
            sp::Policy policy = sp::Policy::whatsapp();
            const absl::Status status = sp::wire::parse_policy(json, policy);
            if (!status.ok()) throw py::value_error(status_message(status));
            return policy;
          },
          py::arg("json"),
          "Policy.whatsapp() with the settings of a policy file (docs/cli.md) applied. Raises "
          "ValueError naming the key on a bad file.")
      .def("to_json", [](const sp::Policy& p) { return sp::wire::policy_to_json(p); },
           "Every knob as JSON; Policy.from_json(p.to_json()) equals p.")
      .def(py::pickle([](const sp::Policy& p) { return sp::wire::policy_to_json(p); },
                      [](const std::string& json) {
                        sp::Policy policy = sp::Policy::whatsapp();
                        const absl::Status status = sp::wire::parse_policy(json, policy);
                        if (!status.ok()) throw py::value_error(status_message(status));
                        return policy;
                      }));

  py::class_<PyReason>(m, "Reason", "A failing rule: stable code, rule id, sentence.")
      .def_readonly("code", &PyReason::code)
      .def_readonly("rule", &PyReason::rule)
      .def_readonly("message", &PyReason::message)
      .def_property_readonly("sentence", [](const PyReason& r) { return r.message; })
      .def_readonly("platform_error", &PyReason::platform_error)
      .def("__repr__", [](const PyReason& r) { return "<Reason " + r.code + ": " + r.message + ">"; });

  py::class_<PyWarning>(m, "Warning", "A non-blocking observation.")
      .def_readonly("code", &PyWarning::code)
      .def_readonly("message", &PyWarning::message)
      .def("__repr__",
           [](const PyWarning& w) { return "<Warning " + w.code + ": " + w.message + ">"; });

  py::class_<PyDecision>(m, "Decision",
                         "The answer: verdict, every failing reason, window, billing.")
      .def_readonly("id", &PyDecision::id)
      .def_readonly("verdict", &PyDecision::verdict, "'allow', 'deny' or 'defer'")
      .def_property_readonly("allowed", [](const PyDecision& d) { return d.verdict == "allow"; })
      .def_readonly("reasons", &PyDecision::reasons)
      .def_readonly("warnings", &PyDecision::warnings)
      .def_readonly("window_open", &PyDecision::window_open)
      .def_property_readonly(
          "window_closes_at",
          [](const PyDecision& d) { return utc_datetime(d.window_closes_at); },
          "When the customer service window closes (closed), as an aware UTC datetime; None if "
          "no window ever opened.")
      .def_readonly("required_form", &PyDecision::required_form)
      .def_property_readonly("retry_at",
                             [](const PyDecision& d) { return utc_datetime(d.retry_at); })
      .def_readonly("billing", &PyDecision::billing)
      .def_readonly("json", &PyDecision::json,
                    "The wire JSON, byte for byte the line `sendpolicy audit` writes (no '\\n').")
      .def("__str__", [](const PyDecision& d) { return d.json; })
      .def("__repr__", [](const PyDecision& d) {
        std::string s = "<Decision " + d.verdict;
        for (const PyReason& r : d.reasons) s += " " + r.code;
        return s + ">";
      });

  py::class_<sp::audit::Summary>(m, "Summary",
                                 "Counts of an audit; format() prints `sendpolicy audit "
                                 "--summary`'s table. Picklable and mergeable across workers.")
      .def(py::init<>())
      .def_readonly("requests", &sp::audit::Summary::requests)
      .def_readonly("unreadable", &sp::audit::Summary::unreadable)
      .def_property_readonly("verdicts",
                             [](const sp::audit::Summary& s) {
                               return nonzero_counts<sp::Verdict>(s.verdicts);
                             })
      .def_property_readonly("reasons",
                             [](const sp::audit::Summary& s) {
                               return nonzero_counts<sp::ReasonCode>(s.reasons);
                             })
      .def("merge", &sp::audit::Summary::merge, py::arg("other"))
      .def("format", &sp::audit::Summary::format, py::arg("source"),
           "The table; `source` names the input as the CLI would (its path argument).")
      .def("__eq__", [](const sp::audit::Summary& a,
                        const sp::audit::Summary& b) { return a.counts() == b.counts(); })
      .def(py::pickle([](const sp::audit::Summary& s) { return s.counts(); },
                      [](const std::vector<std::uint64_t>& counts) {
                        sp::audit::Summary s;
                        if (!s.from_counts(counts)) {
                          throw py::value_error("Summary state from an incompatible build");
                        }
                        return s;
                      }));

  m.def(
      "evaluate",
      [](const sp::Policy& policy, const py::object& request, std::size_t max_request_bytes) {
        const std::size_t limit = checked_limit(max_request_bytes, "max_request_bytes");
        py::object keep;
        const std::string json = request_text(request, keep);
        py::gil_scoped_release release;
        return evaluate_wire(policy, json, limit);
      },
      py::arg("policy"), py::arg("request"), py::kw_only(), py::arg("max_request_bytes") = 0,
      "Decides one request, given as a dict or as wire-format JSON (str or bytes). Input that "
      "is not a valid request is an answer, not an exception: deny with an invalid_request "
      "reason naming the field. A request longer than `max_request_bytes` (0: the CLI's "
      "default line limit, 1 MiB; else 64..1 GiB) is answered invalid_request without being "
      "read.");

  m.def(
      "explain",
      [](const std::string& code) {
        if (const auto reason = sp::parse_reason_code(code)) {
          return reason_dict(sp::reason_info(*reason));
        }
        if (const auto warning = sp::parse_warning_code(code)) {
          return warning_dict(sp::warning_info(*warning));
        }
        throw py::key_error("unknown reason or warning code '" + code + "'");
      },
      py::arg("code"),
      "The catalogue entry of a reason or warning code, as `sendpolicy explain CODE` prints it: "
      "a dict with code, kind ('reason' or 'warning'), summary, source, and for reasons rule, "
      "platform_error and remedy. A code that is both (a policy knob turns the warning into a "
      "reason) gives the reason. KeyError for an unknown code.");

  m.def(
      "reason_codes",
      [] {
        py::list out;
        for (std::size_t i = 0; i < sp::kReasonCodeCount; ++i) {
          out.append(reason_dict(sp::reason_info(static_cast<sp::ReasonCode>(i))));
        }
        return out;
      },
      "Every reason code, in catalogue order, as explain() describes it.");

  m.def(
      "warning_codes",
      [] {
        py::list out;
        for (std::size_t i = 0; i < sp::kWarningCodeCount; ++i) {
          out.append(warning_dict(sp::warning_info(static_cast<sp::WarningCode>(i))));
        }
        return out;
      },
      "Every warning code, in catalogue order, as explain() describes it.");

  m.def(
      "fold_consent",
      [](const py::object& ledger, const py::object& now) {
        const sp::Timestamp at = timestamp_arg(now, "now");
        py::object keep;
        std::string json;
        if (py::isinstance<py::str>(ledger) || py::isinstance<py::bytes>(ledger)) {
          json = to_std(item_bytes(ledger, keep));
        } else {
          py::object dumps = py::module_::import("json").attr("dumps");
          py::object text = dumps(ledger, py::arg("ensure_ascii") = false,
                                  py::arg("allow_nan") = false);
          json = to_std(item_bytes(text, keep));
        }
        std::vector<sp::ConsentEvent> events;
        if (absl::Status s = sp::wire::parse_ledger(json, events); !s.ok()) {
          throw py::value_error(status_message(s));
        }
        const absl::StatusOr<sp::FoldedConsent> folded = sp::fold_consent(events, at);
        if (!folded.ok()) throw py::value_error(status_message(folded.status()));
        return py::module_::import("json").attr("loads")(sp::wire::folded_consent_json(*folded));
      },
      py::arg("ledger"), py::arg("now"),
      "Folds a consent ledger (a list of event dicts, or its JSON; docs/bindings.md) at `now` "
      "(RFC 3339 str or aware datetime) into a dict whose 'consent' is a request's consent "
      "object (None if never granted or expired), with expired_at, withdrawn_via, "
      "withdrawn_by, withdrawn_purposes and events. ValueError naming the event for a bad "
      "ledger.");

  m.def(
      "read_webhook",
      [](const py::object& payload) {
        if (!PyDict_Check(payload.ptr()) && !PyUnicode_Check(payload.ptr()) &&
            !PyBytes_Check(payload.ptr())) {
          throw py::type_error("read_webhook() takes a payload as a dict, str or bytes of JSON");
        }
        py::object keep;
        const std::string json = request_text(payload, keep);
        std::string out;
        std::string error;
        {
          py::gil_scoped_release release;
          const absl::StatusOr<sp::wire::WebhookBatch> batch = sp::wire::read_webhook(json);
          if (batch.ok()) {
            sp::wire::append_webhook_batch_json(out, *batch);
          } else {
            error = status_message(batch.status());
          }
        }
        if (!error.empty()) throw py::value_error(error);
        // The C API's bytes, decoded: one reading of webhooks for every binding.
        return py::module_::import("json").attr("loads")(py::str(out));
      },
      py::arg("payload"),
      "Reads one WhatsApp Cloud API webhook payload (dict, or JSON as str/bytes) into "
      "{'items': [...], 'skipped': {...}, 'problems': [...]}; each item is what `sendpolicy "
      "webhook` writes for it (docs/webhooks.md). A message that cannot be read is a problem "
      "naming its path; only malformed JSON raises ValueError.");

  py::class_<AuditIterator>(m, "AuditIterator")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &AuditIterator::next);

  m.def(
      "audit",
      [](py::object policy, const py::iterable& lines, std::uint64_t first_line,
         py::object summary, std::size_t max_line_bytes, std::size_t batch_lines) {
        // TypeError now, not at the first next().
        if (!py::isinstance<sp::Policy>(policy)) {
          throw py::type_error("audit() policy must be a sendpolicy.Policy");
        }
        if (!summary.is_none() && !py::isinstance<sp::audit::Summary>(summary)) {
          throw py::type_error("audit() summary must be a sendpolicy.Summary or None");
        }
        // The rule of the CLI and the C API: 0 is the default, else 64..1 GiB;
        // first_line 0 means 1.
        const std::size_t limit = checked_limit(max_line_bytes, "max_line_bytes");
        return AuditIterator(std::move(policy), py::iter(lines),
                             sp::audit::first_line_number(first_line), std::move(summary), limit,
                             batch_lines);
      },
      py::arg("policy"), py::arg("lines"), py::kw_only(), py::arg("first_line") = 1,
      py::arg("summary") = py::none(),
      py::arg("max_line_bytes") = 0,
      // ~256 KiB of ordinary requests: a batch stays in the core's cache
      // between being copied in and parsed (4096 lines cost ~11% more CPU).
      py::arg("batch_lines") = 512,
      "Audits JSON Lines: yields one decision line (with its '\\n') per input line, in order, "
      "byte for byte what `sendpolicy audit` writes; str in, str out; bytes in, bytes out. "
      "`first_line` numbers the first line in error messages (for a partition of a file). "
      "Counts go into `summary` if given. Evaluation runs without the GIL.");
}
