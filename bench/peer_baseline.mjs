// node peer_baseline.mjs requests.jsonl > baseline.jsonl
// The peers' hand-written baseline decision for every request, one JSON line
// each ({"id", "verdict", "reasons"}), for bench/compare_peers.py to compare
// with `sendpolicy audit`. Run from a copy of /work/shared/bench-peers (it
// imports that directory's policy.js).
import { readFileSync } from 'fs';
import { facts, baseline } from './policy.js';

const out = [];
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line);
  out.push(JSON.stringify({ id: r.id, ...baseline(facts(r)) }));
  if (out.length === 10000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
