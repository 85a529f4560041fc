// IAM glob matching: polygraph's linear-time GlobMatch against the usual
// alternative, translating each pattern to a regular expression and matching
// it with a precompiled RE2 (the baseline).
//
//   build/release/benchmarks/base_benchmark --benchmark_min_time=0.2

#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "polygraph/arn.h"
#include "polygraph/glob.h"
#include "re2/re2.h"

namespace polygraph {
namespace {

// Actions shaped like the catalogue's ("s3:GetObject", ...), deterministic.
std::vector<std::string> Actions(int count) {
  static const char* const kServices[] = {"s3",  "ec2", "iam",
                                          "sqs", "kms", "lambda"};
  static const char* const kVerbs[] = {"Get",      "Put",    "List",
                                       "Describe", "Delete", "Create"};
  std::vector<std::string> actions;
  for (int i = 0; i < count; ++i) {
    actions.push_back(std::string(kServices[i % 6]) + ":" +
                      kVerbs[(i / 6) % 6] + "Thing" + std::to_string(i));
  }
  return actions;
}

// The RE2 form of an IAM glob: '*' -> '.*', '?' -> '.', the rest quoted.
std::string GlobToRegex(std::string_view glob) {
  std::string regex;
  for (char c : glob) {
    if (c == '*') {
      regex += ".*";
    } else if (c == '?') {
      regex += ".";
    } else {
      regex += RE2::QuoteMeta(std::string(1, c));
    }
  }
  return regex;
}

const char* const kActionPatterns[] = {"s3:Get*", "*:List*", "iam:*",
                                       "ec2:Describe?hing*", "*"};

void BM_GlobMatchActions(benchmark::State& state) {
  const std::vector<std::string> actions =
      Actions(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    int matched = 0;
    for (const char* pattern : kActionPatterns) {
      for (const std::string& action : actions) {
        matched += GlobMatch(pattern, action, GlobCase::kInsensitive);
      }
    }
    benchmark::DoNotOptimize(matched);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * 5);
}
BENCHMARK(BM_GlobMatchActions)->Range(64, 16384);

void BM_Re2MatchActionsBaseline(benchmark::State& state) {
  const std::vector<std::string> actions =
      Actions(static_cast<int>(state.range(0)));
  RE2::Options options;
  options.set_case_sensitive(false);
  std::vector<std::unique_ptr<RE2>> regexes;
  for (const char* pattern : kActionPatterns) {
    regexes.push_back(std::make_unique<RE2>(GlobToRegex(pattern), options));
  }
  for (auto _ : state) {
    int matched = 0;
    for (const auto& regex : regexes) {
      for (const std::string& action : actions)
        matched += RE2::FullMatch(action, *regex);
    }
    benchmark::DoNotOptimize(matched);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * 5);
}
BENCHMARK(BM_Re2MatchActionsBaseline)->Range(64, 16384);

// A pattern that makes backtracking matchers exponential: must stay linear.
void BM_GlobMatchAdversarial(benchmark::State& state) {
  const std::string text(static_cast<size_t>(state.range(0)), 'a');
  std::string pattern;
  for (int i = 0; i < 16; ++i) pattern += "*a";
  pattern += "*b";
  for (auto _ : state) {
    benchmark::DoNotOptimize(GlobMatch(pattern, text, GlobCase::kSensitive));
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_GlobMatchAdversarial)->Range(64, 65536);

void BM_ArnMatches(benchmark::State& state) {
  std::vector<std::string> arns;
  for (int i = 0; i < state.range(0); ++i) {
    arns.push_back("arn:aws:s3:::app-static-assets/images/" +
                   std::to_string(i) + ".png");
  }
  for (auto _ : state) {
    int matched = 0;
    for (const std::string& arn : arns) {
      matched += ArnMatches("arn:aws:s3:::app-static-assets/*", arn);
    }
    benchmark::DoNotOptimize(matched);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ArnMatches)->Range(64, 16384);

}  // namespace
}  // namespace polygraph

BENCHMARK_MAIN();
