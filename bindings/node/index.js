// sendpolicy for Node.js: may we send this WhatsApp (or Messenger/Instagram/
// SMS) message to this person now? The C++ engine's rules and decisions,
// byte for byte those of `sendpolicy audit` (docs/bindings.md).
//
// The addon (src/) only ever sees wire-format JSON text: a plain object is
// turned into JSON here and read by the one strict parser, so there is no
// second reading of requests to drift from the CLI's.
'use strict';
const path = require('path');

// SENDPOLICY_NODE_ADDON: an addon built elsewhere (the repository's CMake
// build sets it for its tests); else the one `npm install` built.
const addonPath = process.env.SENDPOLICY_NODE_ADDON || path.join(__dirname, 'build', 'sendpolicy.node');
let native;
try {
  native = require(addonPath);
} catch (e) {
  e.message = `sendpolicy: cannot load the addon ${addonPath} (run \`npm install\` in the ` +
    `package, which builds it, or set SENDPOLICY_NODE_ADDON): ${e.message}`;
  throw e;
}

const { Policy } = native;

function loadPolicy(jsonText) {
  return Policy.fromJson(jsonText);
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function requestText(request) {
  if (typeof request === 'string' || request instanceof Uint8Array) return request;
  if (isPlainObject(request)) {
    // JSON.stringify throws TypeError on cycles and BigInt; undefined
    // fields vanish, as they would from any JSON the CLI reads.
    return JSON.stringify(request);
  }
  throw new TypeError('evaluate() takes a request as a plain object, or as wire-format JSON ' +
    'in a string or Buffer');
}

// The decision as a plain object with the wire decision's fields: id,
// verdict, reasons [{code, rule, message, platform_error}], warnings,
// window {open, closes_at}, required_form, retry_at, billing.
function evaluate(request, policy) {
  return JSON.parse(native.evaluate(policy, requestText(request)));
}

// The decision's wire JSON, without the '\n': the CLI's line, byte for byte.
function evaluateJson(request, policy) {
  return native.evaluate(policy, requestText(request));
}

function auditOptions(options, name) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError(`${name} options must be an object`);
  return options;
}

function auditLines(text, options) {
  const o = auditOptions(options, 'auditLines()');
  return native.auditLines(text, o.policy, o.threads, o.maxLineBytes, o.firstLine);
}

function auditLinesAsync(text, options) {
  try {
    const o = auditOptions(options, 'auditLinesAsync()');
    return native.auditLinesAsync(text, o.policy, o.threads, o.maxLineBytes, o.firstLine);
  } catch (e) {
    return Promise.reject(e);  // a Promise-returning function never throws
  }
}

// Folds a consent ledger (an array of event objects, or its JSON) at `now`
// (RFC 3339 string or Date): { consent, expired_at, withdrawn_via, ... }.
function foldConsent(events, now) {
  let text;
  if (typeof events === 'string' || events instanceof Uint8Array) text = events;
  else if (Array.isArray(events)) text = JSON.stringify(events);
  else throw new TypeError('foldConsent() takes the ledger as an array of events or its JSON');
  if (now instanceof Date) {
    if (Number.isNaN(now.getTime())) throw new RangeError('foldConsent() now is an invalid Date');
    now = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return JSON.parse(native.foldConsent(text, now));
}

// Reads one WhatsApp Cloud API webhook payload (a plain object, or its JSON
// in a string or Buffer): { items, skipped, problems }, each item what
// `sendpolicy webhook` writes for it (docs/webhooks.md). A message that
// cannot be read is a problem naming its path; only malformed JSON throws.
function readWebhook(payload) {
  let text;
  if (typeof payload === 'string' || payload instanceof Uint8Array) text = payload;
  else if (isPlainObject(payload)) text = JSON.stringify(payload);
  else throw new TypeError('readWebhook() takes a payload as a plain object, or its JSON in a string or Buffer');
  return JSON.parse(native.readWebhook(text));
}

module.exports = {
  version: native.version,
  defaultMaxLineBytes: native.defaultMaxLineBytes,
  Policy,
  loadPolicy,
  evaluate,
  evaluateJson,
  auditLines,
  auditLinesAsync,
  foldConsent,
  readWebhook,
  explain: native.explain,
  reasons: native.reasons,
  warnings: native.warnings,
};
