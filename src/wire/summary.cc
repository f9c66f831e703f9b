#include "sendpolicy/wire/summary.h"

#include <cstdio>

namespace sendpolicy {
namespace audit {
namespace {

std::size_t idx(sp::Verdict v) { return static_cast<std::size_t>(v); }

// "12,345": grouped digits read faster in a table.
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%5.1f%%",
                whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

void row(std::string& out, std::string_view label, std::uint64_t n, std::uint64_t whole,
         std::string_view note = {}) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "  %-28.*s %9s %s", static_cast<int>(label.size()), label.data(),
                grouped(n).c_str(), percent(n, whole).c_str());
  out += buf;
  if (!note.empty()) {
    out += "  ";
    out += note;
  }
  out += '\n';
}

}  // namespace

void Summary::add(const sp::SendDecision& d, sp::Channel channel, sp::Category category) {
  ++requests;
  ++verdicts[idx(d.verdict)];
  for (const sp::Reason& r : d.reasons) ++reasons[static_cast<std::size_t>(r.code)];
  for (const sp::Warning& w : d.warnings) ++warnings[static_cast<std::size_t>(w.code)];
  if (d.has(sp::ReasonCode::kInvalidRequest)) return;  // category of a broken request is moot
  ++channels[static_cast<std::size_t>(channel)];
  ++categories[static_cast<std::size_t>(category)];
  if (d.verdict == sp::Verdict::kAllow) ++billing[static_cast<std::size_t>(d.billing)];
}

void Summary::add_unreadable() {
  ++requests;
  ++unreadable;
  ++verdicts[idx(sp::Verdict::kDeny)];
  ++reasons[static_cast<std::size_t>(sp::ReasonCode::kInvalidRequest)];
}

void Summary::merge(const Summary& o) {
  requests += o.requests;
  unreadable += o.unreadable;
  for (std::size_t i = 0; i < verdicts.size(); ++i) verdicts[i] += o.verdicts[i];
  for (std::size_t i = 0; i < reasons.size(); ++i) reasons[i] += o.reasons[i];
  for (std::size_t i = 0; i < warnings.size(); ++i) warnings[i] += o.warnings[i];
  for (std::size_t i = 0; i < channels.size(); ++i) channels[i] += o.channels[i];
  for (std::size_t i = 0; i < categories.size(); ++i) categories[i] += o.categories[i];
  for (std::size_t i = 0; i < billing.size(); ++i) billing[i] += o.billing[i];
}

namespace {

// Calls f(count&) on every count in the order counts() lists them.
template <typename S, typename F>
void for_each_count(S& s, F f) {
  f(s.requests);
  f(s.unreadable);
  for (auto& n : s.verdicts) f(n);
  for (auto& n : s.reasons) f(n);
  for (auto& n : s.warnings) f(n);
  for (auto& n : s.channels) f(n);
  for (auto& n : s.categories) f(n);
  for (auto& n : s.billing) f(n);
}

}  // namespace

std::vector<std::uint64_t> Summary::counts() const {
  std::vector<std::uint64_t> out;
  for_each_count(*this, [&out](const std::uint64_t& n) { out.push_back(n); });
  return out;
}

bool Summary::from_counts(const std::vector<std::uint64_t>& in) {
  if (in.size() != counts().size()) return false;
  std::size_t i = 0;
  for_each_count(*this, [&](std::uint64_t& n) { n = in[i++]; });
  return true;
}

std::string Summary::format(std::string_view source) const {
  std::string out = "sendpolicy audit of ";
  out += source;
  out += ": ";
  out += grouped(requests);
  out += requests == 1 ? " request\n\n" : " requests\n\n";

  out += "Verdicts\n";
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    row(out, sp::to_string(static_cast<sp::Verdict>(i)), verdicts[i], requests);
  }

  out += "\nWhy not (a request can fail several rules; % of all requests)\n";
  bool any = false;
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    if (reasons[i] == 0) continue;
    any = true;
    const sp::ReasonInfo& info = sp::reason_info(static_cast<sp::ReasonCode>(i));
    row(out, info.name, reasons[i], requests, info.default_rule);
  }
  if (!any) out += "  (none)\n";
  if (unreadable > 0) {
    out += "  of the invalid_request lines, " + grouped(unreadable) +
           " were not readable requests (bad JSON, types, fields)\n";
  }

  any = false;
  for (std::uint64_t n : warnings) any = any || n > 0;
  if (any) {
    out += "\nWarnings (not blocking)\n";
    for (std::size_t i = 0; i < warnings.size(); ++i) {
      if (warnings[i] == 0) continue;
      row(out, sp::to_string(static_cast<sp::WarningCode>(i)), warnings[i], requests);
    }
  }

  std::uint64_t valid = 0;
  for (std::uint64_t n : categories) valid += n;
  out += "\nChannels (valid requests)\n";
  for (std::size_t i = 0; i < channels.size(); ++i) {
    if (channels[i] == 0) continue;
    row(out, sp::to_string(static_cast<sp::Channel>(i)), channels[i], valid);
  }
  out += "\nCategories (valid requests)\n";
  for (std::size_t i = 0; i < categories.size(); ++i) {
    row(out, sp::to_string(static_cast<sp::Category>(i)), categories[i], valid);
  }

  const std::uint64_t allowed = verdicts[idx(sp::Verdict::kAllow)];
  out += "\nBilling (allowed requests)\n";
  for (std::size_t i = 0; i < billing.size(); ++i) {
    if (billing[i] == 0) continue;
    // An allowed message billed `none` is an SMS: Meta does not bill it.
    row(out, i == 0 ? std::string_view("none (SMS)") : sp::to_string(static_cast<sp::Billing>(i)),
        billing[i], allowed);
  }
  if (allowed == 0) out += "  (nothing allowed)\n";
  return out;
}

}  // namespace audit
}  // namespace sendpolicy
