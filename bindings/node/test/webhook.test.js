// readWebhook(): the Cloud API webhook reader of the C++ library in Node, the
// same items as `sendpolicy webhook` and the Python module (docs/webhooks.md).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const sp = require('..');
const { SOURCE_DIR, CLI, needsCli } = require('./support');

const DAY = path.join(SOURCE_DIR, 'examples', 'data', 'webhooks-day.jsonl');
const day = () => fs.readFileSync(DAY, 'utf8').split('\n').filter((l) => l.length > 0);

test('readWebhook(): object, string and Buffer give the same items', () => {
  const line = day()[2];  // Bruno's STOP, BSUID only
  const got = [line, Buffer.from(line), JSON.parse(line)].map((x) => sp.readWebhook(x));
  assert.deepEqual(got[1], got[0]);
  assert.deepEqual(got[2], got[0]);
  assert.deepEqual(got[0].items[0].recipient, { phone: null, user_id: 'IT.2002' });
  assert.equal(got[0].items[0].history_event.text, 'STOP');
  assert.deepEqual(got[0].problems, []);
});

test('readWebhook(): the items of a day are the CLI\'s, in order', needsCli, () => {
  const lines = day();
  const want = execFileSync(CLI, ['webhook', '-'], { input: lines.join('\n'), stdio: ['pipe', 'pipe', 'ignore'] })
    .toString().split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
  const got = lines.flatMap((l) => sp.readWebhook(l).items);
  assert.equal(got.length, 13);
  assert.deepEqual(got, want);
});

test('readWebhook(): unreadable messages are problems; only malformed JSON throws', () => {
  const bad = day()[0].replace('"timestamp":"1772438400"', '"timestamp":"soon"');
  const batch = sp.readWebhook(bad);
  assert.deepEqual(batch.items, []);
  assert.equal(batch.problems[0].path, 'entry[0].changes[0].value.messages[0].timestamp');
  assert.throws(() => sp.readWebhook('{"object":'), (e) => e instanceof Error && /malformed JSON/.test(e.message));
  assert.throws(() => sp.readWebhook(42), TypeError);
  assert.throws(() => sp.readWebhook([1, 2]), TypeError);
});
