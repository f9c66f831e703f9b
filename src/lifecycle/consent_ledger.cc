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
#include "sendpolicy/user_id.h"

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
  explicit Fold(Identity who) : who_(std::move(who)) {}

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
    // The user as far as the events and links know them, whichever
    // identifier each event was keyed by.
    rec_->phone = who_.phone;
    rec_->user_id = who_.user_id;
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
  // withdrawal met here is strictly earlier. The purposes it takes back are
  // remembered for their instant: a full withdrawal at that same instant
  // beats the grant, and must leave them withdrawn on their own too, or a
  // later re-opt-in naming nothing would restore them.
  void regrant(const std::string& p, Timestamp at) {
    if (contains(withdrawn_purposes_, p)) {
      if (regrant_instant_ != at) {
        regrant_instant_ = at;
        regranted_at_instant_.clear();
      }
      add_unique(regranted_at_instant_, p);
      remove_one(withdrawn_purposes_, p);
    }
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
    for (const std::string& p : e.purposes) regrant(p, *e.at);
  }

  void re_opt_in(const ConsentEvent& e) {
    ConsentRecord& r = *rec_;
    // A re-opt-in with no purposes restores what was held before the
    // withdrawal or expiry: purposes_ still holds it, minus every purpose
    // withdrawn on its own (those need a re-opt-in that names them).
    if (!e.purposes.empty()) {
      purposes_.clear();
      for (const std::string& p : e.purposes) regrant(p, *e.at);
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
      rec_ = ConsentRecord{};
    }
    // The latest withdrawal is the one reported; any of them beats every
    // grant at or before its instant, including what a grant at its very
    // instant took off the purposes withdrawn on their own.
    if (regrant_instant_ == e.at) {
      for (const std::string& p : regranted_at_instant_) {
        remove_one(purposes_, p);
        add_unique(withdrawn_purposes_, p);
      }
      regranted_at_instant_.clear();
    }
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
  // Purposes a grant at regrant_instant_ took off withdrawn_purposes_.
  std::optional<Timestamp> regrant_instant_;
  std::vector<std::string> regranted_at_instant_;
  Identity who_;
};

absl::StatusOr<FoldedConsent> fold_indexed(const std::vector<ConsentEvent>& events,
                                           const std::vector<std::size_t>& indexes,
                                           Timestamp now, Identity who) {
  std::optional<std::size_t> previous;
  for (std::size_t i : indexes) {
    if (absl::Status s = check_event(events, i, previous, now); !s.ok()) return s;
    previous = i;
  }
  Fold fold(std::move(who));
  for (std::size_t i : canonical_order(events, indexes)) {
    if (absl::Status s = fold.apply(events[i], i); !s.ok()) return s;
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
