/// <reference types="node" />
// TypeScript declarations of the `sendpolicy` package (index.js). The request
// and decision shapes are the wire format v1.1 (docs/cli.md, docs/wire-format.md).

/** A send policy: immutable, shareable by any number of calls. */
export declare class Policy {
  private constructor();
  /** WhatsApp Business Platform defaults (docs/rules.md). */
  static whatsapp(): Policy;
  /** Policy.whatsapp() with a policy file's settings applied; throws Error naming the key. */
  static fromJson(jsonText: string | Uint8Array): Policy;
  /** Every knob as JSON; loadPolicy(p.toJson()) equals p. */
  toJson(): string;
}

export type Channel = 'whatsapp' | 'messenger' | 'instagram' | 'sms';
export type Verdict = 'allow' | 'deny' | 'defer';
export type Timestamp = string;  // RFC 3339, e.g. "2026-03-02T12:00:00Z"

export interface HistoryEvent {
  at: Timestamp;
  direction?: 'inbound' | 'outbound' | null;
  type?: string | null;
  text?: string | null;
  sender?: string | null;
}

/** A wire-format request. Unknown fields are invalid_request, as in the CLI. */
export interface SendRequest {
  id?: string | null;
  now: Timestamp;
  channel?: Channel | null;
  recipient: {
    phone?: string | null;
    user_id?: string | null;
    country?: string | null;
    region?: string | null;
    time_zone?: string | null;
    marketing_opted_out?: boolean | null;
    sent?: { marketing_24h?: number | null; same_purpose_24h?: number | null } | null;
    [field: string]: unknown;
  };
  consent?: { [field: string]: unknown } | null;
  window?: { last_inbound_at?: Timestamp | null; entry_point?: string | null } | null;
  history?: HistoryEvent[] | null;
  message: {
    kind: 'free_form' | 'template';
    category?: string | null;
    purpose?: string | null;
    template?: {
      name?: string | null;
      language?: string | null;
      category: string;
      status: string;
      quality?: string | null;
    } | null;
    tag?: string | null;
    sender?: string | null;
  };
  [field: string]: unknown;
}

export interface Reason {
  code: string;
  rule: string;
  message: string;
  platform_error: number | null;
}

export interface Warning {
  code: string;
  message: string;
}

/** The wire decision, field for field the JSON `sendpolicy audit` writes. */
export interface Decision {
  id: string | null;
  verdict: Verdict;
  reasons: Reason[];
  warnings: Warning[];
  window: { open: boolean; closes_at: Timestamp | null };
  required_form: string;
  retry_at: Timestamp | null;
  billing: string;
}

export interface ReasonInfo {
  kind: 'reason';
  code: string;
  rule: string;
  platformError: number | null;
  summary: string;
  source: string;
  remedy: string;
}

export interface WarningInfo {
  kind: 'warning';
  code: string;
  summary: string;
  source: string;
}

export interface AuditOptions {
  /** Defaults to Policy.whatsapp(). */
  policy?: Policy | null;
  /** Threads that share the text (default 1, at most 64); the output is the same. */
  threads?: number;
  /** Longer lines are answered invalid_request unread (default 1048576). */
  maxLineBytes?: number;
  /**
   * The number of the text's first line in error messages ("line 7: ..."):
   * 1 (the default) for a whole file; the lines already audited + 1 when a
   * file is fed in pieces. 0 means 1.
   */
  firstLine?: number;
}

export declare const version: string;
export declare const defaultMaxLineBytes: number;
export declare function loadPolicy(jsonText: string | Uint8Array): Policy;
/** Decides one request (a plain object, or wire JSON as a string or Buffer). */
export declare function evaluate(request: SendRequest | string | Uint8Array, policy?: Policy | null): Decision;
/** As evaluate(), returning the decision's JSON line (no '\n'), byte for byte the CLI's. */
export declare function evaluateJson(request: SendRequest | string | Uint8Array, policy?: Policy | null): string;
/** JSON Lines in, decision lines out: string in, string out; Buffer in, Buffer out. */
export declare function auditLines(text: string, options?: AuditOptions): string;
export declare function auditLines(text: Uint8Array, options?: AuditOptions): Buffer;
/** auditLines() on the libuv thread pool; misuse rejects the Promise. */
export declare function auditLinesAsync(text: string, options?: AuditOptions): Promise<string>;
export declare function auditLinesAsync(text: Uint8Array, options?: AuditOptions): Promise<Buffer>;
/** The catalogue entry for a reason or warning code, or null. */
export declare function explain(code: string): ReasonInfo | WarningInfo | null;
export declare function reasons(): ReasonInfo[];
export declare function warnings(): WarningInfo[];
/** A consent ledger event (docs/bindings.md, "Consent ledgers"). */
export interface ConsentEvent {
  at: Timestamp;
  kind: 'opt_in_collected' | 'double_opt_in_confirmed' | 'purposes_added' | 'purposes_removed' |
        'withdrawn' | 're_opt_in' | 'expired';
  [field: string]: unknown;
}
/** One webhook payload read: the items `sendpolicy webhook` writes (docs/webhooks.md). */
export interface WebhookBatch {
  items: Array<{ [field: string]: unknown }>;
  skipped: { [what: string]: number };
  problems: Array<{ path: string; [field: string]: unknown }>;
}
/** Reads one Cloud API webhook payload; throws only for malformed JSON. */
export declare function readWebhook(payload: object | string | Uint8Array): WebhookBatch;
/** Folds a ledger at `now`: `consent` is a request's consent object, or null. */
export declare function foldConsent(events: ConsentEvent[] | string | Uint8Array, now: Timestamp | Date):
  { consent: { [field: string]: unknown } | null; [field: string]: unknown };
