/* Tests of the C API (include/sendpolicy/sendpolicy_c.h), compiled as C11:
 * decisions, the buffer protocol, NULL and wrong arguments for every entry
 * point, and a catalogue of hostile input that must be answered (deny,
 * invalid_request) or refused with a status, never crash. scripts/test runs
 * it under AddressSanitizer + UndefinedBehaviorSanitizer.
 *
 * Prints "N passed, N failed" and exits non-zero on any failure. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sendpolicy/sendpolicy_c.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                      \
  do {                                                                   \
    if (cond) {                                                          \
      ++passed;                                                          \
    } else {                                                             \
      ++failed;                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                    \
  } while (0)

#define CHECK_STATUS(expr, want)                                                      \
  do {                                                                                \
    sendpolicy_status got_ = (expr);                                                  \
    if (got_ == (want)) {                                                             \
      ++passed;                                                                       \
    } else {                                                                          \
      ++failed;                                                                       \
      fprintf(stderr, "%s:%d: %s: got %s, want %s\n", __FILE__, __LINE__, #expr,      \
              sendpolicy_status_name(got_), sendpolicy_status_name(want));            \
    }                                                                                 \
  } while (0)

static const char kAllowRequest[] =
    "{\"id\":\"ok\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\"},"
    "\"window\":{\"last_inbound_at\":\"2026-03-02T11:00:00Z\"},\"message\":{\"kind\":\"free_form\"}}";

static const char kClosedRequest[] =
    "{\"id\":\"r1\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\"},"
    "\"window\":{\"last_inbound_at\":\"2026-03-01T11:00:00Z\"},\"message\":{\"kind\":\"free_form\"}}";

static const char kClosedDecision[] =
    "{\"id\":\"r1\",\"verdict\":\"deny\",\"reasons\":[{\"code\":\"outside_service_window\","
    "\"rule\":\"whatsapp.csw.free_form\",\"message\":\"free-form messages need an open customer "
    "service window; it closed at 2026-03-02T11:00:00Z (Meta error 131047)\",\"platform_error\":"
    "131047}],\"warnings\":[],\"window\":{\"open\":false,\"closes_at\":\"2026-03-02T11:00:00Z\"},"
    "\"required_form\":\"template\",\"retry_at\":null,\"billing\":\"none\"}\n";

static char out[1 << 16];
static char err[512];

static sendpolicy_status eval(const sendpolicy_policy* p, const char* json, size_t size,
                              sendpolicy_verdict* verdict) {
  size_t n = 0;
  return sendpolicy_evaluate_json(p, json, size, out, sizeof out, &n, verdict, err, sizeof err);
}

static void test_versions(void) {
  CHECK(sendpolicy_c_api_version() == SENDPOLICY_C_API_VERSION);
  CHECK(strlen(sendpolicy_c_library_version()) >= 5);
  CHECK(strcmp(sendpolicy_status_name(SENDPOLICY_ERROR_BUFFER_TOO_SMALL), "buffer too small") == 0);
  CHECK(strcmp(sendpolicy_status_name((sendpolicy_status)99), "unknown status") == 0);
}

static void test_evaluate(const sendpolicy_policy* p) {
  size_t n = 0;
  sendpolicy_verdict v = SENDPOLICY_VERDICT_ALLOW;
  CHECK_STATUS(sendpolicy_evaluate_json(p, kClosedRequest, strlen(kClosedRequest), out, sizeof out,
                                        &n, &v, err, sizeof err),
               SENDPOLICY_OK);
  CHECK(strcmp(out, kClosedDecision) == 0);
  CHECK(n == strlen(kClosedDecision));
  CHECK(v == SENDPOLICY_VERDICT_DENY);
  CHECK(err[0] == '\0');

  CHECK_STATUS(eval(p, kAllowRequest, strlen(kAllowRequest), &v), SENDPOLICY_OK);
  CHECK(v == SENDPOLICY_VERDICT_ALLOW);
  CHECK(strstr(out, "\"verdict\":\"allow\"") != NULL);
  /* verdict is optional */
  CHECK_STATUS(eval(p, kAllowRequest, strlen(kAllowRequest), NULL), SENDPOLICY_OK);
}

/* Recipients known only by a WhatsApp user ID (BSUID): accepted on WhatsApp,
   an authentication template to one needs a phone number, and SMS takes none. */
