// A generated stream (seeded, so every run is the same): 6,000 requests that
// walk the rules' edges (the window's 24 h, consents, templates, channels, US
// quiet hours, keyword opt-outs, broken lines) through auditLines(),
// auditLinesAsync() and evaluate(), each compared with `sendpolicy audit`.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const sp = require('..');
const { CAMPAIGN_POLICY, needsCli, cliAudit } = require('./support');

function generate(n, seed) {
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  const BASE = Date.UTC(2026, 2, 1) / 1000;
  const out = [];
  for (let i = 0; i < n; i++) {
    const now = BASE + Math.floor(rnd() * 60 * 86400);
    const channel = pick(['whatsapp', 'whatsapp', 'whatsapp', 'sms', 'messenger', 'instagram']);
    const us = channel === 'sms' || rnd() < 0.2;
    const phone = us ? '+1212555' + String(1000 + Math.floor(rnd() * 8999))
                     : '+3934' + String(10000000 + Math.floor(rnd() * 89999999));
    const r = { id: `g${i}`, now: iso(now), channel, recipient: { phone } };
    if (us && rnd() < 0.7) Object.assign(r.recipient, pick([
      { country: 'US', region: 'US-NY', time_zone: 'America/New_York' },
      { country: 'US', region: 'US-FL', time_zone: 'America/New_York' },
      { country: 'US', region: 'US-TX', time_zone: 'America/Chicago' }]));
    if (rnd() < 0.1) r.recipient.marketing_opted_out = true;
    if (rnd() < 0.75) {
      const ago = rnd() < 0.5 ? pick([86400, 86399, 86401, 3600, 604800, 604801]) : Math.floor(rnd() * 200000);
      r.window = { last_inbound_at: iso(now - ago) };
    }
    if (rnd() < 0.7) {
      r.consent = { status: rnd() < 0.1 ? 'withdrawn' : 'granted',
        phone: rnd() < 0.05 ? '+393499999999' : phone,
        granted_at: iso(now - 86400 * (1 + Math.floor(rnd() * 900))), source: pick(['website', 'other']),
        method: pick(['checkbox', 'unknown']), purposes: ['order_updates', 'promotions'].filter(() => rnd() < 0.6),
        business_name_shown: rnd() < 0.9, content_described: true, whatsapp_named: rnd() < 0.8,
        number_editable: true };
      if (r.consent.status === 'withdrawn') r.consent.withdrawn_at = iso(now - 60);
    }
    if (rnd() < 0.2) {
      r.history = [{ at: iso(now - 7200), direction: 'inbound', text: pick(['STOP', 'hi', 'Stop promotions']) },
                   { at: iso(now - 3600), direction: 'inbound', text: pick(['START', 'where is it?', 'ok']) }];
    }
    const purpose = pick(['order_updates', 'promotions']);
    if (rnd() < 0.35) {
      r.message = { kind: 'free_form', purpose };
    } else {
      r.message = { kind: 'template', purpose, template: { name: `t${Math.floor(rnd() * 9)}`, language: 'it',
        category: pick(['utility', 'marketing', 'authentication']),
        status: pick(['approved', 'approved', 'approved', 'paused', 'rejected']),
        quality: pick(['green', 'yellow', 'red', 'unknown']) } };
    }
    let line = JSON.stringify(r);
    if (rnd() < 0.01) line = line.slice(0, Math.floor(line.length / 2));  // a truncated line
    if (rnd() < 0.01) line = line.replace('"now"', '"when"');             // an unknown field
    out.push(line);
  }
  return out.join('\n') + '\n';
}

test('a generated stream: auditLines(), auditLinesAsync() and evaluate() equal the CLI', needsCli, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendpolicy-stream-'));
  try {
    const text = generate(6000, 7);
    const file = path.join(dir, 'stream.jsonl');
    fs.writeFileSync(file, text);
    const policy = sp.loadPolicy(fs.readFileSync(CAMPAIGN_POLICY, 'utf8'));
    for (const [p, policyFile] of [[policy, CAMPAIGN_POLICY], [undefined, undefined]]) {
      const want = cliAudit(file, { policy: policyFile }).toString('utf8');
      const verdicts = new Set(want.split('\n').filter(Boolean).map((l) => JSON.parse(l).verdict));
      assert.deepEqual([...verdicts].sort(), ['allow', 'defer', 'deny']);  // the stream reaches every verdict
      assert.equal(sp.auditLines(text, { policy: p }), want);
      assert.equal(sp.auditLines(text, { policy: p, threads: 3 }), want);
      assert.equal(await sp.auditLinesAsync(text, { policy: p, threads: 2 }), want);
      const lines = text.split('\n');
      const wantLines = want.split('\n');
      let compared = 0;
      for (let i = 0; i < 6000; i++) {
        if (wantLines[i].includes('"message":"line ')) continue;  // line-numbered: audit only
        assert.equal(sp.evaluateJson(JSON.parse(lines[i]), p), wantLines[i]);
        compared++;
      }
      assert.ok(compared > 5800, `compared ${compared}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
