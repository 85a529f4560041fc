#!/usr/bin/env bash
# Collects a read-only AWS account snapshot for polygraph, one JSON file per
# AWS CLI call, in the folder layout described in README.md.
#
#   examples/aws-snapshot/collect.sh <output-folder> [--region <region>]
#       [--profile <profile>]
#
# Every call is a describe-*, list-* or get-* call: nothing in the account is
# changed. The credentials need read access (e.g. the SecurityAudit managed
# policy); Organizations calls need the management (or a delegated
# administrator) account and are skipped elsewhere. A call that fails with an
# expected "not configured" error (NoSuchBucketPolicy,
# NoSuchPublicAccessBlockConfiguration, ...) leaves no file: polygraph reads
# an absent file as "not set". Other failures are reported on stderr and the
# collection goes on.

set -uo pipefail

usage() {
  echo "usage: $0 <output-folder> [--region <region>] [--profile <profile>]" >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
out=$1
shift
aws_args=(--output json)
while [[ $# -gt 0 ]]; do
  case $1 in
    --region | --profile)
      [[ $# -ge 2 ]] || usage
      aws_args+=("$1" "$2")
      shift 2
      ;;
    *) usage ;;
  esac
done

command -v aws > /dev/null || {
  echo "$0: the AWS CLI (aws) is not installed" >&2
  exit 1
}

mkdir -p "$out"/{iam,organizations,s3,cloudfront}

# Expected errors: the resource simply has no such configuration.
expected='NoSuchBucketPolicy|NoSuchPublicAccessBlockConfiguration|OwnershipControlsNotFoundError|ServerSideEncryptionConfigurationNotFoundError|NoSuchLifecycleConfiguration|AWSOrganizationsNotInUseException|AccessDeniedForDependencyException'

# call <file> <aws arguments...>: runs one read-only call into <file>. An
# empty output (get-bucket-versioning and get-bucket-logging print nothing
# when never configured) or an expected error leaves no file.
call() {
  local file=$1
  shift
  local err
  err=$(mktemp)
  if aws "${aws_args[@]}" "$@" > "$file" 2> "$err"; then
    [[ -s $file ]] || rm -f "$file"
  else
    rm -f "$file"
    if ! grep -Eq "$expected" "$err"; then
      echo "warning: aws $* failed: $(tr '\n' ' ' < "$err")" >&2
    fi
  fi
  rm -f "$err"
}

# Network (EC2, ELBv2).
for section in vpcs subnets route-tables security-groups network-acls \
  network-interfaces instances internet-gateways egress-only-internet-gateways \
  nat-gateways vpc-endpoints vpc-peering-connections transit-gateways \
  managed-prefix-lists; do
  call "$out/$section.json" ec2 "describe-$section"
done
call "$out/load-balancers.json" elbv2 describe-load-balancers
if [[ -f $out/load-balancers.json ]]; then
  # describe-listeners takes one load balancer at a time: one file each.
  n=0
  for arn in $(aws "${aws_args[@]}" elbv2 describe-load-balancers \
    --query 'LoadBalancers[].LoadBalancerArn' --output text 2> /dev/null); do
    n=$((n + 1))
    call "$out/listeners-$n.json" elbv2 describe-listeners \
      --load-balancer-arn "$arn"
  done
fi

# IAM: users, groups, roles, managed policies and their documents.
call "$out/iam/account-authorization-details.json" iam \
  get-account-authorization-details

# Organizations: service control policies, their content and targets.
call "$out/organizations/list-policies.json" organizations list-policies \
  --filter SERVICE_CONTROL_POLICY
if [[ -f $out/organizations/list-policies.json ]]; then
  for id in $(aws "${aws_args[@]}" organizations list-policies \
    --filter SERVICE_CONTROL_POLICY --query 'Policies[].Id' --output text); do
    call "$out/organizations/$id.json" organizations describe-policy \
      --policy-id "$id"
    call "$out/organizations/$id.targets.json" organizations \
      list-targets-for-policy --policy-id "$id"
  done
fi

# S3: the buckets, then one folder per bucket.
call "$out/list-buckets.json" s3api list-buckets
if [[ -f $out/list-buckets.json ]]; then
  for bucket in $(aws "${aws_args[@]}" s3api list-buckets \
    --query 'Buckets[].Name' --output text); do
    dir=$out/s3/$bucket
    mkdir -p "$dir"
    call "$dir/policy.json" s3api get-bucket-policy --bucket "$bucket"
    call "$dir/acl.json" s3api get-bucket-acl --bucket "$bucket"
    call "$dir/public-access-block.json" s3api get-public-access-block \
      --bucket "$bucket"
    call "$dir/ownership-controls.json" s3api get-bucket-ownership-controls \
      --bucket "$bucket"
    call "$dir/encryption.json" s3api get-bucket-encryption --bucket "$bucket"
    call "$dir/versioning.json" s3api get-bucket-versioning --bucket "$bucket"
    call "$dir/lifecycle.json" s3api get-bucket-lifecycle-configuration \
      --bucket "$bucket"
    call "$dir/logging.json" s3api get-bucket-logging --bucket "$bucket"
    rmdir "$dir" 2> /dev/null || true
  done
fi
# The account the snapshot is of (CloudFront distribution ARNs use it).
call "$out/caller-identity.json" sts get-caller-identity
account=$(aws "${aws_args[@]}" sts get-caller-identity --query Account \
  --output text 2> /dev/null)
if [[ -n $account ]]; then
  call "$out/account-public-access-block.json" s3control \
    get-public-access-block --account-id "$account"
fi

# CloudFront: one get-distribution-config per distribution, named by its id.
for id in $(aws "${aws_args[@]}" cloudfront list-distributions \
  --query 'DistributionList.Items[].Id' --output text 2> /dev/null); do
  [[ $id == None ]] && continue
  call "$out/cloudfront/$id.json" cloudfront get-distribution-config --id "$id"
done

rmdir "$out"/{iam,organizations,s3,cloudfront} 2> /dev/null || true
echo "snapshot written to $out" >&2
