// Cases of the C++ suite (tests/lifecycle/scenarios_test.cc, tests/packs_test.cc)
// as wire requests through the addon: the history-driven lifecycle and the
// jurisdiction packs reach JavaScript unchanged, boundaries included.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const sp = require('..');
const { utilityTemplate, smsMarketing, hoursBefore, NOW } = require('./support');

const withHistory = (lines) => ({
  ...utilityTemplate(),
  history: lines.map(([hoursAgo, direction, text]) => ({
    at: hoursBefore(NOW, hoursAgo), direction, type: 'text', text })),
});

test('lifecycle: keywords in the history (scenarios_test.cc rows)', () => {
  const rows = [
    ['STOP blocks the next template', [[2, 'inbound', 'STOP']], 'deny', 'opt_in_withdrawn'],
    ["'STOP PLEASE' is not a keyword", [[2, 'inbound', 'STOP PLEASE']], 'allow', null],
    ['STOP then START re-subscribes',
     [[3, 'inbound', 'STOP'], [2, 'outbound', 'You have been unsubscribed.'], [1, 'inbound', 'START']],
     'allow', null, 're_opted_in_by_keyword'],
    ['STOP then an ordinary message stays opted out',
     [[3, 'inbound', 'STOP'], [1, 'inbound', 'where is my parcel?']], 'deny', 'opt_in_withdrawn'],
    ['STOP, START, STOP ends opted out',
     [[3, 'inbound', 'STOP'], [2, 'inbound', 'START'], [1, 'inbound', 'STOP']], 'deny', 'opt_in_withdrawn'],
    ['full-width STOP from a CJK keyboard', [[1, 'inbound', 'ＳＴＯＰ']], 'deny', 'opt_in_withdrawn'],
    ["'Stop promotions' is not a full opt-out", [[1, 'inbound', 'Stop promotions']], 'allow', null],
    ["'We have got to STOP this bill'", [[1, 'inbound', 'We have got to STOP this bill']], 'allow', null],
  ];
  for (const [name, lines, verdict, reason, warning] of rows) {
    const d = sp.evaluate(withHistory(lines));
    assert.equal(d.verdict, verdict, name);
    assert.deepEqual(d.reasons.map((r) => r.code), reason ? [reason] : [], name);
    if (warning) assert.ok(d.warnings.some((w) => w.code === warning), name);
  }
});

test('lifecycle: a policy file turns on any-inbound re-opt-in', () => {
  const lines = [[3, 'inbound', 'STOP'], [1, 'inbound', 'Hi']];
  assert.equal(sp.evaluate(withHistory(lines)).verdict, 'deny');
  const anyInbound = sp.loadPolicy('{"version": 1, "re_opt_in": "any_inbound"}');
  const d = sp.evaluate(withHistory(lines), anyInbound);
  assert.equal(d.verdict, 'allow');
  assert.deepEqual(d.warnings.map((w) => w.code), ['re_opted_in_by_message']);
});

test('packs: US quiet hours defer with retry_at, edges pinned (packs_test.cc)', () => {
  const rows = [
    ['NY 20:59:59', '2026-03-03T01:59:59Z', 'US-NY', 'America/New_York', 'allow', null, null],
    ['NY 21:00:00', '2026-03-03T02:00:00Z', 'US-NY', 'America/New_York', 'defer', '2026-03-03T13:00:00Z', 'us_tcpa'],
    ['NY 07:59:59', '2026-03-03T12:59:59Z', 'US-NY', 'America/New_York', 'defer', '2026-03-03T13:00:00Z', 'us_tcpa'],
    ['NY 08:00:00', '2026-03-03T13:00:00Z', 'US-NY', 'America/New_York', 'allow', null, null],
    ['FL 19:59:59', '2026-03-03T00:59:59Z', 'US-FL', 'America/New_York', 'allow', null, null],
    ['FL 20:00:00', '2026-03-03T01:00:00Z', 'US-FL', 'America/New_York', 'defer', '2026-03-03T13:00:00Z', 'us_fl'],
    ['TX Sunday 10:00 CDT', '2026-03-08T15:00:00Z', 'US-TX', 'America/Chicago', 'defer', '2026-03-08T17:00:00Z', 'us_tx'],
    ['TX Sunday 12:00 CDT', '2026-03-08T17:00:00Z', 'US-TX', 'America/Chicago', 'allow', null, null],
    ['TX Sunday 10:00 before SB 140', '2025-08-31T15:00:00Z', 'US-TX', 'America/Chicago', 'allow', null, null],
    ['MD 20:30 before the act', '2023-12-31T01:30:00Z', 'US-MD', 'America/New_York', 'allow', null, null],
    ['MD 20:30 after the act', '2024-01-03T01:30:00Z', 'US-MD', 'America/New_York', 'defer', '2024-01-03T13:00:00Z', 'us_md'],
  ];
  for (const [name, now, region, tz, verdict, retry, rule] of rows) {
    const d = sp.evaluate(smsMarketing(now, region, tz));
    assert.equal(d.verdict, verdict, name);
    assert.equal(d.retry_at, retry, name);
    if (verdict === 'defer') {
      assert.equal(d.reasons.length, 1, name);
      assert.equal(d.reasons[0].code, 'quiet_hours', name);
      assert.equal(d.reasons[0].rule, rule, name);
      assert.equal(d.billing, 'none', name);
    } else {
      assert.equal(d.billing, 'free_service', name);
    }
  }
});

test('packs: a policy file unbinds a pack (docs/cli.md "packs")', () => {
  const sunday10 = smsMarketing('2026-03-08T15:00:00Z', 'US-TX', 'America/Chicago');
  assert.equal(sp.evaluate(sunday10).verdict, 'defer');
  const unbound = sp.loadPolicy('{"version": 1, "packs": {"unbind": ["us_tx"]}}');
  // Without Texas's pack, 10:00 is inside the TCPA's 08:00-21:00.
  assert.equal(sp.evaluate(sunday10, unbound).verdict, 'allow');
});

test('foldConsent(): a ledger folds into the request consent (docs/bindings.md example)', () => {
  const ledger = [
    { at: '2026-01-10T09:00:00Z', kind: 'opt_in_collected', phone: '+393471234567',
      business: 'acme', purposes: ['order_updates', 'marketing'], method: 'checkbox' },
    { at: '2026-02-01T09:00:00Z', kind: 'withdrawn', phone: '+393471234567',
      business: 'acme', purposes: ['marketing'], via: 'keyword' },
  ];
  // Withdrawing one purpose leaves the other granted.
  const folded = sp.foldConsent(ledger, '2026-03-02T12:00:00Z');
  assert.deepEqual(folded.consent.purposes, ['order_updates']);
  assert.deepEqual(sp.foldConsent(JSON.stringify(ledger), new Date('2026-03-02T12:00:00Z')), folded);
  // An event after `now` is a clock problem, reported, not folded.
  assert.throws(() => sp.foldConsent(ledger, '2026-01-01T00:00:00Z'), /events\[0\]\.at: is after now/);
  assert.throws(() => sp.foldConsent([{ at: '2026-01-10T09:00:00Z', kind: 'nope' }], '2026-03-02T12:00:00Z'),
                (e) => e instanceof Error && !(e instanceof TypeError));
  assert.throws(() => sp.foldConsent({}, '2026-03-02T12:00:00Z'), TypeError);
  assert.throws(() => sp.foldConsent(ledger, 42), TypeError);
  assert.throws(() => sp.foldConsent(ledger, 'yesterday'), RangeError);
});
