// The consent ledger fold. Allocates (it builds strings and vectors); it runs
// where events are loaded, never inside evaluate().
#include "sendpolicy/lifecycle/consent_ledger.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "sendpolicy/phone.h"
#include "sendpolicy/user_id.h"

namespace sendpolicy {
namespace {

absl::Status event_error(std::size_t index, const char* field, const std::string& problem) {
  std::string message = "events[" + std::to_string(index) + "]." + field + ": " + problem;
  return absl::InvalidArgumentError(message);
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& items) {
  for (const std::string& p : items) {
    if (std::find(to.begin(), to.end(), p) == to.end()) to.push_back(p);
  }
}

void remove_all(std::vector<std::string>& from, const std::vector<std::string>& items) {
  from.erase(std::remove_if(from.begin(), from.end(),
                            [&](const std::string& p) {
                              return std::find(items.begin(), items.end(), p) != items.end();
                            }),
             from.end());
}

// The shape of one event, independent of the state it meets.
absl::Status check_event(const std::vector<ConsentEvent>& events, std::size_t i,
                         std::optional<std::size_t> previous, Timestamp now) {
  const ConsentEvent& e = events[i];
  if (!is_valid(e.kind)) return event_error(i, "kind", "is not a known consent event kind");
  if (e.at == Timestamp{}) return event_error(i, "at", "is required");
  if (e.at > now) {
    return event_error(i, "at", "is after now (" + format_timestamp(e.at) + " > " +
                                    format_timestamp(now) + "; check the clocks)");
  }
  if (previous && e.at < events[*previous].at) {
    return event_error(i, "at", "is earlier than events[" + std::to_string(*previous) +
                                    "].at (the ledger must be oldest first)");
  }
  if (e.business.empty()) return event_error(i, "business", "is required");
  if (e.method && !is_valid(*e.method)) return event_error(i, "method", "is not a known method");
  if (e.source && !is_valid(*e.source)) return event_error(i, "source", "is not a known source");
  if (e.basis && !is_valid(*e.basis)) return event_error(i, "basis", "is not a known basis");
  if (!is_valid(e.via)) return event_error(i, "via", "is not a known withdrawal channel");
  if (e.kind == ConsentEventKind::kOptInCollected && !e.method) {
    return event_error(i, "method", "is required for opt_in_collected (how was it collected?)");
  }
  return absl::OkStatus();
}

// Who a ledger is about: a phone, a WhatsApp user ID, or both.
struct Identity {
  std::string phone;
  std::string user_id;
  bool operator==(const Identity& o) const { return phone == o.phone && user_id == o.user_id; }
};

constexpr const char* kNotBsuid =
    "is not a WhatsApp user ID (CC. or CC.ENT. then 1 to 128 letters or digits)";

// The identifiers of one event: at least one, each well formed.
absl::Status check_identifiers(const ConsentEvent& e, std::size_t i) {
  if (e.phone.empty() && e.user_id.empty()) {
    return event_error(i, "phone", "is required (or user_id, the user's WhatsApp BSUID)");
  }
  if (!e.phone.empty() && !is_e164(e.phone)) {
    return event_error(i, "phone", "is not E.164 ('+' and 8 to 15 digits)");
  }
  if (!e.user_id.empty() && !is_bsuid(e.user_id)) return event_error(i, "user_id", kNotBsuid);
  return absl::OkStatus();
}

// The phone <-> user ID pairs known to be one user, from the caller's links
// and from events that carry both. One number has one user ID and one user
// ID one number (a BSUID is regenerated when the number changes), so a pair
// contradicting an earlier one is an error rather than a guess.
class IdentityMap {
 public:
  absl::Status add(const std::string& phone, const std::string& user_id, const std::string& where) {
    if (absl::Status s = add_side(by_phone_, phone, user_id, where, "user_id", "phone");
        !s.ok()) {
      return s;
    }
    return add_side(by_user_id_, user_id, phone, where, "phone", "user ID");
  }

