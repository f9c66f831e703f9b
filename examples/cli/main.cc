// sendpolicy: the command line over the library and the JSON wire format.
//
//   sendpolicy check request.json               one decision (JSON)
//   sendpolicy check --format text request.json  ...as readable text
//   sendpolicy audit --summary campaign.jsonl    one decision per line
//   sendpolicy explain outside_service_window    what a code means
//   sendpolicy test --format junit scenarios.json  scenario files (docs/testing.md)
//   sendpolicy webhook payloads.jsonl            Cloud API webhooks -> items (docs/webhooks.md)
//   sendpolicy --policy strict.json --policy-dump
//
// Every command and flag: docs/cli.md.
#include <cstdio>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include <sendpolicy/sendpolicy.h>

#include "audit.h"
#include "commands.h"
#include "scenarios.h"
#include "webhook.h"
#include <sendpolicy/wire/json_writer.h>
#include <sendpolicy/wire/line_auditor.h>
#include <sendpolicy/wire/policy_json.h>

namespace sp = sendpolicy;
using namespace sendpolicy_cli;

int main(int argc, char** argv) {
  CLI::App app{"sendpolicy " SENDPOLICY_VERSION_STRING
               ": may we send this message to this person now, and if not, why not and when?"};
  app.require_subcommand(0, 1);
  // Global options work after the subcommand too (`sendpolicy check --policy
  // p.json req.json`): subcommands created below inherit this.
  app.fallthrough();
  std::string policy_file;
  bool policy_dump = false;
  app.add_option("--policy", policy_file, "Policy file (JSON; see docs/cli.md)")
      ->check(CLI::ExistingFile);
  app.add_flag("--policy-dump", policy_dump, "Print the effective policy as JSON and exit");
  app.set_version_flag("--version", std::string(SENDPOLICY_VERSION_STRING));

  CheckOptions check;
  std::string format = "json";
  CLI::App* check_cmd = app.add_subcommand("check", "Decide one request (exit 0 allow, 1 deny/defer, 2 error)");
  check_cmd->add_option("file", check.input, "Request file, or - for standard input")
      ->capture_default_str();
  check_cmd->add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();

  AuditOptions audit;
  CLI::App* audit_cmd =
      app.add_subcommand("audit", "Decide every line of a JSON Lines file, in order");
  audit_cmd->add_option("file", audit.input, "JSON Lines file, or - for standard input")
      ->capture_default_str();
  audit_cmd->add_option("-o,--output", audit.output, "Write decisions here instead of stdout");
  audit_cmd->add_flag("--summary", audit.summary, "Print counts at the end (stderr)");
  audit_cmd->add_option("--summary-file", audit.summary_file,
                        "Write the summary to this file instead of stderr");
  audit_cmd->add_option("--threads", audit.threads, "Worker threads (0: one per core)")
      ->check(CLI::Range(0u, 256u))
      ->capture_default_str();
  audit_cmd->add_option("--max-line-bytes", audit.max_line_bytes,
                        "Longer lines are answered invalid_request without being read")
      ->check(CLI::Range(std::size_t{0}, sp::audit::kMaxLineBytes))
      ->capture_default_str();
  bool no_progress = false;
  audit_cmd->add_flag("--no-progress", no_progress, "No progress line, even on a terminal");

  std::string code;
  CLI::App* explain_cmd = app.add_subcommand("explain", "What a reason or warning code means");
  explain_cmd->add_option("code", code, "Reason or warning code; none lists them all");

  TestOptions test;
  std::string test_format = "tap";
  CLI::App* test_cmd = app.add_subcommand(
      "test", "Run scenario files (exit 0 all pass, 1 failures, 2 unreadable; docs/testing.md)");
  test_cmd->add_option("files", test.files, "Scenario files (JSON)")->required();
  test_cmd->add_option("--format", test_format, "Report format")
      ->check(CLI::IsMember({"tap", "junit"}))
      ->capture_default_str();
  test_cmd->add_option("-o,--output", test.output, "Write the report here instead of stdout");

  WebhookOptions webhook;
  CLI::App* webhook_cmd = app.add_subcommand(
      "webhook",
      "Read WhatsApp Cloud API webhook payloads, one per line, into JSON Lines items "
      "(exit 0 all read, 1 some rejected, 2 unreadable lines; docs/webhooks.md)");
  webhook_cmd->add_option("file", webhook.input, "Payloads (one JSON per line), or - for stdin")
      ->capture_default_str();
  webhook_cmd->add_option("--max-line-bytes", webhook.max_line_bytes,
                          "Longer lines are reported and not read")
      ->check(CLI::Range(std::size_t{64}, std::size_t{1} << 30))
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsageOrInput;
  }

  sp::Policy policy = sp::Policy::whatsapp();
  if (!policy_file.empty()) {
    std::string text;
    std::string error = read_file(policy_file, std::size_t{1} << 20, text);
    if (error.empty()) {
      const absl::Status s = sp::wire::parse_policy(text, policy);
      if (!s.ok()) error = policy_file + ": " + std::string(s.message());
    }
    if (!error.empty()) {
      std::fprintf(stderr, "sendpolicy: policy %s\n", sp::wire::printable(error).c_str());
      return kExitUsageOrInput;
    }
  }
  if (policy_dump) {
    // Never print a policy that would read back as a different (looser) one.
    if (const absl::Status s = sp::wire::check_dumpable(policy); !s.ok()) {
      std::fprintf(stderr, "sendpolicy: --policy-dump: %s\n", std::string(s.message()).c_str());
      return kExitUsageOrInput;
    }
    const bool written = write_all(stdout, sp::wire::policy_to_json(policy));
    return written && finish_stdout() ? 0 : kExitUsageOrInput;
  }
  // Every command's output is checked once more here: a write that failed
  // only at the final flush (a full disk, > /dev/full) is exit code 2.
  const auto finished = [](int rc) { return finish_stdout() ? rc : kExitUsageOrInput; };
  if (*check_cmd) {
    check.text = format == "text";
    return finished(run_check(policy, check));
  }
  if (*audit_cmd) {
    // One rule with the C API and Python: 0 is the default, else 64..1 GiB.
    const absl::StatusOr<std::size_t> limit = sp::audit::line_limit(audit.max_line_bytes,
                                                                    "--max-line-bytes");
    if (!limit.ok()) {
      std::fprintf(stderr, "sendpolicy audit: %s\n", std::string(limit.status().message()).c_str());
      return kExitUsageOrInput;
    }
    audit.max_line_bytes = *limit;
    if (audit.threads == 0) audit.threads = std::max(1u, std::thread::hardware_concurrency());
    audit.progress = !no_progress;
    return finished(run_audit(policy, audit));
  }
  if (*explain_cmd) return finished(run_explain(code));
  if (*webhook_cmd) return finished(run_webhook(webhook));
  if (*test_cmd) {
    test.junit = test_format == "junit";
    return finished(run_test(policy, test));
  }
  std::fputs(app.help().c_str(), stderr);
  return kExitUsageOrInput;
}
