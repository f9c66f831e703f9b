#!/usr/bin/env node
// node bench/node_peers.js PEERS_DIR REQUESTS.jsonl
//
// sendpolicy's Node package beside general policy engines in one Node
// process, on one stream of wire-format requests. PEERS_DIR is a folder
// (outside this repository) with `policy.js` (exports facts(request) and
// baseline(facts)) and `engines.js` (exports celEngine, jsonLogicEngine,
// rulesEngine, cedarEngine, each returning a function of the facts), its
// npm dependencies installed. docs/performance.md has the command and numbers.
//
// Measured, one thread, median of 5 runs:
//   in memory:   sendpolicy.evaluate(object) on pre-parsed request objects;
//                a peer on facts already extracted from them;
//   end to end:  a JSON line in, a decision's JSON out (sendpolicy.evaluateJson(line);
//                a peer: JSON.parse, extract facts, decide, JSON.stringify);
//   auditLines:  sendpolicy.auditLines(whole text) divided by the line count.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const sp = require(process.env.SENDPOLICY_NODE_PACKAGE || path.join(__dirname, '..', 'bindings', 'node'));

async function main() {
  const [peersDir, requestsFile] = process.argv.slice(2);
  if (!peersDir || !requestsFile) {
    console.error('usage: node bench/node_peers.js PEERS_DIR REQUESTS.jsonl');
    process.exit(2);
  }
  const load = (file) => import(pathToFileURL(path.resolve(peersDir, file)).href);
  const { facts, baseline } = await load('policy.js');
  const { celEngine, jsonLogicEngine, rulesEngine, cedarEngine } = await load('engines.js');

  const text = fs.readFileSync(requestsFile, 'utf8');
  const lines = text.split('\n').filter(Boolean);
  const requests = lines.map((l) => JSON.parse(l));
  const F = requests.map(facts);
  const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  const time = (n, body) => {
    const s = process.hrtime.bigint();
    body();
    return Number(process.hrtime.bigint() - s) / n;
  };
  const timeAsync = async (n, body) => {
    const s = process.hrtime.bigint();
    await body();
    return Number(process.hrtime.bigint() - s) / n;
  };
  const rows = [];

  // sendpolicy: the full rule set, so "agrees" counts requests whose deny
  // reasons include every reason of the peers' eight-rule policy.
  {
    const policy = sp.Policy.whatsapp();
    const n = requests.length;
    let agree = 0;
    for (let i = 0; i < n; i++) {
      const got = new Set(sp.evaluate(requests[i], policy).reasons.map((r) => r.code));
      if (baseline(F[i]).reasons.every((c) => got.has(c))) agree++;
    }
    const mem = [], e2e = [], audit = [];
    for (let run = 0; run < 5; run++) {
      mem.push(time(n, () => { for (let i = 0; i < n; i++) sp.evaluate(requests[i], policy); }));
      e2e.push(time(n, () => { for (let i = 0; i < n; i++) sp.evaluateJson(lines[i], policy); }));
      audit.push(time(n, () => sp.auditLines(text, { policy })));
    }
    rows.push(['sendpolicy (Node addon)', median(mem), median(e2e), `${agree}/${n}`]);
    rows.push(['sendpolicy auditLines(), per line', null, median(audit), '']);
    process.stderr.write('sendpolicy done\n');
  }

  const engines = { 'hand-written JS': baseline, 'json-logic-js': jsonLogicEngine(), 'cel-js': celEngine(),
    'cedar-wasm': cedarEngine(), 'json-rules-engine': rulesEngine() };
  for (const [name, fn] of Object.entries(engines)) {
    const isAsync = name === 'json-rules-engine';
    const n = isAsync ? Math.min(F.length, 20000) : F.length;
    const mem = [], e2e = [];
    for (let run = 0; run < 5; run++) {
      if (isAsync) {
        mem.push(await timeAsync(n, async () => { for (let i = 0; i < n; i++) await fn(F[i]); }));
        e2e.push(await timeAsync(n, async () => {
          for (let i = 0; i < n; i++) {
            const r = JSON.parse(lines[i]);
            JSON.stringify({ id: r.id, ...(await fn(facts(r))) });
          }
        }));
      } else {
        mem.push(time(n, () => { for (let i = 0; i < n; i++) fn(F[i]); }));
        e2e.push(time(n, () => {
          for (let i = 0; i < n; i++) {
            const r = JSON.parse(lines[i]);
            JSON.stringify({ id: r.id, ...fn(facts(r)) });
          }
        }));
      }
    }
    rows.push([name, median(mem), median(e2e), `${n} requests`]);
    process.stderr.write(`${name} done\n`);
  }

  const fmt = (x) => (x === null ? '' : Math.round(x).toLocaleString('en-US'));
  const ref = rows[0][1];
  console.log(`requests: ${lines.length}; Node ${process.version}; sendpolicy ${sp.version}`);
  console.log('| engine | in-memory ns/decision | end-to-end ns/request | in-memory vs sendpolicy | note |');
  console.log('|---|---|---|---|---|');
  for (const [name, mem, e2e, note] of rows) {
    const ratio = mem === null ? '' : `${(mem / ref).toFixed(2)}x`;
    console.log(`| ${name} | ${fmt(mem)} | ${fmt(e2e)} | ${ratio} | ${note} |`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
