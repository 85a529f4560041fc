// The baseline for iam_cases_benchmark's BM_DecideOracleCases: the same
// requests and policies (tests/iam_oracle's cases.jsonl) decided by the
// independent simulator that produced the expected answers, in one Node
// process, one request after another. Reports decisions per second, the
// median of --runs runs, and checks every answer against the recorded one.
//
//   node benchmarks/iam_simulate_throughput.mjs \
//       --cases build/release/tests/iam_oracle/cases.jsonl \
//       --modules build/release/tests/iam_oracle [--count N] [--runs 5]
//
// --modules is a folder whose node_modules holds the simulator (the
// iam_oracle_npm_ci ctest fixture installs it in the build folder); by
// default the folder of --cases.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

function parseArgs(argv) {
  const args = { cases: process.env.POLYGRAPH_IAM_CASES, modules: undefined,
                 count: Infinity, runs: 5 };
  for (let i = 2; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${argv[i]}`);
    if (argv[i] === '--cases') args.cases = value;
    else if (argv[i] === '--modules') args.modules = value;
    else if (argv[i] === '--count') args.count = Number(value);
    else if (argv[i] === '--runs') args.runs = Number(value);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!args.cases) throw new Error('--cases (or POLYGRAPH_IAM_CASES) is required');
  args.modules ??= path.dirname(path.resolve(args.cases));
  return args;
}

const args = parseArgs(process.argv);
const require = createRequire(path.join(path.resolve(args.modules), 'package.json'));
const { runSimulation, anonymousPrincipal } = require('@cloud-copilot/iam-simulate');

// The simulations, built before timing (as the C++ side compiles its
// Authorizers before timing).
const policies = new Map();
const simulations = [];
for (const line of readFileSync(args.cases, 'utf8').split('\n')) {
  if (!line) continue;
  const record = JSON.parse(line);
  if (record.type === 'policy') {
    policies.set(record.name, record.document);
    continue;
  }
  if (simulations.length >= args.count) break;
  const names = record.policies;
  const request = record.request;
  const context = {};
  for (const [key, values] of Object.entries(request.context)) {
    // The file stores every value as a list; the simulator reads single
    // values of single-valued keys from a list's first item.
    context[key] = values;
  }
  const simulation = {
    request: {
      principal: request.principal === 'anonymous' ? anonymousPrincipal : request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resource_account },
      contextVariables: context,
    },
    identityPolicies: names.identity.map((name) => ({ name, policy: policies.get(name) })),
    serviceControlPolicies: names.scps.map((level, i) => ({
      orgIdentifier: `ou-level-${i}`,
      policies: level.map((name) => ({ name, policy: policies.get(name) })),
    })),
    resourceControlPolicies: [],
  };
  if (names.permissions_boundary) {
    simulation.permissionBoundaryPolicies =
        names.permissions_boundary.map((name) => ({ name, policy: policies.get(name) }));
  }
  if (names.resource_policy) simulation.resourcePolicy = policies.get(names.resource_policy);
  simulations.push({ simulation, expected: record.expected });
}

const answer = { Allowed: 'Allow', ExplicitlyDenied: 'ExplicitDeny',
                 ImplicitlyDenied: 'ImplicitDeny' };
const rates = [];
let mismatches = 0;
for (let run = 0; run < args.runs; run++) {
  mismatches = 0;
  const start = performance.now();
  for (const { simulation, expected } of simulations) {
    const result = await runSimulation(simulation, {});
    if (answer[result.overallResult] !== expected) mismatches++;
  }
  const seconds = (performance.now() - start) / 1000;
  rates.push(simulations.length / seconds);
  process.stdout.write(`run ${run + 1}: ${simulations.length} decisions in ` +
                       `${(seconds * 1000).toFixed(1)} ms, ` +
                       `${Math.round(simulations.length / seconds)} decisions/s\n`);
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)];
process.stdout.write(`median: ${Math.round(median)} decisions/s over ` +
                     `${simulations.length} cases (${args.runs} runs); ` +
                     `${mismatches} answers differ from the recorded ones\n`);
if (mismatches > 0) process.exit(1);