  // The event's identity with the missing side filled in where a pair is known.
  Identity resolve(const ConsentEvent& e) const {
    return Identity{e.phone.empty() ? lookup(by_user_id_, e.user_id) : e.phone,
                    e.user_id.empty() ? lookup(by_phone_, e.phone) : e.user_id};
  }

 private:
  struct Known {
    std::string other;
    std::string where;  // "links[0]" or "events[3]", for errors
  };

  static absl::Status add_side(std::map<std::string, Known>& side, const std::string& key,
                               const std::string& other, const std::string& where,
                               const char* other_field, const char* key_name) {
    auto [it, inserted] = side.try_emplace(key, Known{other, where});
    if (inserted || it->second.other == other) return absl::OkStatus();
    return absl::InvalidArgumentError(
        where + "." + other_field + ": contradicts " + it->second.where + ", which pairs the same " +
        key_name + " with another " + (other_field[0] == 'p' ? "phone" : "user ID") +
        " (a number has one WhatsApp user ID; after user_changed_number the new pair is a new "
        "ledger)");
  }

  static std::string lookup(const std::map<std::string, Known>& side, const std::string& key) {
    if (key.empty()) return {};
    const auto it = side.find(key);
    return it == side.end() ? std::string() : it->second.other;
  }

  std::map<std::string, Known> by_phone_;
  std::map<std::string, Known> by_user_id_;
};

// Validates every event's identifiers and every link, and collects the pairs.
absl::StatusOr<IdentityMap> build_identities(const std::vector<ConsentEvent>& events,
                                             const std::vector<IdentityLink>& links) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (absl::Status s = check_identifiers(events[i], i); !s.ok()) return s;
  }
  IdentityMap map;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const IdentityLink& l = links[i];
    const std::string where = "links[" + std::to_string(i) + "]";
    if (!is_e164(l.phone)) {
      return absl::InvalidArgumentError(where + ".phone: is not E.164 ('+' and 8 to 15 digits)");
    }
    if (!is_bsuid(l.user_id)) return absl::InvalidArgumentError(where + ".user_id: " + kNotBsuid);
    if (absl::Status s = map.add(l.phone, l.user_id, where); !s.ok()) return s;
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    const ConsentEvent& e = events[i];
    if (e.phone.empty() || e.user_id.empty()) continue;
    if (absl::Status s = map.add(e.phone, e.user_id, "events[" + std::to_string(i) + "]");
        !s.ok()) {
      return s;
    }
  }
  return map;
}

class Fold {
 public:
  explicit Fold(Identity who) : who_(std::move(who)) {}


  absl::Status apply(const ConsentEvent& e, std::size_t i) {
    switch (e.kind) {
      case ConsentEventKind::kOptInCollected:
        return opt_in(e);
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
        add_unique(rec_->purposes, e.purposes);
        add_unique(granted_purposes_, e.purposes);
        remove_all(out_.withdrawn_purposes, e.purposes);
        return absl::OkStatus();
      case ConsentEventKind::kPurposesRemoved:
        if (rec_) remove_all(rec_->purposes, e.purposes);
        remove_all(granted_purposes_, e.purposes);
        return absl::OkStatus();
      case ConsentEventKind::kWithdrawn:
        withdraw(e);
        return absl::OkStatus();
      case ConsentEventKind::kReOptIn:
        if (!rec_ || !rec_->granted_at) {
          return event_error(i, "kind",
                             "re_opt_in with no earlier opt-in (record opt_in_collected, with "
                             "how it was collected)");
        }
        return re_opt_in(e);
      case ConsentEventKind::kExpired:
        if (granted()) {
          expired_ = true;
          out_.expired_at = e.at;
        }
        return absl::OkStatus();
    }
    return event_error(i, "kind", "is not a known consent event kind");
  }

