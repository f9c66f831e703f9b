// auditLines() and auditLinesAsync(): JSON Lines in, the bytes `sendpolicy
// audit` writes out, whatever the thread count, string or Buffer, at once
// or many at a time on the libuv pool.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const sp = require('..');
const { CAMPAIGN, CAMPAIGN_POLICY, HOSTILE, HOSTILE_LINES, needsCli, cliAudit } = require('./support');

const campaignPolicy = () => sp.loadPolicy(fs.readFileSync(CAMPAIGN_POLICY, 'utf8'));

test('the campaign: byte-identical to the CLI, any thread count', needsCli, async () => {
  const want = cliAudit(CAMPAIGN, { policy: CAMPAIGN_POLICY });
  const text = fs.readFileSync(CAMPAIGN, 'utf8');
  const policy = campaignPolicy();
  for (const threads of [1, 2, 3, 8]) {
    assert.equal(sp.auditLines(text, { policy, threads }), want.toString('utf8'), `threads ${threads}`);
    assert.ok(sp.auditLines(Buffer.from(text), { policy, threads }).equals(want));
    assert.equal(await sp.auditLinesAsync(text, { policy, threads }), want.toString('utf8'));
  }
  // and the CLI's own threads agree with ours
  assert.ok(cliAudit(CAMPAIGN, { policy: CAMPAIGN_POLICY, threads: 4 }).equals(want));
});

test('hostile lines: the CLI bytes, Buffer in, Buffer out', needsCli, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendpolicy-node-'));
  try {
    const file = path.join(dir, 'hostile.jsonl');
    fs.writeFileSync(file, HOSTILE);
    const want = cliAudit(file);
    const got = sp.auditLines(HOSTILE);
    assert.ok(Buffer.isBuffer(got));
    assert.equal(got.toString('latin1').split('\n').length - 1, HOSTILE_LINES.length);
    assert.ok(got.equals(want));
    assert.ok(sp.auditLines(HOSTILE, { threads: 4 }).equals(want));
    assert.ok((await sp.auditLinesAsync(HOSTILE, { threads: 2 })).equals(want));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a Buffer is read in place: a view into a larger one, a shared one, a result kept', needsCli, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendpolicy-node-'));
  try {
    const file = path.join(dir, 'hostile.jsonl');
    fs.writeFileSync(file, HOSTILE);
    const want = cliAudit(file);
    // auditLines() reads a Buffer without copying it: a view that starts
    // and ends inside a larger buffer is audited up to its end only.
    const before = Buffer.from('{"id":"before"}\n');
    const big = Buffer.concat([before, HOSTILE, Buffer.from('\n{"id":"after"}\n')]);
    const view = big.subarray(before.length, before.length + HOSTILE.length);
    assert.ok(sp.auditLines(view).equals(want));
    assert.ok(sp.auditLines(view, { threads: 3 }).equals(want));
    // Bytes over a SharedArrayBuffer (which another thread could write) are
    // copied first: same answer.
    const shared = new Uint8Array(new SharedArrayBuffer(HOSTILE.length));
    shared.set(HOSTILE);
    assert.ok(Buffer.from(sp.auditLines(shared)).equals(want));
    // The result Buffer owns the decision bytes: later audits do not touch it.
    const kept = sp.auditLines(HOSTILE);
    for (let i = 0; i < 20; i++) sp.auditLines(HOSTILE, { threads: 2 });
    assert.ok(kept.equals(want));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('hostile lines each get one invalid_request or a decision, numbered', () => {
  const out = sp.auditLines(HOSTILE).toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, HOSTILE_LINES.length);
  assert.equal(out[0].verdict, 'allow');
  assert.equal(out[1].verdict, 'allow');  // the '\r' of a CRLF line is not part of it
  for (const i of [2, 3, 4, 5, 6, 7, 8, 9, 11, 12]) {
    assert.deepEqual(out[i].reasons.map((r) => r.code), ['invalid_request'], `line ${i + 1}`);
    assert.ok(out[i].reasons[0].message.startsWith(`line ${i + 1}: `), out[i].reasons[0].message);
  }
  assert.equal(out[10].id, 'café ☕');
  assert.equal(out[13].verdict, 'allow');
});

