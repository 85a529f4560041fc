// iam::Compare of two realistic 50-statement identity policies (different
// services, resources and conditions), B a slight change of A: one action
// added, one resource widened. Also the equivalent case (A against itself),
// and both at 200 statements (BM_CompareLarge).

#include <string>

#include "benchmark/benchmark.h"
#include "polygraph/document.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {
namespace {

const char* const kActions[] = {
    R"(["s3:GetObject", "s3:ListBucket"])",
    R"(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"])",
    R"("sqs:SendMessage")",
    R"(["kms:Decrypt", "kms:GenerateDataKey"])",
    R"("ec2:Describe*")",
    R"(["logs:CreateLogStream", "logs:PutLogEvents"])",
    R"(["sns:Publish"])",
    R"(["secretsmanager:GetSecretValue"])",
    R"(["lambda:InvokeFunction"])",
    R"(["ssm:GetParameter", "ssm:GetParameters"])",
};
const char* const kResources[] = {
    "arn:aws:s3:::bucket-%/*",
    "arn:aws:dynamodb:us-east-1:111122223333:table/orders-%",
    "arn:aws:sqs:us-east-1:111122223333:queue-%",
    "arn:aws:kms:us-east-1:111122223333:key/key-%",
    "*",
    "arn:aws:logs:us-east-1:111122223333:log-group:/app/%:*",
    "arn:aws:sns:us-east-1:111122223333:topic-%",
    "arn:aws:secretsmanager:us-east-1:111122223333:secret:app-%-*",
    "arn:aws:lambda:us-east-1:111122223333:function:fn-%",
    "arn:aws:ssm:us-east-1:111122223333:parameter/app/%/*",
};
const char* const kConditions[] = {
    "",
    R"(, "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}})",
    R"(, "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/16", "10.1.0.0/16"]}})",
    R"(, "Condition": {"Bool": {"aws:SecureTransport": "true"}})",
    R"(, "Condition": {"StringLike": {"aws:PrincipalTag/team": "data-*"}})",
};

std::string Replace(std::string text, const std::string& by) {
  size_t at = text.find('%');
  if (at != std::string::npos) text.replace(at, 1, by);
  return text;
}

PolicySet Make(bool changed, int count = 50) {
  std::string statements;
  for (int i = 0; i < count; ++i) {
    const int kind = i % 10;
    std::string actions = kActions[kind];
    std::string resource = Replace(kResources[kind], std::to_string(i));
    if (changed && i == 7)
      actions = R"(["s3:GetObject", "s3:ListBucket", "s3:PutObject"])";
    if (changed && i == 21)
      resource = "arn:aws:dynamodb:us-east-1:111122223333:table/*";
    if (!statements.empty()) statements += ",";
    statements += R"({"Sid": "S)" + std::to_string(i) + R"(", "Effect": ")" +
                  (i % 17 == 16 ? "Deny" : "Allow") + R"(", "Action": )" +
                  actions + R"(, "Resource": ")" + resource + "\"" +
                  kConditions[i % 5] + "}";
  }
  std::string text =
      R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
  absl::StatusOr<Value> document = ParseJson(text, "policy.json");
  if (!document.ok()) std::abort();
  absl::StatusOr<Policy> policy =
      ParsePolicy(*document, {.kind = PolicyKind::kIdentity});
  if (!policy.ok()) std::abort();
  PolicySet set;
  set.identity.push_back(*std::move(policy));
  return set;
}

// range(0): 0 compares A with its slight change, 1 compares A with itself.
void BM_Compare(benchmark::State& state) {
  const PolicySet a = Make(false);
  const PolicySet b = Make(state.range(0) == 0);
  for (auto _ : state) {
    absl::StatusOr<Comparison> c = Compare(a, b);
    if (!c.ok() || c->b_allows_more() != (state.range(0) == 0)) std::abort();
    benchmark::DoNotOptimize(c);
  }
  state.SetLabel(state.range(0) == 0 ? "slight-change" : "equivalent");
}
BENCHMARK(BM_Compare)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The same at 200 statements.
void BM_CompareLarge(benchmark::State& state) {
  const PolicySet a = Make(false, 200);
  const PolicySet b = Make(state.range(0) == 0, 200);
  for (auto _ : state) {
    absl::StatusOr<Comparison> c = Compare(a, b);
    if (!c.ok() || c->b_allows_more() != (state.range(0) == 0)) std::abort();
    benchmark::DoNotOptimize(c);
  }
  state.SetLabel(state.range(0) == 0 ? "slight-change" : "equivalent");
}
BENCHMARK(BM_CompareLarge)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polygraph::iam

BENCHMARK_MAIN();
