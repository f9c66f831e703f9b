#!/usr/bin/env node
// reply_gate.js: a WhatsApp Cloud API webhook backend that asks sendpolicy
// before every send, in plain Node.js (no server framework).
//
//   node reply_gate.js               # replays a short conversation and prints each decision
//   node reply_gate.js --self-test   # the same, checking the decisions (ctest node.example_reply_gate)
//   node reply_gate.js --serve 8080  # POST webhook payloads to http://localhost:8080/webhook
//
// Webhooks feed an in-memory record of each customer's inbound messages;
// sendGated() turns that record into a wire request, and only an `allow`
// reaches the Graph API (stubbed here: callGraphApi() only logs). A deny
// says why and what would work instead (required_form: a template).
// Needs the package: `npm ci` in bindings/node, or SENDPOLICY_NODE_ADDON.
'use strict';
const http = require('http');
const path = require('path');
const sp = require(process.env.SENDPOLICY_NODE_PACKAGE || path.join(__dirname, '..', '..', 'bindings', 'node'));

const policy = sp.Policy.whatsapp();
const conversations = new Map();  // phone -> { lastInboundAt, history }

const iso = (unixSeconds) => new Date(Number(unixSeconds) * 1000).toISOString().replace('.000Z', 'Z');

// The Cloud API's "messages" webhook: entry[].changes[].value.messages[].
function onWebhook(payload) {
  for (const entry of payload.entry || []) {
    for (const change of entry.changes || []) {
      for (const m of (change.value && change.value.messages) || []) {
        const phone = `+${m.from}`;
        const c = conversations.get(phone) || { lastInboundAt: null, history: [] };
        const at = iso(m.timestamp);
        c.lastInboundAt = at;
        c.history.push({ at, direction: 'inbound', type: m.type === 'text' ? 'text' : 'media',
                         text: m.type === 'text' ? m.text.body : '' });
        conversations.set(phone, c);
      }
    }
  }
}

const sent = [];
function callGraphApi(phone, message) {  // POST /{phone-number-id}/messages in a real backend
  sent.push({ phone, message });
}

// Decide first; send only on allow. `now` is an input, as everywhere in sendpolicy.
function sendGated(phone, message, now, sender = 'human') {
  const c = conversations.get(phone) || { lastInboundAt: null, history: [] };
  const decision = sp.evaluate({
    id: `${phone}@${now}`, now, recipient: { phone },
    window: c.lastInboundAt ? { last_inbound_at: c.lastInboundAt } : null,
    history: c.history,
    message: { kind: 'free_form', sender },
  }, policy);
  if (decision.verdict === 'allow') callGraphApi(phone, message);
  return decision;
}

function show(what, d) {
  console.log(`${what}\n  -> ${d.verdict}` +
    d.reasons.map((r) => `\n     ${r.code}: ${r.message}`).join('') +
    `\n     required form: ${d.required_form}, billing: ${d.billing}, window closes: ${d.window.closes_at}\n`);
}

function webhook(from, unixSeconds, body) {
  return { entry: [{ changes: [{ value: { messages: [
    { from, id: `wamid.${unixSeconds}`, timestamp: String(unixSeconds), type: 'text', text: { body } }] } }] }] };
}

function demo() {
  const wrote = Date.parse('2026-03-02T09:15:00Z') / 1000;
  onWebhook(webhook('393471234567', wrote, 'Where is my order?'));
  const reply = sendGated('+393471234567', 'It ships today.', iso(wrote + 20 * 60));
  show('Agent replies 20 minutes after the customer wrote:', reply);
  const followUp = sendGated('+393471234567', 'Did it arrive?', iso(wrote + 26 * 3600), 'automation');
  show('Bot follows up free-form 26 hours later:', followUp);
  onWebhook(webhook('393471234567', wrote + 30 * 60, 'STOP'));
  const afterStop = sendGated('+393471234567', 'One more thing...', iso(wrote + 35 * 60));
  show('Agent writes again after the customer sent STOP:', afterStop);
  return { reply, followUp, afterStop };
}

if (process.argv[2] === '--serve') {
  const port = Number(process.argv[3] || 8080);
  http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      try {
        onWebhook(JSON.parse(body));
        res.writeHead(200).end('ok');
      } catch (e) {
        res.writeHead(400).end(String(e.message));
      }
    });
  }).listen(port, () => console.log(`webhook on http://localhost:${port}/webhook`));
} else {
  const { reply, followUp, afterStop } = demo();
  if (process.argv[2] === '--self-test') {
    const assert = require('assert/strict');
    // 20 minutes into the 24-hour window opened at 09:15: allowed, free.
    assert.equal(reply.verdict, 'allow');
    assert.equal(reply.window.closes_at, '2026-03-03T09:15:00Z');
    // 26 hours later the window closed at 09:15 the next day: template only.
    assert.equal(followUp.verdict, 'deny');
    assert.deepEqual(followUp.reasons.map((r) => r.code), ['outside_service_window']);
    assert.equal(followUp.required_form, 'template');
    // STOP withdraws consent, free-form or not.
    assert.equal(afterStop.verdict, 'deny');
    assert.ok(afterStop.reasons.some((r) => r.code === 'opt_in_withdrawn'));
    assert.equal(sent.length, 1, 'only the allowed reply reached the Graph API');
    console.log('reply_gate: 3 decisions as expected');
  }
}
