// Shared by the Node tests: where things are, the CLI, request builders.
// ctest sets SENDPOLICY_SOURCE_DIR, SENDPOLICY_CLI and SENDPOLICY_NODE_ADDON
// (the addon the CMake build made); under a plain `npm test` the package's
// own build/sendpolicy.node is used and tests that need the CLI are skipped.
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');

const SOURCE_DIR = process.env.SENDPOLICY_SOURCE_DIR || path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.SENDPOLICY_CLI || '';
const CAMPAIGN = path.join(SOURCE_DIR, 'examples', 'data', 'campaign.jsonl');
const CAMPAIGN_POLICY = path.join(SOURCE_DIR, 'examples', 'data', 'campaign-policy.json');
const needsCli = CLI ? {} : { skip: 'SENDPOLICY_CLI is not set (ctest sets it)' };

// What `sendpolicy audit` writes for the file at `file` (a Buffer).
function cliAudit(file, { policy, threads = 1 } = {}) {
  const args = [];
  if (policy) args.push('--policy', policy);
  args.push('audit', '--no-progress', '--threads', String(threads), file);
  return execFileSync(CLI, args, { maxBuffer: 1 << 30 });
}

const NOW = '2026-03-02T12:00:00Z';
const PHONE = '+393471234567';
const hoursBefore = (iso, h) => new Date(Date.parse(iso) - h * 3600e3).toISOString().replace('.000Z', 'Z');

// tests/test_support.h's good_consent(): granted 30 days before `now`.
function goodConsent(now = NOW, phone = PHONE) {
  return {
    status: 'granted', phone, granted_at: hoursBefore(now, 24 * 30), source: 'website',
    method: 'checkbox', purposes: ['order_updates', 'receipts', 'promotions'],
    business_name_shown: true, content_described: true, whatsapp_named: true,
    number_editable: true, notice_version: '2026-01', evidence_ref: 'form-8812',
  };
}

// tests/test_support.h's utility_template_request(): allowed by default.
function utilityTemplate() {
  return {
    id: 't1', now: NOW, recipient: { phone: PHONE, country: 'IT' }, consent: goodConsent(),
    message: {
      kind: 'template', purpose: 'order_updates',
      template: { name: 'order_shipped', language: 'it', category: 'utility', status: 'approved',
                  quality: 'green' },
    },
  };
}

// tests/pack_support.h's sms_marketing().
function smsMarketing(now, region = 'US-NY', tz = 'America/New_York') {
  return {
    id: 'sms', now, channel: 'sms',
    recipient: { phone: '+12125550123', country: 'US', region, time_zone: tz },
    consent: goodConsent(now, '+12125550123'),
    message: { kind: 'free_form', category: 'marketing', purpose: 'promotions' },
  };
}

// A free-form reply in a window closed an hour ago (the Python tests' CLOSED).
const CLOSED = {
  id: 'r1', now: NOW, recipient: { phone: PHONE },
  window: { last_inbound_at: '2026-03-01T11:00:00Z' }, message: { kind: 'free_form' },
};

// Lines no sender should send (tests/python/support.py's catalogue): every
// binding must answer each with the CLI's bytes.
const OK_LINE = '{"id":"ok","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},' +
  '"window":{"last_inbound_at":"2026-03-02T11:00:00Z"},"message":{"kind":"free_form"}}';
const b = (s) => Buffer.from(s, 'latin1');
const HOSTILE_LINES = [
  b(OK_LINE),
  b(OK_LINE + '\r'),
  b('{"id":"t1","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+39'),
  b('{"id":"t3","now":"2026-03-02T12:00:00Z","recipient":{"phone":393471234567},' +
    '"message":{"kind":"free_form"}}'),
  b(''),
  b('   \t'),
  b('{"id":"t7","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},' +
    '"history":[{"at":"2026-03-02T11:00:00Z","text":"\xff\xfe"}],"message":{"kind":"free_form"}}'),
  b('{"id":"huge","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},' +
    '"message":{"kind":"free_form","purpose":"' + 'x'.repeat(3 << 20) + '"}}'),
  b('{"id":"t9","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},' +
    '"message":{"kind":"free_form"}} {"id":"x"}'),
  b('["not","an","object"]'),
  Buffer.from('{"id":"café ☕","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},' +
    '"message":{"kind":"free_form"}}', 'utf8'),
  b('\x00\x01garbage'),
  b('['.repeat(50000) + ']'.repeat(50000)),
  b(OK_LINE),  // the last line, without '\n'
];
const HOSTILE = Buffer.concat(HOSTILE_LINES.flatMap((l, i) => (i ? [b('\n'), l] : [l])));

module.exports = {
  SOURCE_DIR, CLI, CAMPAIGN, CAMPAIGN_POLICY, needsCli, cliAudit, NOW, PHONE, hoursBefore,
  goodConsent, utilityTemplate, smsMarketing, CLOSED, OK_LINE, HOSTILE_LINES, HOSTILE,
};
