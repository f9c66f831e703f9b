/* sendpolicy/sendpolicy_c.h
 *
 * The C API of sendpolicy (libsendpolicy_c): the same rules and the same
 * decisions as the C++ library and `sendpolicy audit`, for services written
 * in C, Go (cgo), Rust, Java (JNI/FFM), Node (N-API) or anything with a C
 * FFI. Requests and decisions cross the boundary as wire-format JSON
 * (docs/cli.md); the decision bytes are exactly those `sendpolicy audit`
 * writes for the same line.
 *
 *   char err[256], out[4096];
 *   size_t n = 0;
 *   sendpolicy_policy* policy = NULL;
 *   if (sendpolicy_policy_whatsapp(&policy) != SENDPOLICY_OK) abort();
 *   sendpolicy_verdict verdict;
 *   if (sendpolicy_evaluate_json(policy, request, strlen(request), out, sizeof out, &n,
 *                                &verdict, err, sizeof err) == SENDPOLICY_OK) {
 *     fputs(out, stdout);               // {"id":"r1","verdict":"deny",...}\n
 *   }
 *   sendpolicy_policy_free(policy);
 *
 * Rules of the boundary (docs/bindings.md):
 *  - No C++ exception crosses it; every function returns a sendpolicy_status.
 *    NULL or malformed arguments give an error status, never a crash.
 *  - Opaque handles (sendpolicy_policy, sendpolicy_summary) are created and
 *    freed only by this library; *_free(NULL) does nothing. They are
 *    distinct incomplete types, so a C compiler flags one passed for the
 *    other. Through an FFI with untyped pointers, a pointer that is not a
 *    live handle of the expected kind (the other kind, a freed handle, any
 *    other address) is refused with SENDPOLICY_ERROR_WRONG_HANDLE by
 *    looking its address up among the live handles: the library never reads
 *    memory behind a pointer it did not hand out.
 *  - Every other pointer is caller-owned: the library reads inputs only
 *    during the call, keeps no pointer to them, and writes outputs only into
 *    the caller's buffers. Input text is (pointer, length): no NUL needed,
 *    NUL bytes are just bytes.
 *  - Output buffers: on SENDPOLICY_OK the text is written NUL-terminated and
 *    *out_size is its length without the NUL. When the buffer is too small
 *    (capacity < length + 1) nothing useful is written, the status is
 *    SENDPOLICY_ERROR_BUFFER_TOO_SMALL and *out_size is the length needed
 *    (allocate *out_size + 1 and call again; evaluation is deterministic).
 *  - Error messages: optional (error may be NULL); when given, a message
 *    truncated to error_capacity - 1 bytes is written NUL-terminated
 *    whenever the status is not SENDPOLICY_OK, and "" on success.
 *  - Threads: a policy is immutable and may be used from any number of
 *    threads at once. A summary may be used by one thread at a time.
 *  - Versioning: symbols are stable within SENDPOLICY_C_API_VERSION; a
 *    program built against this header checks at run time that
 *    sendpolicy_c_api_version() equals the SENDPOLICY_C_API_VERSION it saw.
 */
#ifndef SENDPOLICY_SENDPOLICY_C_H_
#define SENDPOLICY_SENDPOLICY_C_H_

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define SENDPOLICY_C_EXPORT __attribute__((visibility("default")))
#else
#define SENDPOLICY_C_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on any incompatible change to a declaration in this file. */
#define SENDPOLICY_C_API_VERSION 1

typedef enum sendpolicy_status {
  SENDPOLICY_OK = 0,
  SENDPOLICY_ERROR_NULL_ARGUMENT = 1,    /* a required pointer was NULL */
  SENDPOLICY_ERROR_INVALID_POLICY = 2,   /* policy JSON rejected; message names the key */
  SENDPOLICY_ERROR_BUFFER_TOO_SMALL = 3, /* *out_size says how much is needed */
  SENDPOLICY_ERROR_WRONG_HANDLE = 4,     /* not a handle of the expected kind */
  SENDPOLICY_ERROR_OUT_OF_MEMORY = 5,
  SENDPOLICY_ERROR_INTERNAL = 6,         /* a bug: please report the message */
  SENDPOLICY_ERROR_INVALID_ARGUMENT = 7, /* a number out of range; message says which */
  /* Not a status: makes the enum int-sized with every int value valid, so
     a garbage value passed in from C is a value, not undefined behaviour. */
  SENDPOLICY_STATUS_MAX_ENUM_ = 0x7fffffff
} sendpolicy_status;

/* The verdict of a decision, for callers that do not want to parse JSON. */
typedef enum sendpolicy_verdict {
  SENDPOLICY_VERDICT_ALLOW = 0,
  SENDPOLICY_VERDICT_DENY = 1,
  SENDPOLICY_VERDICT_DEFER = 2,
  SENDPOLICY_VERDICT_MAX_ENUM_ = 0x7fffffff  /* not a verdict: see above */
} sendpolicy_verdict;

typedef struct sendpolicy_policy sendpolicy_policy;
typedef struct sendpolicy_summary sendpolicy_summary;

/* The API version the library was built with (SENDPOLICY_C_API_VERSION). */
SENDPOLICY_C_EXPORT uint32_t sendpolicy_c_api_version(void);

/* The library version ("0.2.0"); static storage, never freed. */
SENDPOLICY_C_EXPORT const char* sendpolicy_c_library_version(void);

/* A short English name of `status` ("buffer too small"); static storage. */
SENDPOLICY_C_EXPORT const char* sendpolicy_status_name(sendpolicy_status status);

