// campaign_filter: what a campaign tool runs before a send-out.
//
// Reads a campaign as JSON Lines (one wire-format request per line) and
// writes the lines that may go now to standard output, unchanged, ready for
// the sender. Every line held back is listed on standard error with its
// reasons, so the team can fix consents or templates before the next run.
//
//   campaign_filter examples/data/campaign.jsonl > sendable.jsonl
//
// It shows the embedding pattern for batch work: one policy built once, one
// parser and one request reused for every line.
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include <sendpolicy/sendpolicy.h>

#include <sendpolicy/wire/request_json.h>

namespace sp = sendpolicy;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: campaign_filter CAMPAIGN.jsonl > sendable.jsonl\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "campaign_filter: cannot open " << argv[1] << "\n";
    return 2;
  }
  const sp::Policy policy = sp::Policy::whatsapp();
  sp::wire::RequestParser parser;
  sp::SendRequest request;
  std::map<std::string, int> held_back_by_reason;
  int sendable = 0, held_back = 0;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (const absl::Status s = parser.parse(line, request); !s.ok()) {
      std::cerr << "line " << number << ": not a request: " << s.message() << "\n";
      ++held_back_by_reason["invalid_request"];
      ++held_back;
      continue;
    }
    const sp::SendDecision d = sp::evaluate(policy, request);
    if (d.allowed()) {
      std::cout << line << "\n";
      ++sendable;
      continue;
    }
    ++held_back;
    std::cerr << "line " << number << " (" << request.id << "): " << sp::to_string(d.verdict);
    for (const sp::Reason& r : d.reasons) {
      std::cerr << " " << sp::to_string(r.code);
      ++held_back_by_reason[std::string(sp::to_string(r.code))];
    }
    std::cerr << "\n";
  }
  std::cerr << sendable << " sendable, " << held_back << " held back\n";
  for (const auto& [reason, count] : held_back_by_reason) {
    std::cerr << "  " << reason << ": " << count << "\n";
  }
  return 0;
}