static void test_user_id(const sendpolicy_policy* p) {
  static const char kReply[] =
      "{\"id\":\"u1\",\"now\":\"2026-03-02T12:00:00Z\","
      "\"recipient\":{\"user_id\":\"US.13491208655302741918\"},"
      "\"window\":{\"last_inbound_at\":\"2026-03-02T11:00:00Z\"},\"message\":{\"kind\":\"free_form\"}}";
  static const char kOtp[] =
      "{\"id\":\"u2\",\"now\":\"2026-03-02T12:00:00Z\","
      "\"recipient\":{\"user_id\":\"US.13491208655302741918\"},"
      "\"window\":{\"last_inbound_at\":\"2026-03-02T11:00:00Z\"},"
      "\"message\":{\"kind\":\"template\",\"template\":{\"name\":\"code\","
      "\"category\":\"authentication\",\"status\":\"approved\"}}}";
  static const char kSms[] =
      "{\"id\":\"u3\",\"now\":\"2026-03-02T12:00:00Z\",\"channel\":\"sms\","
      "\"recipient\":{\"user_id\":\"US.13491208655302741918\"},\"message\":{\"kind\":\"free_form\"}}";
  sendpolicy_verdict v = SENDPOLICY_VERDICT_DENY;
  CHECK_STATUS(eval(p, kReply, strlen(kReply), &v), SENDPOLICY_OK);
  CHECK(v == SENDPOLICY_VERDICT_ALLOW);
  CHECK_STATUS(eval(p, kOtp, strlen(kOtp), &v), SENDPOLICY_OK);
  CHECK(v == SENDPOLICY_VERDICT_DENY);
  CHECK(strstr(out, "\"code\":\"phone_number_required\"") != NULL);
  CHECK_STATUS(eval(p, kSms, strlen(kSms), &v), SENDPOLICY_OK);
  CHECK(v == SENDPOLICY_VERDICT_DENY);
  CHECK(strstr(out, "recipient.user_id is only valid on WhatsApp") != NULL);
}

/* The buffer protocol, pinned on both sides of "exactly enough". */
static void test_buffer_protocol(const sendpolicy_policy* p) {
  const size_t len = strlen(kClosedDecision);
  size_t n = 12345;
  sendpolicy_verdict v = SENDPOLICY_VERDICT_ALLOW;
  /* size query: no buffer at all */
  CHECK_STATUS(sendpolicy_evaluate_json(p, kClosedRequest, strlen(kClosedRequest), NULL, 0, &n,
                                        &v, err, sizeof err),
               SENDPOLICY_ERROR_BUFFER_TOO_SMALL);
  CHECK(n == len);
  CHECK(v == SENDPOLICY_VERDICT_DENY); /* fail closed even when nothing was written */
  CHECK(strstr(err, "too small") != NULL);

  char* exact = malloc(len + 1);
  memset(exact, 'x', len + 1);
  CHECK_STATUS(sendpolicy_evaluate_json(p, kClosedRequest, strlen(kClosedRequest), exact, len, &n,
                                        NULL, NULL, 0),
               SENDPOLICY_ERROR_BUFFER_TOO_SMALL); /* no room for the NUL */
  CHECK(n == len);
  CHECK_STATUS(sendpolicy_evaluate_json(p, kClosedRequest, strlen(kClosedRequest), exact, len + 1,
                                        &n, NULL, NULL, 0),
               SENDPOLICY_OK);
  CHECK(n == len && exact[len] == '\0' && strcmp(exact, kClosedDecision) == 0);
  free(exact);

  /* error buffers of capacity 1 and 2 get "" and one byte, NUL-terminated */
  char tiny[2] = {'x', 'x'};
  CHECK_STATUS(sendpolicy_evaluate_json(p, kClosedRequest, strlen(kClosedRequest), NULL, 0, &n,
                                        NULL, tiny, 1),
               SENDPOLICY_ERROR_BUFFER_TOO_SMALL);
  CHECK(tiny[0] == '\0' && tiny[1] == 'x');
  CHECK_STATUS(sendpolicy_evaluate_json(p, kClosedRequest, strlen(kClosedRequest), NULL, 0, &n,
                                        NULL, tiny, 2),
               SENDPOLICY_ERROR_BUFFER_TOO_SMALL);
  CHECK(tiny[0] == 'o' && tiny[1] == '\0');
}

