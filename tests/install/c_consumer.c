/* An outside C11 program against the installed libsendpolicy_c: exit 0 iff a
 * free-form message 25 h after the customer wrote is denied. */
#include <stdio.h>
#include <string.h>

#include <sendpolicy/sendpolicy_c.h>

int main(void) {
  static const char request[] =
      "{\"now\":\"2026-03-02T12:00:00Z\",\"recipient\":{\"phone\":\"+393471234567\"},"
      "\"window\":{\"last_inbound_at\":\"2026-03-01T11:00:00Z\"},\"message\":{\"kind\":\"free_form\"}}";
  sendpolicy_policy* policy = NULL;
  char out[4096];
  char error[256];
  size_t out_size = 0;
  sendpolicy_verdict verdict;
  if (sendpolicy_c_api_version() != SENDPOLICY_C_API_VERSION) return 1;
  if (sendpolicy_policy_whatsapp(&policy) != SENDPOLICY_OK) return 1;
  const sendpolicy_status s = sendpolicy_evaluate_json(policy, request, strlen(request), out,
                                                       sizeof out, &out_size, &verdict, error,
                                                       sizeof error);
  sendpolicy_policy_free(policy);
  if (s != SENDPOLICY_OK) return 1;
  fwrite(out, 1, out_size, stdout);
  return verdict == SENDPOLICY_VERDICT_DENY && strstr(out, "outside_service_window") != NULL ? 0 : 1;
}
