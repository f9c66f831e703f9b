/* c_audit: `sendpolicy audit` written against the C API alone, to show the
 * batch protocol (docs/bindings.md) and to take part in the equivalence
 * test: for the same input it must print the same bytes as the CLI.
 *
 *   c_audit [--policy FILE] [--summary-file FILE] [--source NAME] < campaign.jsonl > decisions.jsonl
 *
 * Reads standard input in chunks, hands the library whole lines only (a
 * chunk ends at its last '\n'), numbers lines across chunks with
 * first_line, and grows the output buffer when the library says it is too
 * small. Exit status: 0 done, 2 usage, I/O or API error. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sendpolicy/sendpolicy_c.h>

/* 256 KiB, not more: the lines read stay in the core's L2 cache until the
 * library parses them (larger chunks cost the CLI ~16% more CPU per line). */
enum { kChunkBytes = 256 << 10 };

static char* read_file(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (f == NULL) return NULL;
  size_t cap = 4096, n = 0;
  char* data = malloc(cap);
  size_t got = 0;
  while (data != NULL && (got = fread(data + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char* bigger = realloc(data, cap * 2);
      if (bigger == NULL) {
        free(data);
        data = NULL;
        break;
      }
      data = bigger;
      cap *= 2;
    }
  }
  fclose(f);
  *size = n;
  return data;
}

/* Audits lines[0, size) (whole lines) and writes the decisions. */
static int audit_chunk(const sendpolicy_policy* policy, const char* lines, size_t size,
                       uint64_t* next_line, sendpolicy_summary* summary, char** out,
                       size_t* out_capacity) {
  char error[512];
  for (;;) {
    size_t out_size = 0;
    uint64_t audited = 0;
    sendpolicy_status s =
        sendpolicy_audit_jsonl(policy, lines, size, *next_line, 0, *out, *out_capacity, &out_size,
                               &audited, summary, error, sizeof error);
    if (s == SENDPOLICY_ERROR_BUFFER_TOO_SMALL) {
      char* bigger = realloc(*out, out_size + 1);
      if (bigger == NULL) return 0;
      *out = bigger;
      *out_capacity = out_size + 1;
      continue;  /* deterministic: the second call fits */
    }
    if (s != SENDPOLICY_OK) {
      fprintf(stderr, "c_audit: %s: %s\n", sendpolicy_status_name(s), error);
      return 0;
    }
    *next_line += audited;
    return fwrite(*out, 1, out_size, stdout) == out_size;
  }
}

int main(int argc, char** argv) {
  const char* policy_path = NULL;
  const char* summary_path = NULL;
  const char* source = "standard input";
  for (int i = 1; i < argc; ++i) {
    if (i + 1 < argc && strcmp(argv[i], "--policy") == 0) {
      policy_path = argv[++i];
    } else if (i + 1 < argc && strcmp(argv[i], "--summary-file") == 0) {
      summary_path = argv[++i];
    } else if (i + 1 < argc && strcmp(argv[i], "--source") == 0) {
      source = argv[++i];
    } else {
      fprintf(stderr, "usage: c_audit [--policy FILE] [--summary-file FILE] [--source NAME]\n");
      return 2;
    }
  }
  if (sendpolicy_c_api_version() != SENDPOLICY_C_API_VERSION) {
    fprintf(stderr, "c_audit: built for C API %d, library has %u\n", SENDPOLICY_C_API_VERSION,
            (unsigned)sendpolicy_c_api_version());
    return 2;
  }

  char error[512];
  sendpolicy_policy* policy = NULL;
  if (policy_path != NULL) {
    size_t size = 0;
    char* json = read_file(policy_path, &size);
    if (json == NULL) {
      fprintf(stderr, "c_audit: cannot read %s\n", policy_path);
      return 2;
    }
    sendpolicy_status s = sendpolicy_policy_from_json(json, size, &policy, error, sizeof error);
    free(json);
    if (s != SENDPOLICY_OK) {
      fprintf(stderr, "c_audit: %s: %s\n", policy_path, error);
      return 2;
    }
  } else if (sendpolicy_policy_whatsapp(&policy) != SENDPOLICY_OK) {
    return 2;
  }
  sendpolicy_summary* summary = NULL;
  if (sendpolicy_summary_create(&summary) != SENDPOLICY_OK) return 2;

  int ok = 1;
  uint64_t next_line = 1;
  size_t out_capacity = 4 * (size_t)kChunkBytes;
  char* out = malloc(out_capacity);
  size_t in_capacity = 2 * (size_t)kChunkBytes, used = 0;
  char* in = malloc(in_capacity);
  if (out == NULL || in == NULL) ok = 0;
  while (ok) {
    if (used == in_capacity) { /* one line longer than the buffer: grow */
      char* bigger = realloc(in, in_capacity * 2);
      if (bigger == NULL) {
        ok = 0;
        break;
      }
      in = bigger;
      in_capacity *= 2;
    }
    const size_t got = fread(in + used, 1, in_capacity - used, stdin);
    used += got;
    if (got == 0) { /* end of input: the rest is the last line (no '\n') */
      ok = ferror(stdin) == 0 &&
           audit_chunk(policy, in, used, &next_line, summary, &out, &out_capacity);
      break;
    }
    size_t whole = used;
    while (whole > 0 && in[whole - 1] != '\n') --whole;
    if (whole == 0) continue;
    ok = audit_chunk(policy, in, whole, &next_line, summary, &out, &out_capacity);
    memmove(in, in + whole, used - whole);
    used -= whole;
  }
  if (ok && summary_path != NULL) {
    size_t size = 0;
    sendpolicy_status s = sendpolicy_summary_format(summary, source, NULL, 0, &size, NULL, 0);
    char* table = s == SENDPOLICY_ERROR_BUFFER_TOO_SMALL ? malloc(size + 1) : NULL;
    FILE* f = fopen(summary_path, "wb");
    ok = table != NULL && f != NULL &&
         sendpolicy_summary_format(summary, source, table, size + 1, &size, error,
                                   sizeof error) == SENDPOLICY_OK &&
         fwrite(table, 1, size, f) == size;
    if (f != NULL && fclose(f) != 0) ok = 0;
    free(table);
  }
  free(in);
  free(out);
  sendpolicy_summary_free(summary);
  sendpolicy_policy_free(policy);
  if (fflush(stdout) != 0) ok = 0;
  if (!ok) fprintf(stderr, "c_audit: failed\n");
  return ok ? 0 : 2;
}