static void test_null_arguments(const sendpolicy_policy* p) {
  size_t n = 0;
  uint64_t lines = 7;
  CHECK_STATUS(sendpolicy_policy_whatsapp(NULL), SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK_STATUS(sendpolicy_summary_create(NULL), SENDPOLICY_ERROR_NULL_ARGUMENT);

  sendpolicy_policy* q = (sendpolicy_policy*)&n; /* must be set to NULL on error */
  CHECK_STATUS(sendpolicy_policy_from_json(NULL, 3, &q, err, sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK(q == NULL);
  CHECK(strstr(err, "json") != NULL);
  CHECK_STATUS(sendpolicy_policy_from_json("{}", 2, NULL, err, sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK_STATUS(sendpolicy_policy_from_json("{}", 2, NULL, NULL, 0), SENDPOLICY_ERROR_NULL_ARGUMENT);

  CHECK_STATUS(sendpolicy_evaluate_json(NULL, "{}", 2, out, sizeof out, &n, NULL, err, sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK(strstr(err, "policy") != NULL);
  CHECK_STATUS(sendpolicy_evaluate_json(p, NULL, 2, out, sizeof out, &n, NULL, err, sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK_STATUS(sendpolicy_evaluate_json(p, "{}", 2, NULL, 10, &n, NULL, err, sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK_STATUS(sendpolicy_evaluate_json(p, "{}", 2, out, sizeof out, NULL, NULL, err, sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK_STATUS(sendpolicy_evaluate_json(NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, 0),
               SENDPOLICY_ERROR_NULL_ARGUMENT);

  CHECK_STATUS(sendpolicy_audit_jsonl(NULL, "{}", 2, 1, 0, out, sizeof out, &n, &lines, NULL, err,
                                      sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK(lines == 0);
  CHECK_STATUS(sendpolicy_audit_jsonl(p, NULL, 5, 1, 0, out, sizeof out, &n, &lines, NULL, err,
                                      sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK_STATUS(sendpolicy_audit_jsonl(p, "{}", 2, 1, 0, out, sizeof out, NULL, &lines, NULL, err,
                                      sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  /* (NULL, 0) is an empty batch, not an error */
  CHECK_STATUS(sendpolicy_audit_jsonl(p, NULL, 0, 1, 0, out, sizeof out, &n, &lines, NULL, err,
                                      sizeof err),
               SENDPOLICY_OK);
  CHECK(n == 0 && lines == 0 && out[0] == '\0');

  CHECK_STATUS(sendpolicy_policy_to_json(NULL, out, sizeof out, &n, err, sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK_STATUS(sendpolicy_policy_to_json(p, out, sizeof out, NULL, err, sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK_STATUS(sendpolicy_summary_format(NULL, "x", out, sizeof out, &n, err, sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK_STATUS(sendpolicy_summary_merge(NULL, NULL), SENDPOLICY_ERROR_NULL_ARGUMENT);
  CHECK(sendpolicy_summary_requests(NULL) == 0);
  sendpolicy_policy_free(NULL);
  sendpolicy_summary_free(NULL);
}

/* A handle of the other kind is refused, not misread. */
static void test_wrong_handles(const sendpolicy_policy* p) {
  size_t n = 0;
  sendpolicy_summary* s = NULL;
  CHECK_STATUS(sendpolicy_summary_create(&s), SENDPOLICY_OK);
  const sendpolicy_policy* not_policy = (const sendpolicy_policy*)(const void*)s;
  sendpolicy_summary* not_summary = (sendpolicy_summary*)(void*)(uintptr_t)(const void*)p;
  CHECK_STATUS(sendpolicy_evaluate_json(not_policy, "{}", 2, out, sizeof out, &n, NULL, err,
                                        sizeof err),
               SENDPOLICY_ERROR_WRONG_HANDLE);
  CHECK_STATUS(sendpolicy_audit_jsonl(p, "{}", 2, 1, 0, out, sizeof out, &n, NULL, not_summary,
                                      err, sizeof err),
               SENDPOLICY_ERROR_WRONG_HANDLE);
  CHECK_STATUS(sendpolicy_summary_merge(s, not_summary), SENDPOLICY_ERROR_WRONG_HANDLE);
  CHECK_STATUS(sendpolicy_summary_format(not_summary, NULL, out, sizeof out, &n, err, sizeof err),
               SENDPOLICY_ERROR_WRONG_HANDLE);
  CHECK(sendpolicy_summary_requests(not_summary) == 0);
  sendpolicy_summary_free(not_summary); /* refused: p must still work below */
  sendpolicy_policy_free((sendpolicy_policy*)(void*)s); /* refused too */
  CHECK_STATUS(eval(p, kAllowRequest, strlen(kAllowRequest), NULL), SENDPOLICY_OK);
  CHECK(sendpolicy_summary_requests(s) == 0);
  sendpolicy_summary_free(s);
}

static void test_policies(void) {
  static const char* const kBad[][2] = {
      {"", "empty"},
      {"{", ""},
      {"[]", ""},
      {"{\"version\": 1, \"max_consent_age\": 730}", "max_consent_age"},
      {"{\"version\": 1, \"no_such_knob\": true}", "no_such_knob"},
      {"{\"version\": 1, \"max_consent_age\": \"-5d\"}", "max_consent_age"},
      {"{\"version\": 1, \"version\": 1}", "version"},
      {"{\"version\": 1} trailing", ""},
      {"\xff\xfe{}", ""},
  };
  for (size_t i = 0; i < sizeof kBad / sizeof kBad[0]; ++i) {
    sendpolicy_policy* p = NULL;
    err[0] = 'x';
    CHECK_STATUS(sendpolicy_policy_from_json(kBad[i][0], strlen(kBad[i][0]), &p, err, sizeof err),
                 SENDPOLICY_ERROR_INVALID_POLICY);
    CHECK(p == NULL);
    CHECK(err[0] != '\0' && strstr(err, kBad[i][1]) != NULL);
    if (strstr(err, kBad[i][1]) == NULL) fprintf(stderr, "  policy %zu: %s\n", i, err);
  }
  /* A NUL inside the text is a byte like any other: an error, not a cut. */
  sendpolicy_policy* p = NULL;
  static const char kNul[] = "{\"version\": 1}\0garbage";
  CHECK_STATUS(sendpolicy_policy_from_json(kNul, sizeof kNul - 1, &p, err, sizeof err),
               SENDPOLICY_ERROR_INVALID_POLICY);
  CHECK(p == NULL);

  /* Deep nesting and a huge string */
  const size_t depth = 100000;
  char* deep = malloc(depth * 2 + 1);
  memset(deep, '[', depth);
  memset(deep + depth, ']', depth);
  deep[2 * depth] = '\0';
  CHECK_STATUS(sendpolicy_policy_from_json(deep, 2 * depth, &p, err, sizeof err),
               SENDPOLICY_ERROR_INVALID_POLICY);
  free(deep);

  static const char kGood[] = "{\"version\": 1, \"max_consent_age\": \"730d\"}";
  CHECK_STATUS(sendpolicy_policy_from_json(kGood, strlen(kGood), &p, err, sizeof err),
               SENDPOLICY_OK);
  CHECK(p != NULL && err[0] == '\0');
  size_t n = 0;
  CHECK_STATUS(sendpolicy_policy_to_json(p, out, sizeof out, &n, err, sizeof err), SENDPOLICY_OK);
  CHECK(strstr(out, "\"max_consent_age\": \"730d\"") != NULL || strstr(out, "730d") != NULL);
  /* what to_json writes, from_json reads back */
  sendpolicy_policy* again = NULL;
  CHECK_STATUS(sendpolicy_policy_from_json(out, n, &again, err, sizeof err), SENDPOLICY_OK);
  sendpolicy_policy_free(again);
  sendpolicy_policy_free(p);
}

/* Requests no sender should send: each must come back as a deny with
 * invalid_request and a message naming the problem. */
static void test_hostile_requests(const sendpolicy_policy* p) {
  static const char* const kHostile[][2] = {
      {"", "empty"},
      {"   ", ""},
      {"{", ""},
      {"null", "expected a JSON object"},
      {"[\"not\",\"an\",\"object\"]", "expected a JSON object"},
      {"{\"id\":\"t1\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+39", ""},
      {"{\"id\":\"t3\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":393471234567},"
       "\"message\":{\"kind\":\"free_form\"}}",
       "recipient.phone: expected a string"},
      {"{\"id\":\"t5\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\"},"
       "\"message\":{\"kind\":\"letter\"}}",
       "message.kind: unknown value"},
      {"{\"id\":\"t6\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\"},"
       "\"message\":{\"kind\":\"free_form\"},\"priority\":1}",
       "priority: unknown field"},
      {"{\"id\":\"t7\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\"},"
       "\"history\":[{\"at\":\"2026-03-02T11:00:00Z\",\"text\":\"\xff\xfe\"}],"
       "\"message\":{\"kind\":\"free_form\"}}",
       "UTF-8"},
      {"{\"id\":\"t8\",\"now\":\"2026-03-02T12:00:00Z\",\"now\":\"2026-03-02T12:00:00Z\","
       "\"recipient\":{\"phone\":\"+393471234567\"},\"message\":{\"kind\":\"free_form\"}}",
       "now: duplicate field"},
      {"{\"id\":\"t9\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\"},"
       "\"message\":{\"kind\":\"free_form\"}} {\"id\":\"x\"}",
       "unexpected content"},
      {"{\"id\":\"t10\",\"now\":null,\"recipient\":{\"phone\":\"+393471234567\"},"
       "\"message\":{\"kind\":\"free_form\"}}",
       "now: is required"},
      {"{\"id\":\"t12\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\","
       "\"time_zone\":\"Mars/Olympus\"},\"message\":{\"kind\":\"free_form\"}}",
       "unknown IANA time zone"},
      {"{\"id\":\"t13\",\"now\":\"2026-13-45T99:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\"},"
       "\"message\":{\"kind\":\"free_form\"}}",
       "now"},
      {"{\"id\":\"t14\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\","
       "\"sent\":{\"marketing_24h\":1e999}},\"message\":{\"kind\":\"free_form\"}}",
       "marketing_24h"},
      {"{\"id\":\"t15\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\","
       "\"sent\":{\"marketing_24h\":-99999999999999999999}},\"message\":{\"kind\":\"free_form\"}}",
       "marketing_24h"},
      {"\xef\xbb\xbf{\"id\":\"bom\"}", ""},
      {"\x00\x01garbage", ""},
  };
  for (size_t i = 0; i < sizeof kHostile / sizeof kHostile[0]; ++i) {
    sendpolicy_verdict v = SENDPOLICY_VERDICT_ALLOW;
    /* \x00 in the table: give the length by hand for that one */
    const size_t len = kHostile[i][0][0] == '\0' && i > 0 ? 9 : strlen(kHostile[i][0]);
    CHECK_STATUS(eval(p, kHostile[i][0], len, &v), SENDPOLICY_OK);
    CHECK(v == SENDPOLICY_VERDICT_DENY);
    CHECK(strstr(out, "\"code\":\"invalid_request\"") != NULL);
    if (strstr(out, kHostile[i][1]) == NULL) {
      ++failed;
      fprintf(stderr, "hostile request %zu: %s lacks %s\n", i, out, kHostile[i][1]);
    }
  }

  /* Big: a 100,000-deep array, a 1 MiB string, 15,000 history entries. */
  const size_t depth = 100000;
  char* deep = malloc(depth * 2 + 64);
  size_t n = (size_t)sprintf(deep, "{\"id\":\"deep\",\"x\":");
  memset(deep + n, '[', depth);
  memset(deep + n + depth, ']', depth);
  n += 2 * depth;
  deep[n++] = '}';
  sendpolicy_verdict v = SENDPOLICY_VERDICT_ALLOW;
  CHECK_STATUS(eval(p, deep, n, &v), SENDPOLICY_OK);
  CHECK(v == SENDPOLICY_VERDICT_DENY);
  free(deep);

  /* An id just under the 1 MiB request limit (a larger request is answered
   * unread: test_limits). */
  const size_t big = ((size_t)1 << 20) - 256;
  char* huge = malloc(big + 256);
  n = (size_t)sprintf(huge, "{\"id\":\"");
  memset(huge + n, 'i', big);
  n += big;
  n += (size_t)sprintf(huge + n, "\",\"now\":\"2026-03-02T12:00:00Z\"}");
  size_t need = 0;
  CHECK_STATUS(sendpolicy_evaluate_json(p, huge, n, out, sizeof out, &need, &v, err, sizeof err),
               SENDPOLICY_ERROR_BUFFER_TOO_SMALL); /* the id is echoed: 1 MiB of decision */
  CHECK(need > big);
  char* big_out = malloc(need + 1);
  CHECK_STATUS(sendpolicy_evaluate_json(p, huge, n, big_out, need + 1, &need, &v, err, sizeof err),
               SENDPOLICY_OK);
  CHECK(v == SENDPOLICY_VERDICT_DENY && strstr(big_out, "invalid_request") != NULL);
  free(big_out);
  free(huge);

  const size_t entries = 15000; /* about 0.8 MiB: under the request limit */
  char* many = malloc(entries * 80 + 512);
  n = (size_t)sprintf(many,
                      "{\"id\":\"many\",\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":"
                      "\"+393471234567\"},\"history\":[");
  for (size_t i = 0; i < entries; ++i) {
    n += (size_t)sprintf(many + n, "%s{\"at\":\"2026-03-01T11:00:00Z\",\"direction\":\"inbound\"}",
                         i == 0 ? "" : ",");
  }
  n += (size_t)sprintf(many + n, "],\"message\":{\"kind\":\"free_form\"}}");
  CHECK_STATUS(eval(p, many, n, &v), SENDPOLICY_OK);
  CHECK(strstr(out, "\"id\":\"many\"") != NULL);
  free(many);

  /* Every single byte value as a whole request. */
  for (int b = 0; b < 256; ++b) {
    const char c = (char)b;
    CHECK_STATUS(eval(p, &c, 1, &v), SENDPOLICY_OK);
    CHECK(v == SENDPOLICY_VERDICT_DENY);
  }
  /* Every prefix of a valid request: truncated input never allows. */
  for (size_t len = 0; len < strlen(kAllowRequest); ++len) {
    v = SENDPOLICY_VERDICT_ALLOW;
    CHECK_STATUS(eval(p, kAllowRequest, len, &v), SENDPOLICY_OK);
    CHECK(v == SENDPOLICY_VERDICT_DENY);
  }
}

static void test_audit_batch(const sendpolicy_policy* p) {
  /* CRLF, blank, garbage, too long (limit 200), last line without '\n' */
  char lines[4096];
  int n = snprintf(lines, sizeof lines, "%s\r\n\n{garbage\n%s\n%s", kClosedRequest, kAllowRequest,
                   kAllowRequest);
  CHECK(n > 0 && (size_t)n < sizeof lines);
  sendpolicy_summary* s = NULL;
  CHECK_STATUS(sendpolicy_summary_create(&s), SENDPOLICY_OK);
  size_t size = 0;
  uint64_t audited = 0;
  CHECK_STATUS(sendpolicy_audit_jsonl(p, lines, (size_t)n, 41, 0, out, sizeof out, &size, &audited,
                                      s, err, sizeof err),
               SENDPOLICY_OK);
  CHECK(audited == 5);
  CHECK(strncmp(out, kClosedDecision, strlen(kClosedDecision)) == 0);
  CHECK(strstr(out, "line 42: is empty") != NULL);
  CHECK(strstr(out, "line 43: ") != NULL);
  CHECK(sendpolicy_summary_requests(s) == 5);
  size_t lines_out = 0;
  for (size_t i = 0; i < size; ++i) lines_out += out[i] == '\n';
  CHECK(lines_out == 5);

  /* max_line_bytes: the two 190-odd byte lines are too long at 100 */
  CHECK_STATUS(sendpolicy_audit_jsonl(p, lines, (size_t)n, 1, 100, out, sizeof out, &size,
                                      &audited, NULL, err, sizeof err),
               SENDPOLICY_OK);
  CHECK(strstr(out, "line 1: is longer than 100 bytes") != NULL);
  CHECK(strstr(out, "line 5: is longer than 100 bytes") != NULL);

  /* too small: nothing counted, size reported */
  CHECK_STATUS(sendpolicy_audit_jsonl(p, lines, (size_t)n, 1, 0, out, 10, &size, &audited, s, err,
                                      sizeof err),
               SENDPOLICY_ERROR_BUFFER_TOO_SMALL);
  CHECK(size > 10 && audited == 0);
  CHECK(sendpolicy_summary_requests(s) == 5);

  /* Only newlines: one empty line each, nothing after the last '\n' */
  CHECK_STATUS(sendpolicy_audit_jsonl(p, "\n\n\n", 3, 1, 0, out, sizeof out, &size, &audited, s,
                                      err, sizeof err),
               SENDPOLICY_OK);
  CHECK(audited == 3);
  CHECK(sendpolicy_summary_requests(s) == 8);

  sendpolicy_summary* other = NULL;
  CHECK_STATUS(sendpolicy_summary_create(&other), SENDPOLICY_OK);
  CHECK_STATUS(sendpolicy_summary_merge(other, s), SENDPOLICY_OK);
  CHECK(sendpolicy_summary_requests(other) == 8);
  CHECK_STATUS(sendpolicy_summary_format(other, "batch.jsonl", out, sizeof out, &size, err,
                                         sizeof err),
               SENDPOLICY_OK);
  CHECK(strncmp(out, "sendpolicy audit of batch.jsonl: 8 requests\n", 44) == 0);
  CHECK_STATUS(sendpolicy_summary_format(other, NULL, out, sizeof out, &size, err, sizeof err),
               SENDPOLICY_OK);
  CHECK(strncmp(out, "sendpolicy audit of standard input", 34) == 0);
  sendpolicy_summary_free(other);
  sendpolicy_summary_free(s);
}

/* One policy, four threads: the same answers as one thread. */
struct thread_arg {
  const sendpolicy_policy* policy;
  int ok;
};

static void* evaluate_many(void* raw) {
  struct thread_arg* arg = raw;
  char buf[4096];
  arg->ok = 1;
  for (int i = 0; i < 2000; ++i) {
    size_t n = 0;
    if (sendpolicy_evaluate_json(arg->policy, kClosedRequest, strlen(kClosedRequest), buf,
                                 sizeof buf, &n, NULL, NULL, 0) != SENDPOLICY_OK ||
        strcmp(buf, kClosedDecision) != 0) {
      arg->ok = 0;
    }
  }
  return NULL;
}

static void test_threads(const sendpolicy_policy* p) {
  pthread_t threads[4];
  struct thread_arg args[4];
  for (int i = 0; i < 4; ++i) {
    args[i].policy = p;
    args[i].ok = 0;
    CHECK(pthread_create(&threads[i], NULL, evaluate_many, &args[i]) == 0);
  }
  for (int i = 0; i < 4; ++i) {
    pthread_join(threads[i], NULL);
    CHECK(args[i].ok);
  }
}

/* Issue 17 item 23: a pointer that is no handle at all is refused without
 * reading what it points to. A 1-byte object (ASan used to report a
 * stack-buffer-overflow: the old check read 8 bytes), and a forged buffer
 * that starts with the bytes the old tag check trusted ("sp-polic" as a
 * little-endian uint64) and would have been used as a policy. */
static void test_foreign_pointers(void) {
  size_t n = 0;
  char one = 0;
  const sendpolicy_policy* tiny = (const sendpolicy_policy*)(const void*)&one;
  CHECK_STATUS(sendpolicy_evaluate_json(tiny, "{}", 2, out, sizeof out, &n, NULL, err, sizeof err),
               SENDPOLICY_ERROR_WRONG_HANDLE);
  static uint64_t forged[512];
  forged[0] = 0x73702d706f6c6963ULL; /* the old kPolicyTag */
  const sendpolicy_policy* fake = (const sendpolicy_policy*)(const void*)forged;
  CHECK_STATUS(sendpolicy_policy_to_json(fake, out, sizeof out, &n, err, sizeof err),
               SENDPOLICY_ERROR_WRONG_HANDLE);
  forged[0] = 0x73702d73756d6d61ULL; /* the old kSummaryTag */
  sendpolicy_summary* fake_summary = (sendpolicy_summary*)(void*)forged;
  CHECK(sendpolicy_summary_requests(fake_summary) == 0);
  CHECK_STATUS(sendpolicy_summary_format(fake_summary, NULL, out, sizeof out, &n, err, sizeof err),
               SENDPOLICY_ERROR_WRONG_HANDLE);
  sendpolicy_summary_free(fake_summary); /* refused: not ours */
  /* A freed handle is no longer live. */
  sendpolicy_summary* s = NULL;
  CHECK_STATUS(sendpolicy_summary_create(&s), SENDPOLICY_OK);
  sendpolicy_summary_free(s);
  sendpolicy_summary* again = NULL;
  CHECK_STATUS(sendpolicy_summary_create(&again), SENDPOLICY_OK);
  if (again != s) {
    CHECK(sendpolicy_summary_requests(s) == 0);
    CHECK_STATUS(sendpolicy_summary_format(s, NULL, out, sizeof out, &n, err, sizeof err),
                 SENDPOLICY_ERROR_WRONG_HANDLE);
  }
  sendpolicy_summary_free(again);
}

/* Issue 17 items 20 and 22: the CLI's line limit and numbering rule. */
static void test_limits(const sendpolicy_policy* p) {
  size_t n = 0;
  uint64_t lines = 0;
  sendpolicy_verdict verdict = SENDPOLICY_VERDICT_ALLOW;
  /* A request over 1 MiB is answered invalid_request without being read. */
  const size_t big = ((size_t)1 << 20) + 1;
  char* request = (char*)malloc(big);
  CHECK(request != NULL);
  if (request != NULL) {
    memset(request, ' ', big);
    memcpy(request, kAllowRequest, strlen(kAllowRequest));
    CHECK_STATUS(eval(p, request, big, &verdict), SENDPOLICY_OK);
    CHECK(verdict == SENDPOLICY_VERDICT_DENY);
    CHECK(strstr(out, "\"invalid_request\"") != NULL);
    CHECK(strstr(out, "is longer than 1048576 bytes") != NULL);
    /* Exactly at the limit it is read (and allowed). */
    CHECK_STATUS(eval(p, request, big - 1, &verdict), SENDPOLICY_OK);
    CHECK(verdict == SENDPOLICY_VERDICT_ALLOW);
    free(request);
  }
  /* max_line_bytes: 0 is the default, 64..1 GiB accepted, else refused. */
  CHECK_STATUS(sendpolicy_audit_jsonl(p, "{}", 2, 1, 63, out, sizeof out, &n, &lines, NULL, err,
                                      sizeof err),
               SENDPOLICY_ERROR_INVALID_ARGUMENT);
  CHECK(strstr(err, "max_line_bytes") != NULL);
  CHECK_STATUS(sendpolicy_audit_jsonl(p, "{}", 2, 1, ((size_t)1 << 30) + 1, out, sizeof out, &n,
                                      &lines, NULL, err, sizeof err),
               SENDPOLICY_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(sendpolicy_audit_jsonl(p, "{}", 2, 0, 64, out, sizeof out, &n, &lines, NULL, err,
                                      sizeof err),
               SENDPOLICY_OK);
  CHECK(strstr(out, "line 1: ") != NULL); /* first_line 0 means 1 */
}

/* Issue 15: the catalogue and the consent ledger fold through the C API. */
static void test_catalogue_and_ledger(void) {
  size_t n = 0;
  CHECK_STATUS(sendpolicy_explain_json("outside_service_window", out, sizeof out, &n, err,
                                       sizeof err),
               SENDPOLICY_OK);
  CHECK(strstr(out, "\"kind\":\"reason\"") != NULL);
  CHECK(strstr(out, "\"platform_error\":131047") != NULL);
  CHECK_STATUS(sendpolicy_explain_json(NULL, out, sizeof out, &n, err, sizeof err), SENDPOLICY_OK);
  CHECK(out[0] == '[' && strstr(out, "\"country_derived_from_phone\"") != NULL);
  CHECK_STATUS(sendpolicy_explain_json("no_such_code", out, sizeof out, &n, err, sizeof err),
               SENDPOLICY_ERROR_INVALID_ARGUMENT);
  static const char ledger[] =
      "[{\"at\":\"2026-01-10T09:00:00Z\",\"kind\":\"opt_in_collected\",\"phone\":\"+393471234567\","
      "\"business\":\"acme\",\"purposes\":[\"order_updates\",\"marketing\"],\"method\":\"checkbox\"},"
      "{\"at\":\"2026-02-01T09:00:00Z\",\"kind\":\"withdrawn\",\"phone\":\"+393471234567\","
      "\"business\":\"acme\",\"purposes\":[\"marketing\"],\"via\":\"keyword\"}]";
  CHECK_STATUS(sendpolicy_fold_consent_json(ledger, strlen(ledger), "2026-03-02T12:00:00Z", out,
                                            sizeof out, &n, err, sizeof err),
               SENDPOLICY_OK);
  CHECK(strstr(out, "\"purposes\":[\"order_updates\"]") != NULL);
  CHECK(strstr(out, "\"withdrawn_purposes\":[\"marketing\"]") != NULL);
  CHECK_STATUS(sendpolicy_fold_consent_json(ledger, strlen(ledger), "2026-01-20T00:00:00Z", out,
                                            sizeof out, &n, err, sizeof err),
               SENDPOLICY_ERROR_INVALID_ARGUMENT);
  CHECK(strstr(err, "events[1]") != NULL);
  CHECK_STATUS(sendpolicy_fold_consent_json(NULL, 0, "2026-01-20T00:00:00Z", out, sizeof out, &n,
                                            err, sizeof err),
               SENDPOLICY_ERROR_NULL_ARGUMENT);
}

int main(void) {
  sendpolicy_policy* p = NULL;
  if (sendpolicy_policy_whatsapp(&p) != SENDPOLICY_OK || p == NULL) {
    fprintf(stderr, "cannot create the WhatsApp policy\n");
    return 1;
  }
  test_versions();
  test_evaluate(p);
  test_user_id(p);
  test_buffer_protocol(p);
  test_null_arguments(p);
  test_wrong_handles(p);
  test_foreign_pointers();
  test_limits(p);
  test_catalogue_and_ledger();
  test_policies();
  test_hostile_requests(p);
  test_audit_batch(p);
  test_threads(p);
  sendpolicy_policy_free(p);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
