// validate(const Policy&) and loosenings(): the bounds of every knob and the
// list of loosening knobs in use. docs/cli.md ("Policy knobs") is the same
// table for people; tests/policy_check_test.cc pins each bound at its edge.
#include "sendpolicy/policy_check.h"

#include <cstddef>
#include <string_view>

#include "sendpolicy/jurisdictions.h"
#include "sendpolicy/lifecycle/keywords.h"

namespace sendpolicy {
namespace {

// String building over std::string_view (Debian's Abseil StrCat takes only
// absl::string_view).
void append(std::string& s, std::string_view part) { s += part; }
void append(std::string& s, long long number) { s += std::to_string(number); }

template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string s;
  (append(s, parts), ...);
  return s;
}

// "24h", "7d", "90m", "45s": the largest unit that divides evenly, as in
// policy files (wire::format_duration, which the core cannot depend on).
std::string duration_text(Duration d) {
  const long long s = static_cast<long long>(d.count());
  if (s > 86400 && s % 86400 == 0) return cat(s / 86400, "d");
  if (s != 0 && s % 3600 == 0) return cat(s / 3600, "h");
  if (s != 0 && s % 60 == 0) return cat(s / 60, "m");
  return cat(s, "s");
}

absl::Status error(std::string_view path, std::string_view problem) {
  return absl::InvalidArgumentError(cat(path, ": ", problem));
}

// `d` in [low, high]; `why` says where the upper bound comes from.
absl::Status check_duration(std::string_view path, Duration d, Duration low, Duration high,
                            std::string_view why) {
  if (d < low) {
    return error(path, cat("must be at least ", duration_text(low), ", got ",
                                    d.count() < 0 ? cat(static_cast<long long>(d.count()), "s") : duration_text(d)));
  }
  if (d > high) {
    return error(path, cat("must be at most ", duration_text(high), " (", why, "), got ",
                                    duration_text(d)));
  }
  return absl::OkStatus();
}

std::string status_names(TemplateStatusSet set) {
  std::string s;
  for (std::size_t i = 0; i < EnumTraits<TemplateStatus>::kCount; ++i) {
    const auto status = static_cast<TemplateStatus>(i);
    if (!set.contains(status)) continue;
    if (!s.empty()) s += ", ";
    s += to_string(status);
  }
  return s;
}

absl::Status check_statuses(TemplateStatusSet statuses) {
  for (std::size_t i = 0; i < EnumTraits<TemplateStatus>::kCount; ++i) {
    const auto status = static_cast<TemplateStatus>(i);
    if (!statuses.contains(status) || kPlatformSendableStatuses.contains(status) ||
        kRelaxableStatuses.contains(status)) {
      continue;
    }
    return error("sendable_statuses",
                 cat("'", to_string(status),
                              "' cannot be sendable: Meta refuses templates in that status "
                              "(132001, 132015, 132016); beyond ",
                              status_names(kPlatformSendableStatuses), " only ",
                              status_names(kRelaxableStatuses), " may be added"));
  }
  return absl::OkStatus();
}

// Custom words that could never act as written: an opt-in word that is
// already an opt-out word (opt-out wins, so it would do nothing) or a help
// word (help words never opt in: docs/lifecycle.md), and a help word that is
// already an opt-out or opt-in word (it would never read as help).
absl::Status check_keywords(const KeywordRules& rules) {
  KeywordRules without_extra_opt_in = rules;
  without_extra_opt_in.extra_opt_in.clear();
  for (std::size_t i = 0; i < rules.extra_opt_in.size(); ++i) {
    const std::string& word = rules.extra_opt_in[i];
    const Keyword k = classify_keyword(word, without_extra_opt_in);
    if (k == Keyword::kOptOut || k == Keyword::kHelp) {
      return error(cat("keywords.extra_opt_in[", i, "]"),
                   cat("'", word, "' is ", k == Keyword::kOptOut ? "an opt-out" : "a help",
                                " word, so it can never opt in (an opt-out word always opts out; "
                                "help words never opt in)"));
    }
  }
  KeywordRules without_extra_help = rules;
  without_extra_help.extra_help.clear();
  for (std::size_t i = 0; i < rules.extra_help.size(); ++i) {
    const std::string& word = rules.extra_help[i];
    const Keyword k = classify_keyword(word, without_extra_help);
    if (k == Keyword::kOptOut || k == Keyword::kOptIn) {
      return error(cat("keywords.extra_help[", i, "]"),
                   cat("'", word, "' is ", k == Keyword::kOptOut ? "an opt-out" : "an opt-in",
                                " word, so it would never read as help"));
    }
  }
  return absl::OkStatus();
}

absl::Status check_pack(const std::string& path, const Pack& pack) {
  if (pack.id.empty()) return error(cat(path, ".id"), "must not be empty");
  if (pack.quiet_hours) {
    for (std::size_t d = 0; d < pack.quiet_hours->permitted.days.size(); ++d) {
      const DailyHours& h = pack.quiet_hours->permitted.days[d];
      const std::string day = cat(path, ".quiet_hours.permitted.days[", d, "]");
      if (absl::Status s = check_duration(cat(day, ".from"), h.from, Duration::zero(),
                                          std::chrono::hours(24), "a day");
          !s.ok()) {
        return s;
      }
      if (absl::Status s = check_duration(cat(day, ".until"), h.until, Duration::zero(),
                                          std::chrono::hours(24), "a day");
          !s.ok()) {
        return s;
      }
    }
  }
  if (pack.frequency_cap) {
    const FrequencyCap& cap = *pack.frequency_cap;
    if (cap.limit < 0) return error(cat(path, ".frequency_cap.limit"), "must not be negative");
    if (absl::Status s = check_duration(cat(path, ".frequency_cap.window"), cap.window,
                                        Duration{1}, kMaxCapWindow, "a year and a day");
        !s.ok()) {
      return s;
    }
  }
  const date::months months[] = {pack.consent.implied_purchase_lasts,
                                 pack.consent.implied_inquiry_lasts};
  const std::string_view names[] = {"implied_purchase_lasts", "implied_inquiry_lasts"};
  for (int i = 0; i < 2; ++i) {
    if (months[i].count() < 0 || months[i].count() > kMaxImpliedConsentMonths) {
      return error(cat(path, ".consent.", names[i]),
                   cat("must be 0 (no limit) to ", kMaxImpliedConsentMonths, " months"));
    }
  }
  if (pack.valid_from && pack.valid_until && *pack.valid_until <= *pack.valid_from) {
    return error(cat(path, ".valid_until"), "must be after valid_from");
  }
  return absl::OkStatus();
}

absl::Status check_jurisdictions(const Jurisdictions& j) {
  const std::vector<PackBinding>& bindings = j.bindings();
  if (bindings.size() > kMaxPackBindings) {
    return error("jurisdictions", cat("at most ", kMaxPackBindings, " bindings, got ",
                                                bindings.size()));
  }
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    const std::string path = cat("jurisdictions.bindings[", i, "]");
    if (!Jurisdictions::valid_destination(bindings[i].destination)) {
      return error(cat(path, ".destination"),
                   cat("'", bindings[i].destination,
                                "' selects nobody: expected *, EU, EEA, an ISO 3166-1 country "
                                "(GB, not UK) or a region of one (US-FL)"));
    }
    if (absl::Status s = check_pack(cat(path, ".pack"), bindings[i].pack); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// True iff every recipient `inner` selects is also selected by `outer`.
bool covers(std::string_view outer, std::string_view inner) {
  if (outer == "*" || outer == inner) return true;
  if (inner == "*") return false;
  if (outer == "EEA" && inner == "EU") return true;
  if (inner == "EU" || inner == "EEA") return false;
  const std::string_view country = inner.substr(0, 2);
  if (outer == "EU" || outer == "EEA") return Jurisdictions::selects(outer, country, inner);
  return outer.size() == 2 && outer == country;  // a country covers its regions
}

// ISO 3166-1 alpha-2 shape: two upper-case ASCII letters.
bool is_country_code(std::string_view c) {
  return c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z';
}

absl::Status check_calling(const Policy& p) {
  if (p.call_cap_24h < 0 || p.call_cap_24h > kMaxCallCap24h) {
    return error("call_cap_24h",
                 cat("must be 0 to ", kMaxCallCap24h,
                     " (Meta's cap on connected business-initiated calls per user in 24h; "
                     "lower is stricter), got ",
                     p.call_cap_24h));
  }
  if (!p.business_country.empty() && !is_country_code(p.business_country)) {
    return error("business_country", cat("'", p.business_country,
                                         "' is not an ISO 3166-1 alpha-2 code like \"US\""));
  }
  for (std::size_t i = 0; i < p.calling_unavailable_countries.size(); ++i) {
    const std::string& c = p.calling_unavailable_countries[i];
    if (!is_country_code(c)) {
      return error(cat("calling_unavailable_countries[", i, "]"),
                   cat("'", c, "' is not an ISO 3166-1 alpha-2 code like \"US\""));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status validate(const Policy& p) {
  if (absl::Status s = check_duration("service_window", p.service_window, Duration{1},
                                      kMaxServiceWindow,
                                      "Meta's customer service window; shorter is stricter");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = check_statuses(p.sendable_statuses); !s.ok()) return s;
  if (p.max_consent_age) {
    if (absl::Status s = check_duration("max_consent_age", *p.max_consent_age, Duration{1},
                                        kMaxConsentAge, "100 years; null means no limit");
        !s.ok()) {
      return s;
    }
  }
  if (p.us_marketing_pause_from > kUsMarketingPauseStart) {
    return error("us_marketing_pause_from",
                 cat("must be at or before ", format_timestamp(kUsMarketingPauseStart),
                              " (Meta's US marketing pause began then; an earlier date is "
                              "stricter), got ",
                              format_timestamp(p.us_marketing_pause_from)));
  }
  if (p.marketing_cap_24h && *p.marketing_cap_24h < 0) {
    return error("marketing_cap_24h", "must not be negative");
  }
  if (absl::Status s = check_duration("window_closing_soon", p.window_closing_soon, Duration::zero(),
                                      kMaxWindowClosingSoon, "a window lasts at most 24h");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = check_duration("human_agent_window", p.human_agent_window, Duration{1},
                                      kMaxHumanAgentWindow,
                                      "Meta's HUMAN_AGENT tag; shorter is stricter");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = check_calling(p); !s.ok()) return s;
  if (absl::Status s = check_duration("sms_reply_window", p.sms_reply_window, Duration::zero(),
                                      kMaxSmsReplyWindow,
                                      "a later text answers no recent conversation; 0s switches "
                                      "the exemption off");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = check_keywords(p.keywords); !s.ok()) return s;
  return check_jurisdictions(p.jurisdictions);
}

std::vector<Loosening> loosenings(const Policy& p) {
  std::vector<Loosening> out;
  for (std::size_t i = 0; i < EnumTraits<TemplateStatus>::kCount; ++i) {
    const auto status = static_cast<TemplateStatus>(i);
    if (p.sendable_statuses.contains(status) && !kPlatformSendableStatuses.contains(status)) {
      out.push_back({cat("sendable_statuses: ", to_string(status)),
                     WarningCode::kTemplateStatusRelaxed});
    }
  }
  if (!p.honour_marketing_opt_out) {
    out.push_back({"honour_marketing_opt_out", WarningCode::kMarketingOptOutNotHonoured});
  }
  if (!p.us_marketing_pause) {
    out.push_back({"us_marketing_pause", WarningCode::kUsMarketingPauseInWindow});
  } else if (!p.us_marketing_pause_in_window) {
    out.push_back({"us_marketing_pause_in_window", WarningCode::kUsMarketingPauseInWindow});
  }
  if (p.window_openers.reactions) {
    out.push_back({"window_openers.reactions", WarningCode::kWindowOpenedByUndocumentedEvent});
  }
  if (p.window_openers.system_events) {
    out.push_back({"window_openers.system_events", WarningCode::kWindowOpenedByUndocumentedEvent});
  }
  // A locale beyond English brings its opt-in words (ISCRIVI, ALTA, ANMELDEN,
  // ...), which re-open a conversation after an opt-out, as extra_opt_in does.
  for (std::size_t i = 0; i < kKeywordLocaleCount; ++i) {
    const auto locale = static_cast<KeywordLocale>(i);
    if (locale != KeywordLocale::kEn && p.keywords.locales.contains(locale)) {
      out.push_back({cat("keywords.locales: ", to_string(locale)), WarningCode::kReOptedInByKeyword});
    }
  }
  if (!p.keywords.extra_opt_in.empty()) {
    out.push_back({"keywords.extra_opt_in", WarningCode::kReOptedInByKeyword});
  }
  if (p.re_opt_in == ReOptInModel::kAnyInbound) {
    out.push_back({"re_opt_in: any_inbound", WarningCode::kReOptedInByMessage});
  }
  for (std::string_view country : kCallingUnavailableCountries) {
    bool listed = false;
    for (const std::string& c : p.calling_unavailable_countries) listed = listed || c == country;
    if (!listed) {
      out.push_back({cat("calling_unavailable_countries: without ", country),
                     WarningCode::kCallingAvailabilityAssumed});
    }
  }
  for (const DefaultBinding& d : Jurisdictions::default_bindings()) {
    bool bound = false;
    for (const PackBinding& b : p.jurisdictions.bindings()) {
      bound = bound || (b.pack.id == d.pack_id && covers(b.destination, d.destination));
    }
    if (!bound) {
      out.push_back({cat("packs: ", d.pack_id, " not bound for ", d.destination),
                     WarningCode::kDefaultPackUnbound});
    }
  }
  return out;
}

}  // namespace sendpolicy
