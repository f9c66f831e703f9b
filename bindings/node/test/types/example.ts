// A typed use of the package, checked by `tsc --noEmit -p test/types`
// (ctest node.typecheck): the declarations must accept real use and
// reject the mistakes below.
import { Decision, Policy, SendRequest, WebhookBatch, auditLines, auditLinesAsync, evaluate, explain, loadPolicy, readWebhook } from 'sendpolicy';

const request: SendRequest = {
  id: 'r1',
  now: '2026-03-02T12:00:00Z',
  recipient: { phone: '+393471234567' },
  window: { last_inbound_at: '2026-03-02T11:00:00Z' },
  message: { kind: 'free_form' },
};

const policy: Policy = loadPolicy('{"version": 1, "max_consent_age": "730d"}');
const decision: Decision = evaluate(request, policy);
const allowed: boolean = decision.verdict === 'allow';
const codes: string[] = decision.reasons.map((r) => r.code);
const closes: string | null = decision.window.closes_at;
const text: string = auditLines('{}\n', { policy: Policy.whatsapp(), threads: 2 });
const bytes: Uint8Array = auditLines(new Uint8Array(0));
const later: Promise<string> = auditLinesAsync(text);
const info = explain('outside_service_window');
const remedy: string | undefined = info && info.kind === 'reason' ? info.remedy : undefined;
const batch: WebhookBatch = readWebhook({ object: 'whatsapp_business_account', entry: [] });
const firstProblem: string | undefined = batch.problems.length > 0 ? batch.problems[0].path : undefined;

// @ts-expect-error a message needs its kind
const noKind: SendRequest = { now: '2026-03-02T12:00:00Z', recipient: {}, message: {} };
// @ts-expect-error the verdict is one of three words
const bad: Decision['verdict'] = 'maybe';
// @ts-expect-error Policy has no public constructor
const made = new Policy();
// @ts-expect-error a webhook payload is an object or its JSON, not a number
const notPayload = readWebhook(42);

export { allowed, codes, closes, bytes, later, remedy, firstProblem, noKind, bad, made, notPayload };
