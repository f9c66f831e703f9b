// evaluate(), Policy and the catalogue: decisions are the CLI's, field for
// field and byte for byte (evaluateJson); the addon has no rules of its own.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const sp = require('..');
const { CAMPAIGN, CAMPAIGN_POLICY, CLOSED, needsCli, cliAudit } = require('./support');

// The line `sendpolicy audit` writes for CLOSED (tests/python/test_sendpolicy.py
// checks the same bytes): the window closed 24 h after the last inbound
// message at 2026-03-01T11:00Z, so a free-form message needs a template.
const CLOSED_JSON =
  '{"id":"r1","verdict":"deny","reasons":[{"code":"outside_service_window",' +
  '"rule":"whatsapp.csw.free_form","message":"free-form messages need an open customer service ' +
  'window; it closed at 2026-03-02T11:00:00Z (Meta error 131047)","platform_error":131047}],' +
  '"warnings":[],"window":{"open":false,"closes_at":"2026-03-02T11:00:00Z"},' +
  '"required_form":"template","retry_at":null,"billing":"none"}';

test('package version is the library version', () => {
  assert.equal(sp.version, '0.2.0');
  assert.equal(require('../package.json').version, sp.version);
});

test('object, string and Buffer requests give the wire decision', () => {
  assert.deepEqual(sp.evaluate(CLOSED), JSON.parse(CLOSED_JSON));
  assert.equal(sp.evaluateJson(CLOSED), CLOSED_JSON);
  assert.equal(sp.evaluateJson(JSON.stringify(CLOSED)), CLOSED_JSON);
  assert.equal(sp.evaluateJson(Buffer.from(JSON.stringify(CLOSED))), CLOSED_JSON);
  assert.equal(sp.evaluateJson(CLOSED, sp.Policy.whatsapp()), CLOSED_JSON);
  assert.equal(sp.evaluateJson(CLOSED, null), CLOSED_JSON);
});

test('an open window allows, with a billing and the closing time', () => {
  const d = sp.evaluate({ ...CLOSED, window: { last_inbound_at: '2026-03-02T11:00:00Z' } });
  assert.equal(d.verdict, 'allow');
  assert.deepEqual(d.reasons, []);
  assert.deepEqual(d.window, { open: true, closes_at: '2026-03-03T11:00:00Z' });
  assert.notEqual(d.billing, 'none');
});

test('bad requests are invalid_request denies naming the field', () => {
  const cases = [
    [{ ...CLOSED, recipient: { phone: 393471234567 } }, 'recipient.phone: expected a string'],
    [{ ...CLOSED, priority: 1 }, 'priority: unknown field'],
    [{ id: 'x' }, 'now: is required'],
    ['{', ''],
    ['', ''],
    [Buffer.from([0xff]), ''],
    ['[1,2]', 'expected a JSON object'],
    [{ ...CLOSED, now: 'yesterday' }, 'now'],
  ];
  for (const [request, message] of cases) {
    const d = sp.evaluate(request);
    assert.equal(d.verdict, 'deny', JSON.stringify(request));
    assert.deepEqual(d.reasons.map((r) => r.code), ['invalid_request']);
    assert.ok(d.reasons[0].message.includes(message), d.reasons[0].message);
    assert.equal(d.window.closes_at, null);
    assert.equal(d.billing, 'none');
  }
  // The id read before the error is kept, for correlation.
  assert.equal(sp.evaluate({ ...CLOSED, priority: 1 }).id, 'r1');
});

test('recipient by WhatsApp user ID (wire v1.1)', () => {
  const bsuid = 'US.13491208655302741918';
  const reply = { ...CLOSED, recipient: { user_id: bsuid },
                  window: { last_inbound_at: '2026-03-02T11:00:00Z' } };
  assert.equal(sp.evaluate(reply).verdict, 'allow');
  const otp = { ...reply, message: { kind: 'template', template: {
    name: 'code', category: 'authentication', status: 'approved' } } };
  // No consent on file either: no_opt_in comes first in catalogue order.
  assert.deepEqual(sp.evaluate(otp).reasons.map((r) => r.code), ['no_opt_in', 'phone_number_required']);
});

test('policies: whatsapp(), loadPolicy(), toJson round trip, bad files', () => {
  const p = sp.Policy.whatsapp();
  assert.equal(sp.loadPolicy(p.toJson()).toJson(), p.toJson());
  const campaign = sp.loadPolicy(fs.readFileSync(CAMPAIGN_POLICY, 'utf8'));
  assert.ok(campaign.toJson().includes('"730d"'));
  assert.notEqual(campaign.toJson(), p.toJson());
  assert.ok(campaign instanceof sp.Policy);
  for (const [text, key] of [['{"version": 1, "no_such_knob": true}', 'no_such_knob'],
                             ['{"version": 1, "max_consent_age": 730}', 'max_consent_age'],
                             ['{', '']]) {
    assert.throws(() => sp.loadPolicy(text), (e) => e instanceof Error && e.message.includes(key));
  }
});

test('explain() and the catalogue', () => {
  const r = sp.explain('outside_service_window');
  assert.equal(r.kind, 'reason');
  assert.equal(r.rule, 'whatsapp.csw.free_form');
  assert.equal(r.platformError, 131047);
  assert.ok(r.summary.length > 0 && r.source.length > 0 && r.remedy.length > 0);
  assert.equal(sp.explain('window_closing_soon').kind, 'warning');
  assert.equal(sp.explain('no_such_code'), null);
  const codes = sp.reasons().map((x) => x.code);
  assert.equal(codes[0], 'invalid_request');
  assert.equal(new Set(codes).size, codes.length);
  assert.ok(codes.includes('phone_number_required'));
  assert.equal(sp.explain('invalid_request').platformError, null);
  assert.ok(sp.warnings().map((w) => w.code).includes('re_opted_in_by_keyword'));
  // Every code docs/rules.md lists is in the catalogue the addon reports.
  const rules = fs.readFileSync(require('./support').SOURCE_DIR + '/docs/rules.md', 'utf8');
  for (const code of codes) assert.ok(rules.includes(code), code);
});

test('each campaign line evaluates as the CLI audits it', needsCli, () => {
  const policy = sp.loadPolicy(fs.readFileSync(CAMPAIGN_POLICY));
  const want = cliAudit(CAMPAIGN, { policy: CAMPAIGN_POLICY }).toString('utf8').split('\n');
  const lines = fs.readFileSync(CAMPAIGN, 'utf8').split('\n');
  let compared = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '' && i === lines.length - 1) break;
    // The CLI prefixes "line N: " to requests it could not read; auditLines() checks those.
    if (want[i].includes('"message":"line ')) continue;
    const object = JSON.parse(lines[i]);
    assert.equal(sp.evaluateJson(lines[i], policy), want[i]);
    assert.deepEqual(sp.evaluate(object, policy), JSON.parse(want[i]));
    compared++;
  }
  assert.ok(compared > 1900, `compared ${compared}`);
});
