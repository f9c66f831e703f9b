// The consent ledger fold. Allocates (it builds strings and vectors); it runs
// where events are loaded, never inside evaluate().
//
// The model (docs/lifecycle.md): per purpose, whether it is granted and
// whether the customer withdrew it; for the consent as a whole, its latest
// full withdrawal and expiry. Events sharing a timestamp are applied in a
// canonical order, grants before withdrawals, so that a withdrawal wins over
// every grant at its instant and the result never depends on how the
// backend stored events of one instant.
#include "sendpolicy/lifecycle/consent_ledger.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "sendpolicy/phone.h"

namespace sendpolicy {
namespace {

absl::Status event_error(std::size_t index, const std::string& field, const std::string& problem) {
  std::string message = "events[" + std::to_string(index) + "]." + field + ": " + problem;
  return absl::InvalidArgumentError(message);
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void add_unique(std::vector<std::string>& to, const std::string& item) {
  if (!contains(to, item)) to.push_back(item);
}

void remove_one(std::vector<std::string>& from, const std::string& item) {
  from.erase(std::remove(from.begin(), from.end(), item), from.end());
}

// The shape of one event, independent of the state it meets.
absl::Status check_event(const std::vector<ConsentEvent>& events, std::size_t i,
                         std::optional<std::size_t> previous, Timestamp now) {
  const ConsentEvent& e = events[i];
  if (!is_valid(e.kind)) return event_error(i, "kind", "is not a known consent event kind");
  if (!e.at) return event_error(i, "at", "is required");
  if (*e.at > now) {
    return event_error(i, "at", "is after now (" + format_timestamp(*e.at) + " > " +
                                    format_timestamp(now) + "; check the clocks)");
  }
  if (previous && *e.at < *events[*previous].at) {
    return event_error(i, "at", "is earlier than events[" + std::to_string(*previous) +
                                    "].at (the ledger must be oldest first)");
  }
  if (!is_e164(e.phone)) return event_error(i, "phone", "is not E.164 ('+' and 8 to 15 digits)");
  if (e.business.empty()) return event_error(i, "business", "is required");
  if (e.method && !is_valid(*e.method)) return event_error(i, "method", "is not a known method");
  if (e.source && !is_valid(*e.source)) return event_error(i, "source", "is not a known source");
  if (e.basis && !is_valid(*e.basis)) return event_error(i, "basis", "is not a known basis");
  if (!is_valid(e.via)) return event_error(i, "via", "is not a known withdrawal channel");
  if (e.kind == ConsentEventKind::kOptInCollected && !e.method) {
    return event_error(i, "method", "is required for opt_in_collected (how was it collected?)");
  }
  // An empty purpose would match a message with no purpose, and withdrawing
  // it would withdraw nothing: both are mistakes, never a meaning.
  for (std::size_t k = 0; k < e.purposes.size(); ++k) {
    if (e.purposes[k].empty()) {
      return event_error(i, "purposes[" + std::to_string(k) + "]",
                         "is empty (name the purpose, or leave the list empty)");
    }
  }
  return absl::OkStatus();
}

// Where an event goes among the events of its instant: every grant before
// every withdrawal, so that a withdrawal wins at equal times (GDPR Art.
// 7(3)), and a full withdrawal last of all.
int instant_rank(const ConsentEvent& e) {
  switch (e.kind) {
    case ConsentEventKind::kOptInCollected: return 0;
    case ConsentEventKind::kReOptIn: return 1;
    case ConsentEventKind::kPurposesAdded: return 2;
    case ConsentEventKind::kDoubleOptInConfirmed: return 3;
    case ConsentEventKind::kPurposesRemoved: return 4;
    case ConsentEventKind::kExpired: return 5;
    case ConsentEventKind::kWithdrawn: return e.purposes.empty() ? 7 : 6;
  }
  return 8;
}

// A total order on everything an event carries, so that two different
// events of one instant and one rank always apply in the same order,
// whatever order the backend stored them in. Equal keys are equal events.
auto content_key(const ConsentEvent& e) {
  const auto notice = e.notice ? std::make_tuple(1, e.notice->business_name_shown, e.notice->content_described,
                                                 e.notice->whatsapp_named, e.notice->number_editable)
                               : std::make_tuple(0, false, false, false, false);
  return std::make_tuple(instant_rank(e), e.purposes, e.method.has_value(),
                         e.method.value_or(ConsentMethod::kUnknown), e.source.has_value(),
                         e.source.value_or(ConsentSource::kOther), e.basis.has_value(),
                         e.basis.value_or(ConsentBasis::kExpress), notice, e.notice_version,
                         e.evidence_ref, e.via, e.recorded_by);
}

// `indexes` (oldest first, checked) with each run of equal timestamps put in
// canonical order.
std::vector<std::size_t> canonical_order(const std::vector<ConsentEvent>& events,
                                         std::vector<std::size_t> indexes) {
  std::stable_sort(indexes.begin(), indexes.end(), [&](std::size_t a, std::size_t b) {
    if (*events[a].at != *events[b].at) return *events[a].at < *events[b].at;
    return content_key(events[a]) < content_key(events[b]);
  });
  return indexes;
}

class Fold {
 public:
  absl::Status apply(const ConsentEvent& e, std::size_t i) {
    switch (e.kind) {
      case ConsentEventKind::kOptInCollected:
        opt_in(e);
        return absl::OkStatus();
      case ConsentEventKind::kReOptIn:
        if (!rec_ || !rec_->granted_at) {
          return event_error(i, "kind",
                             "re_opt_in with no earlier opt-in (record opt_in_collected, with "
                             "how it was collected)");
        }
        re_opt_in(e);
        return absl::OkStatus();
      case ConsentEventKind::kDoubleOptInConfirmed:
        if (!granted()) {
          return event_error(i, "kind", "double_opt_in_confirmed with no consent granted before it");
        }
        rec_->double_opt_in_at = e.at;
        return absl::OkStatus();
      case ConsentEventKind::kPurposesAdded:
        if (!granted()) {
          return event_error(i, "kind",
                             "purposes_added needs a granted consent (record opt_in_collected "
                             "or re_opt_in first)");
        }
        // The business adding a purpose is not the customer opting in to
        // it: a purpose the customer withdrew, alone or with everything,
        // stays withdrawn until an explicit opt-in names it.
        for (const std::string& p : e.purposes) {
          if (may_add(p)) add_unique(purposes_, p);
        }
        return absl::OkStatus();
      case ConsentEventKind::kPurposesRemoved:
        if (!granted()) {
          return event_error(i, "kind",
                             "purposes_removed needs a granted consent (nothing is granted "
                             "to remove)");
        }
        for (const std::string& p : e.purposes) remove_one(purposes_, p);
        return absl::OkStatus();
      case ConsentEventKind::kWithdrawn:
        withdraw(e);
        return absl::OkStatus();
      case ConsentEventKind::kExpired:
        if (granted()) expired_at_ = e.at;
        return absl::OkStatus();
    }
    return event_error(i, "kind", "is not a known consent event kind");
  }

  FoldedConsent finish(std::size_t events) && {
    FoldedConsent out;
    out.events = events;
    out.withdrawn_purposes = withdrawn_purposes_;
    if (!rec_) return out;
    if (withdrawn_at_) {
      rec_->status = ConsentStatus::kWithdrawn;
      rec_->withdrawn_at = withdrawn_at_;
      out.withdrawn_via = withdrawn_via_;
      out.withdrawn_by = withdrawn_by_;
    } else if (expired_at_) {
      out.expired_at = expired_at_;
      return out;  // no consent on file
    }
    rec_->purposes = purposes_;
    out.consent = std::move(rec_);
    return out;
  }

 private:
  bool granted() const { return rec_ && rec_->granted_at && !withdrawn_at_ && !expired_at_; }

  // Whether purposes_added may grant `p`: not withdrawn on its own, and not
  // taken by a full withdrawal without an explicit opt-in naming (or, for an
  // empty re-opt-in, restoring) it since.
  bool may_add(const std::string& p) const {
    if (contains(withdrawn_purposes_, p)) return false;
    return !fully_withdrawn_before_ || contains(named_since_withdrawal_, p);
  }

  void name_explicitly(const std::string& p) { add_unique(named_since_withdrawal_, p); }

  // An explicit opt-in for `p` ends its per-purpose withdrawal. Canonical
  // order puts every withdrawal of an instant after its grants, so the
  // withdrawal met here is strictly earlier.
  void regrant(const std::string& p) {
    remove_one(withdrawn_purposes_, p);
    add_unique(purposes_, p);
    name_explicitly(p);
  }

  void explicit_grant(Timestamp at) {
    rec_->status = ConsentStatus::kGranted;
    rec_->granted_at = at;
    rec_->withdrawn_at.reset();
    withdrawn_at_.reset();
    withdrawn_via_.reset();
    withdrawn_by_.clear();
    expired_at_.reset();
  }

  void opt_in(const ConsentEvent& e) {
    ConsentRecord r;
    r.phone = e.phone;
    r.basis = e.basis.value_or(ConsentBasis::kExpress);
    r.source = e.source.value_or(ConsentSource::kOther);
    r.method = *e.method;
    r.notice = e.notice.value_or(NoticeShown{});
    r.notice_version = e.notice_version;
    r.evidence_ref = e.evidence_ref;
    rec_ = std::move(r);
    explicit_grant(*e.at);
    // A new collection replaces the purposes; naming one is an explicit
    // opt-in to it, purposes withdrawn earlier and not named stay withdrawn.
    purposes_.clear();
    for (const std::string& p : e.purposes) regrant(p);
  }

  void re_opt_in(const ConsentEvent& e) {
    ConsentRecord& r = *rec_;
    // A re-opt-in with no purposes restores what was held before the
    // withdrawal or expiry: purposes_ still holds it, minus every purpose
    // withdrawn on its own (those need a re-opt-in that names them).
    if (!e.purposes.empty()) {
      purposes_.clear();
      for (const std::string& p : e.purposes) regrant(p);
    } else {
      for (const std::string& p : purposes_) name_explicitly(p);
    }
    explicit_grant(*e.at);
    // A double opt-in confirmed an earlier collection, not this one.
    r.double_opt_in_at.reset();
    if (e.method) r.method = *e.method;
    if (e.source) r.source = *e.source;
    if (e.basis) r.basis = *e.basis;
    if (e.notice) r.notice = *e.notice;
    if (!e.notice_version.empty()) r.notice_version = e.notice_version;
    if (!e.evidence_ref.empty()) r.evidence_ref = e.evidence_ref;
  }

  void withdraw(const ConsentEvent& e) {
    if (!e.purposes.empty()) {
      // Per purpose: the rest of the consent stands (EDPB 05/2020 §3.1.3).
      // Recorded whatever the state (before any opt-in, while withdrawn or
      // expired): only a later explicit opt-in naming the purpose undoes it.
      for (const std::string& p : e.purposes) {
        remove_one(purposes_, p);
        add_unique(withdrawn_purposes_, p);
      }
      return;
    }
    if (!rec_) {
      // Never granted: the withdrawal is still recorded and blocks (an
      // opt-out request before any opt-in must be honoured too).
      ConsentRecord r;
      r.phone = e.phone;
      rec_ = std::move(r);
    }
    // The latest withdrawal is the one reported; any of them beats every
    // grant at or before its instant.
    withdrawn_at_ = e.at;
    fully_withdrawn_before_ = true;
    named_since_withdrawal_.clear();
    withdrawn_via_ = e.via;
    withdrawn_by_ = e.recorded_by;
    expired_at_.reset();  // a withdrawal outranks a lapse: it also blocks replies
  }

  std::optional<ConsentRecord> rec_;     // metadata of the latest opt-in
  std::vector<std::string> purposes_;    // granted now, or held before a withdrawal/expiry
  std::vector<std::string> withdrawn_purposes_;  // withdrawn one by one, not re-granted
  std::optional<Timestamp> withdrawn_at_;  // latest full withdrawal since the last grant
  std::optional<WithdrawalChannel> withdrawn_via_;
  std::string withdrawn_by_;
  std::optional<Timestamp> expired_at_;
  // A full withdrawal took every purpose: since then only these were named
  // by an explicit opt-in (or restored by an empty re-opt-in).
  bool fully_withdrawn_before_ = false;
  std::vector<std::string> named_since_withdrawal_;
};

absl::StatusOr<FoldedConsent> fold_indexed(const std::vector<ConsentEvent>& events,
                                           const std::vector<std::size_t>& indexes,
                                           Timestamp now) {
  std::optional<std::size_t> previous;
  for (std::size_t i : indexes) {
    if (absl::Status s = check_event(events, i, previous, now); !s.ok()) return s;
    previous = i;
  }
  Fold fold;
  for (std::size_t i : canonical_order(events, indexes)) {
    if (absl::Status s = fold.apply(events[i], i); !s.ok()) return s;
  }
  return std::move(fold).finish(indexes.size());
}

}  // namespace

ConsentEvent ConsentEvent::opt_in(Timestamp at, std::string phone, std::string business,
                                  std::vector<std::string> purposes, ConsentMethod method,
                                  ConsentSource source) {
  ConsentEvent e;
  e.at = at;
  e.kind = ConsentEventKind::kOptInCollected;
  e.phone = std::move(phone);
  e.business = std::move(business);
  e.purposes = std::move(purposes);
  e.method = method;
  e.source = source;
  return e;
}

ConsentEvent ConsentEvent::withdrawal(Timestamp at, std::string phone, std::string business,
                                      WithdrawalChannel via, std::vector<std::string> purposes) {
  ConsentEvent e;
  e.at = at;
  e.kind = ConsentEventKind::kWithdrawn;
  e.phone = std::move(phone);
  e.business = std::move(business);
  e.purposes = std::move(purposes);
  e.via = via;
  return e;
}

ConsentEvent ConsentEvent::re_opt_in(Timestamp at, std::string phone, std::string business,
                                     std::vector<std::string> purposes) {
  ConsentEvent e;
  e.at = at;
  e.kind = ConsentEventKind::kReOptIn;
  e.phone = std::move(phone);
  e.business = std::move(business);
  e.purposes = std::move(purposes);
  return e;
}

absl::StatusOr<FoldedConsent> fold_consent(const std::vector<ConsentEvent>& events, Timestamp now) {
  std::vector<std::size_t> indexes;
  indexes.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i > 0 && (events[i].phone != events[0].phone || events[i].business != events[0].business)) {
      return event_error(i, events[i].phone != events[0].phone ? "phone" : "business",
                         "differs from events[0] (fold one ledger per number and business, "
                         "or use fold_ledgers)");
    }
    indexes.push_back(i);
  }
  return fold_indexed(events, indexes, now);
}

absl::StatusOr<std::vector<LedgerEntry>> fold_ledgers(const std::vector<ConsentEvent>& events,
                                                      Timestamp now) {
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> ledgers;
  for (std::size_t i = 0; i < events.size(); ++i) {
    ledgers[{events[i].phone, events[i].business}].push_back(i);
  }
  std::vector<LedgerEntry> out;
  out.reserve(ledgers.size());
  for (const auto& [key, indexes] : ledgers) {
    absl::StatusOr<FoldedConsent> state = fold_indexed(events, indexes, now);
    if (!state.ok()) return state.status();
    out.push_back(LedgerEntry{key.first, key.second, *std::move(state)});
  }
  return out;
}

}  // namespace sendpolicy
