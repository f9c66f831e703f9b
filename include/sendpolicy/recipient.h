// sendpolicy/recipient.h
#ifndef SENDPOLICY_RECIPIENT_H_
#define SENDPOLICY_RECIPIENT_H_

#include <string>

namespace date {
class time_zone;
}  // namespace date

namespace sendpolicy {

// Messages already sent to this recipient, counted by the caller (the library
// keeps no state). Used by frequency caps.
struct SentCounters {
  int marketing_24h = 0;     // marketing messages in the last 24 h
  int same_purpose_24h = 0;  // messages of this message's purpose in the last 24 h
};

struct Recipient {
  std::string phone;    // E.164
  std::string country;  // ISO 3166-1 alpha-2 ("IT"), optional
  std::string region;   // ISO 3166-2 ("US-FL"), optional
  // IANA zone name as received ("Europe/Rome"), optional; informative. Rules
  // read `zone`, which the caller resolves outside evaluate() (ZoneResolver).
  std::string time_zone;
  const date::time_zone* zone = nullptr;
  // Meta's "Stop promotions": the user stopped marketing templates (131050).
  bool marketing_opted_out = false;
  SentCounters sent;
  // WhatsApp business-scoped user ID (sendpolicy/user_id.h), optional. On
  // WhatsApp a recipient is named by `phone`, `user_id` or both; SMS needs
  // `phone`, and Messenger, Instagram and SMS take no `user_id`. With no
  // `country` and no `region`, the BSUID's two letters stand for the country.
  std::string user_id;
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_RECIPIENT_H_