  FoldedConsent finish(std::size_t events) && {
    if (rec_ && !expired_) {
      // The user as far as the events and links know them, whichever
      // identifier each event was keyed by.
      rec_->phone = who_.phone;
      rec_->user_id = who_.user_id;
      out_.consent = std::move(rec_);
    }
    out_.events = events;
    if (!out_.consent || !out_.consent->withdrawn()) {
      out_.withdrawn_via.reset();
      out_.withdrawn_by.clear();
    }
    if (!out_.consent) out_.withdrawn_purposes.clear();
    return std::move(out_);
  }

 private:
  bool granted() const { return rec_ && !expired_ && !rec_->withdrawn(); }

  // Art. 7(3): a grant never beats a withdrawal made at the same instant.
  bool loses_to_withdrawal(Timestamp at) const {
    return rec_ && rec_->withdrawn() && rec_->withdrawn_at && *rec_->withdrawn_at == at;
  }

  absl::Status opt_in(const ConsentEvent& e) {
    if (loses_to_withdrawal(e.at)) return absl::OkStatus();
    ConsentRecord r;
    r.status = ConsentStatus::kGranted;
    r.basis = e.basis.value_or(ConsentBasis::kExpress);
    r.granted_at = e.at;
    r.source = e.source.value_or(ConsentSource::kOther);
    r.method = *e.method;
    r.purposes = e.purposes;
    r.notice = e.notice.value_or(NoticeShown{});
    r.notice_version = e.notice_version;
    r.evidence_ref = e.evidence_ref;
    rec_ = std::move(r);
    granted_purposes_ = e.purposes;
    expired_ = false;
    out_.expired_at.reset();
    out_.withdrawn_purposes.clear();
    return absl::OkStatus();
  }

  absl::Status re_opt_in(const ConsentEvent& e) {
    if (loses_to_withdrawal(e.at)) return absl::OkStatus();
    ConsentRecord& r = *rec_;
    r.status = ConsentStatus::kGranted;
    r.granted_at = e.at;
    r.withdrawn_at.reset();
    // A double opt-in confirmed an earlier collection, not this one.
    r.double_opt_in_at.reset();
    if (!e.purposes.empty()) granted_purposes_ = e.purposes;
    r.purposes = granted_purposes_;  // empty restores what was granted before
    if (e.method) r.method = *e.method;
    if (e.source) r.source = *e.source;
    if (e.basis) r.basis = *e.basis;
    if (e.notice) r.notice = *e.notice;
    if (!e.notice_version.empty()) r.notice_version = e.notice_version;
    if (!e.evidence_ref.empty()) r.evidence_ref = e.evidence_ref;
    expired_ = false;
    out_.expired_at.reset();
    out_.withdrawn_purposes.clear();
    return absl::OkStatus();
  }

  void withdraw(const ConsentEvent& e) {
    if (!e.purposes.empty()) {
      // Per purpose: the rest of the consent stands (EDPB 05/2020 §3.1.3).
      if (granted()) {
        remove_all(rec_->purposes, e.purposes);
        add_unique(out_.withdrawn_purposes, e.purposes);
      }
      return;
    }
    if (!rec_) {
      // Never granted: the withdrawal is still recorded and blocks (an
      // opt-out request before any opt-in must be honoured too).
      ConsentRecord r;
      r.granted_at.reset();
      rec_ = std::move(r);
    }
    if (!rec_->withdrawn()) {
      rec_->status = ConsentStatus::kWithdrawn;
      rec_->withdrawn_at = e.at;
      out_.withdrawn_via = e.via;
      out_.withdrawn_by = e.recorded_by;
    }
    expired_ = false;  // a withdrawal outranks a lapse: it also blocks replies
    out_.expired_at.reset();
  }

  Identity who_;
  std::optional<ConsentRecord> rec_;
  std::vector<std::string> granted_purposes_;
  bool expired_ = false;
  FoldedConsent out_;
};

absl::StatusOr<FoldedConsent> fold_indexed(const std::vector<ConsentEvent>& events,
                                           const std::vector<std::size_t>& indexes,
                                           Timestamp now, Identity who) {
  Fold fold(std::move(who));
  std::optional<std::size_t> previous;
  for (std::size_t i : indexes) {
    if (absl::Status s = check_event(events, i, previous, now); !s.ok()) return s;
    if (absl::Status s = fold.apply(events[i], i); !s.ok()) return s;
    previous = i;
  }
  return std::move(fold).finish(indexes.size());
}

