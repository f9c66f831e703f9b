// Wrong argument types are TypeErrors (RangeErrors for bad numbers), never a
// crash and never a decision: the mistake is the caller's, not the request's.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const sp = require('..');
const { CLOSED } = require('./support');

test('evaluate(): requests that are not requests', () => {
  const cyclic = { ...CLOSED };
  cyclic.self = cyclic;
  for (const bad of [undefined, null, 42, true, Symbol('x'), () => 1, [CLOSED], new Date(),
                     new Map(), cyclic, { ...CLOSED, big: 1n }]) {
    assert.throws(() => sp.evaluate(bad), TypeError, String(typeof bad));
  }
});

test('evaluate(): policies that are not policies', () => {
  const fake = Object.create(sp.Policy.prototype);
  for (const bad of [42, 'whatsapp', {}, { toJson: () => '{}' }, fake, sp.Policy, [],
                     Buffer.from('{}')]) {
    assert.throws(() => sp.evaluate(CLOSED, bad), TypeError);
  }
});

test('Policy cannot be made half-built', () => {
  assert.throws(() => new sp.Policy(), TypeError);
  assert.throws(() => new sp.Policy('sendpolicy-internal-policy', {}), TypeError);
  assert.throws(() => sp.Policy(), TypeError);
  for (const bad of [undefined, 42, {}, null]) assert.throws(() => sp.loadPolicy(bad), TypeError);
  assert.throws(() => sp.Policy.prototype.toJson.call({}), Error);  // node-addon-api's unwrap error
});

test('auditLines(): text, options, numbers', () => {
  for (const bad of [undefined, 42, {}, ['{}'], null]) {
    assert.throws(() => sp.auditLines(bad), TypeError);
  }
  assert.throws(() => sp.auditLines('{}', 'threads'), TypeError);
  assert.throws(() => sp.auditLines('{}', { policy: {} }), TypeError);
  assert.throws(() => sp.auditLines('{}', { threads: '2' }), TypeError);
  for (const bad of [0, -1, 1.5, NaN, Infinity]) {
    assert.throws(() => sp.auditLines('{}', { threads: bad }), RangeError);
    assert.throws(() => sp.auditLines('{}', { maxLineBytes: bad }), RangeError);
  }
  // Absurd thread counts are capped, not obeyed.
  assert.equal(sp.auditLines('{}\n', { threads: 1e9 }), sp.auditLines('{}\n'));
});

test('auditLinesAsync(): misuse rejects with the same errors', async () => {
  await assert.rejects(sp.auditLinesAsync(42), TypeError);
  await assert.rejects(sp.auditLinesAsync('{}', { policy: 'p' }), TypeError);
  await assert.rejects(sp.auditLinesAsync('{}', { threads: 0 }), RangeError);
  await assert.rejects(sp.auditLinesAsync('{}', 7), TypeError);
});

test('explain(): codes are strings', () => {
  for (const bad of [undefined, 1, {}, null]) assert.throws(() => sp.explain(bad), TypeError);
});