test('firstLine: a file fed in pieces gives the whole file\'s bytes, errors numbered', needsCli, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendpolicy-node-'));
  try {
    const file = path.join(dir, 'hostile.jsonl');
    const text = Buffer.concat([HOSTILE, Buffer.from('\n'), HOSTILE]);  // broken lines in both halves
    fs.writeFileSync(file, text);
    const want = cliAudit(file);
    // Cut at line ends into pieces of about `size` bytes, as a reader with a
    // fixed buffer would; each piece numbered from the lines before it.
    for (const size of [1, 200, 4096]) {
      const parts = [];
      let line = 1;
      for (let begin = 0; begin < text.length;) {
        let end = text.indexOf(0x0a, Math.min(begin + size, text.length - 1));
        end = end < 0 ? text.length : end + 1;
        const piece = text.subarray(begin, end);
        const got = sp.auditLines(piece, { firstLine: line, threads: size === 4096 ? 2 : 1 });
        assert.ok((await sp.auditLinesAsync(piece, { firstLine: line })).equals(got));
        parts.push(got);
        line += piece.toString('latin1').split('\n').length - 1;
        begin = end;
      }
      assert.ok(Buffer.concat(parts).equals(want), `pieces of ~${size} bytes`);
    }
    const second = sp.auditLines(HOSTILE, { firstLine: 1001 }).toString('utf8').split('\n');
    assert.ok(JSON.parse(second[2]).reasons[0].message.startsWith('line 1003: '), second[2]);
    // 0 means 1, as in Python and the C API.
    assert.ok(sp.auditLines(HOSTILE, { firstLine: 0 }).equals(sp.auditLines(HOSTILE)));
    for (const bad of [-1, 1.5, NaN, Infinity]) {
      assert.throws(() => sp.auditLines(HOSTILE, { firstLine: bad }), RangeError, String(bad));
    }
    assert.throws(() => sp.auditLines(HOSTILE, { firstLine: '2' }), TypeError);
    await assert.rejects(sp.auditLinesAsync(HOSTILE, { firstLine: -1 }), RangeError);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('maxLineBytes, empty input, no final newline', () => {
  const got = sp.auditLines(HOSTILE_LINES[0], { maxLineBytes: 100 }).toString();
  assert.ok(got.includes('line 1: is longer than 100 bytes'), got);
  assert.equal(sp.auditLines(''), '');
  assert.equal(sp.auditLines(Buffer.alloc(0)).length, 0);
  const one = sp.auditLines(HOSTILE_LINES[0].toString());
  assert.equal(sp.auditLines(HOSTILE_LINES[0].toString() + '\n'), one);
  assert.equal(one.split('\n').length, 2);
  // Empty lines are answered too: output line N answers input line N.
  assert.equal(sp.auditLines('\n\n').split('\n').length, 3);
});

test('many auditLinesAsync() at once on the thread pool, each the sync bytes', async () => {
  const text = fs.readFileSync(CAMPAIGN, 'utf8');
  const policy = campaignPolicy();
  const want = sp.auditLines(text, { policy });
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);  // the event loop keeps turning
  const runs = Array.from({ length: 16 }, (_, i) =>
    sp.auditLinesAsync(i % 2 ? Buffer.from(text) : text, { policy, threads: 1 + (i % 3) }));
  const results = await Promise.all(runs);
  clearInterval(timer);
  results.forEach((r, i) => assert.equal(r.toString(), want, `run ${i}`));
  assert.ok(ticks >= 0);
});

test('the policy may be collected while an async audit runs', async () => {
  const text = fs.readFileSync(CAMPAIGN, 'utf8');
  const want = sp.auditLines(text, { policy: campaignPolicy() });
  const pending = sp.auditLinesAsync(text, { policy: campaignPolicy() });  // the only reference
  if (global.gc) global.gc();
  assert.equal(await pending, want);
});