// A BSUID can never be an E.164 number (it starts with two letters, E.164
// with '+'), so the shape alone says which identifier `who` is.
void set_who(ConsentEvent& e, std::string who) {
  if (is_bsuid(who)) {
    e.user_id = std::move(who);
  } else {
    e.phone = std::move(who);
  }
}

}  // namespace

ConsentEvent ConsentEvent::opt_in(Timestamp at, std::string who, std::string business,
                                  std::vector<std::string> purposes, ConsentMethod method,
                                  ConsentSource source) {
  ConsentEvent e;
  e.at = at;
  e.kind = ConsentEventKind::kOptInCollected;
  set_who(e, std::move(who));
  e.business = std::move(business);
  e.purposes = std::move(purposes);
  e.method = method;
  e.source = source;
  return e;
}

ConsentEvent ConsentEvent::withdrawal(Timestamp at, std::string who, std::string business,
                                      WithdrawalChannel via, std::vector<std::string> purposes) {
  ConsentEvent e;
  e.at = at;
  e.kind = ConsentEventKind::kWithdrawn;
  set_who(e, std::move(who));
  e.business = std::move(business);
  e.purposes = std::move(purposes);
  e.via = via;
  return e;
}

ConsentEvent ConsentEvent::re_opt_in(Timestamp at, std::string who, std::string business,
                                     std::vector<std::string> purposes) {
  ConsentEvent e;
  e.at = at;
  e.kind = ConsentEventKind::kReOptIn;
  set_who(e, std::move(who));
  e.business = std::move(business);
  e.purposes = std::move(purposes);
  return e;
}

absl::StatusOr<FoldedConsent> fold_consent(const std::vector<ConsentEvent>& events, Timestamp now,
                                           const std::vector<IdentityLink>& links) {
  absl::StatusOr<IdentityMap> ids = build_identities(events, links);
  if (!ids.ok()) return ids.status();
  const Identity who = events.empty() ? Identity{} : ids->resolve(events[0]);
  std::vector<std::size_t> indexes;
  indexes.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Identity other = ids->resolve(events[i]);
    if (!(other == who)) {
      const bool phones_differ = !other.phone.empty() && !who.phone.empty();
      return event_error(i, phones_differ ? "phone" : "user_id",
                         "differs from events[0] (fold one ledger per user and business, or use "
                         "fold_ledgers; an IdentityLink joins a phone and a user ID)");
    }
    if (events[i].business != events[0].business) {
      return event_error(i, "business",
                         "differs from events[0] (fold one ledger per user and business, "
                         "or use fold_ledgers)");
    }
    indexes.push_back(i);
  }
  return fold_indexed(events, indexes, now, who);
}

absl::StatusOr<std::vector<LedgerEntry>> fold_ledgers(const std::vector<ConsentEvent>& events,
                                                      Timestamp now,
                                                      const std::vector<IdentityLink>& links) {
  absl::StatusOr<IdentityMap> ids = build_identities(events, links);
  if (!ids.ok()) return ids.status();
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::size_t>> ledgers;
  for (std::size_t i = 0; i < events.size(); ++i) {
    Identity who = ids->resolve(events[i]);
    ledgers[{std::move(who.phone), std::move(who.user_id), events[i].business}].push_back(i);
  }
  std::vector<LedgerEntry> out;
  out.reserve(ledgers.size());
  for (const auto& [key, indexes] : ledgers) {
    const auto& [phone, user_id, business] = key;
    absl::StatusOr<FoldedConsent> state = fold_indexed(events, indexes, now, Identity{phone, user_id});
    if (!state.ok()) return state.status();
    out.push_back(LedgerEntry{phone, business, *std::move(state), user_id});
  }
  return out;
}

}  // namespace sendpolicy
