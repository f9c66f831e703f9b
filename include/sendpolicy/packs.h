// sendpolicy/packs.h
//
// The built-in packs, each a documented value with its sources (the full
// table, with effective dates and confidence marks, is docs/packs.md; the
// research behind it is the project's legal-rules.md). Not legal advice:
// review a pack with counsel before relying on it.
//
//   const sendpolicy::Pack& fl = sendpolicy::packs::us_fl();
//   fl.quiet_hours->permitted.on(date::Monday);  // 08:00-20:00
//
// Every function returns the same object each time (built on first call).
#ifndef SENDPOLICY_PACKS_H_
#define SENDPOLICY_PACKS_H_

#include <array>

#include "sendpolicy/pack.h"

namespace sendpolicy {
namespace packs {

// WhatsApp Business Platform rules. Descriptive: the platform rules are the
// Policy's WhatsApp knobs (template status, 131050 marketing opt-out, US
// marketing pause by area code, per-user marketing cap) and apply to every
// WhatsApp message; this value names and sources them for docs and tooling.
const Pack& whatsapp();
// US federal TCPA: marketing texts 08:00-21:00 local; prior express written
// consent for marketing.
const Pack& us_tcpa();
// Florida FTSA: 08:00-20:00; 3 per 24 h on the same subject; written consent.
const Pack& us_fl();
// Oklahoma OTSA: 08:00-20:00; 3 per 24 h on the same subject; written consent.
const Pack& us_ok();
// Maryland Stop the Spam Calls Act: 08:00-20:00; 3 per 24 h, same subject.
const Pack& us_md();
// Texas SB 140 (from 2025-09-01): Mon-Sat 09:00-21:00, Sun 12:00-21:00.
const Pack& us_tx();
// Oregon HB 3865 (from 2026-01-01): 08:00-20:00; 3 marketing texts per 24 h
// unless a purchase within 18 months.
const Pack& us_or();
// Connecticut SB 1058 (from 2023-10-01): 09:00-20:00; written consent.
const Pack& us_ct();
// EU/EEA GDPR + ePrivacy: marketing needs consent (or the Art. 13(2) soft
// opt-in); active, informed, per purpose; withdrawal wins (core rules).
const Pack& eu_gdpr();
// Germany UWG §7: confirmed double opt-in for marketing.
const Pack& de();
// Italy Codice privacy art. 130: opt-in; soft spam is e-mail only.
const Pack& it();
// Canada CASL: express consent, or implied consent that lasts 2 years from a
// purchase and 6 months from an inquiry.
const Pack& ca_casl();

// Every built-in pack, in the order above.
std::array<const Pack*, 12> all();

}  // namespace packs
}  // namespace sendpolicy

#endif  // SENDPOLICY_PACKS_H_