/* Policies. *out receives a new handle the caller frees with
 * sendpolicy_policy_free(); it is set to NULL on error. */
SENDPOLICY_C_EXPORT sendpolicy_status sendpolicy_policy_whatsapp(sendpolicy_policy** out);

/* Policy::whatsapp() with the settings of a policy file (docs/cli.md,
 * "Policy files") applied; `json` is json_size bytes. */
SENDPOLICY_C_EXPORT sendpolicy_status sendpolicy_policy_from_json(const char* json,
                                                                  size_t json_size,
                                                                  sendpolicy_policy** out,
                                                                  char* error,
                                                                  size_t error_capacity);

/* The effective policy as JSON (every knob), into the caller's buffer. */
SENDPOLICY_C_EXPORT sendpolicy_status sendpolicy_policy_to_json(const sendpolicy_policy* policy,
                                                                char* out, size_t out_capacity,
                                                                size_t* out_size, char* error,
                                                                size_t error_capacity);

SENDPOLICY_C_EXPORT void sendpolicy_policy_free(sendpolicy_policy* policy);

/* Evaluates one wire-format request (request_size bytes of JSON) and writes
 * the decision as one JSON object followed by '\n', exactly the line
 * `sendpolicy audit` writes. A request that is not valid wire format is an
 * answer, not an error: SENDPOLICY_OK with a deny/invalid_request decision
 * whose message names the field. A request longer than the CLI's default
 * line limit (1 MiB) is answered the same way without being read.
 * `verdict` may be NULL. */
SENDPOLICY_C_EXPORT sendpolicy_status sendpolicy_evaluate_json(
    const sendpolicy_policy* policy, const char* request, size_t request_size, char* out,
    size_t out_capacity, size_t* out_size, sendpolicy_verdict* verdict, char* error,
    size_t error_capacity);

/* Audits a batch of JSON Lines (lines_size bytes, split as `sendpolicy
 * audit` reads a file) and writes one decision line per input line, in
 * input order. `first_line` numbers the first line in error messages (1 for
 * a whole file; the running count + 1 when a caller feeds a file in
 * batches). `summary` may be NULL; otherwise each decision is counted in it
 * (only when the call succeeds). *lines_audited (may be NULL) receives the
 * number of lines. max_line_bytes 0 means the CLI's default (1 MiB); other
 * values must lie in 64..1 GiB (else SENDPOLICY_ERROR_INVALID_ARGUMENT), the
 * rule of `sendpolicy audit --max-line-bytes` and Python's audit(). A
 * first_line of 0 means 1, as in Python. */
SENDPOLICY_C_EXPORT sendpolicy_status sendpolicy_audit_jsonl(
    const sendpolicy_policy* policy, const char* lines, size_t lines_size, uint64_t first_line,
    size_t max_line_bytes, char* out, size_t out_capacity, size_t* out_size,
    uint64_t* lines_audited, sendpolicy_summary* summary, char* error, size_t error_capacity);

/* Audit summaries: counts per verdict, reason, warning, category, billing. */
SENDPOLICY_C_EXPORT sendpolicy_status sendpolicy_summary_create(sendpolicy_summary** out);
SENDPOLICY_C_EXPORT void sendpolicy_summary_free(sendpolicy_summary* summary);

/* Adds the counts of `other` to `into`. */
SENDPOLICY_C_EXPORT sendpolicy_status sendpolicy_summary_merge(sendpolicy_summary* into,
                                                               const sendpolicy_summary* other);

/* The number of requests counted so far (0 on a NULL or wrong handle). */
SENDPOLICY_C_EXPORT uint64_t sendpolicy_summary_requests(const sendpolicy_summary* summary);

/* The table `sendpolicy audit --summary` prints; `source` (NUL-terminated,
 * may be NULL for "standard input") names the input in its first line. */
SENDPOLICY_C_EXPORT sendpolicy_status sendpolicy_summary_format(
    const sendpolicy_summary* summary, const char* source, char* out, size_t out_capacity,
    size_t* out_size, char* error, size_t error_capacity);

/* The catalogue (`sendpolicy explain`): the entry of one reason or warning
 * code (NUL-terminated) as a JSON object {"code","kind":"reason"|"warning",
 * "summary","source", and for reasons "rule","platform_error","remedy"}; a
 * code that is both gives the reason. An unknown code is
 * SENDPOLICY_ERROR_INVALID_ARGUMENT. A NULL or empty code gives every code,
 * as a JSON array of such objects in catalogue order (reasons, then
 * warnings). */
SENDPOLICY_C_EXPORT sendpolicy_status sendpolicy_explain_json(const char* code, char* out,
                                                              size_t out_capacity,
                                                              size_t* out_size, char* error,
                                                              size_t error_capacity);

/* Folds a consent ledger (a JSON array of events, ledger_size bytes; the
 * format of docs/bindings.md, "Consent ledgers") at `now` (NUL-terminated
 * RFC 3339) and writes the folded state as one JSON object whose "consent"
 * is a wire-format request's consent object (null if never granted or
 * expired). A bad ledger is SENDPOLICY_ERROR_INVALID_ARGUMENT with a message
 * naming the event ("events[1].at: is after now"). */
SENDPOLICY_C_EXPORT sendpolicy_status sendpolicy_fold_consent_json(
    const char* ledger, size_t ledger_size, const char* now, char* out, size_t out_capacity,
    size_t* out_size, char* error, size_t error_capacity);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* SENDPOLICY_SENDPOLICY_C_H_ */
