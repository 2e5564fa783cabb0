#!/usr/bin/env node
// The project's one test command: build, typecheck, boundary check, lint and format check, then every vitest
// project. It ends with the line CI reads: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const results = '.vitest-results.json';
const steps = [
  ['build', ['pnpm', 'exec', 'nx', 'run-many', '-t', 'build', '--output-style=stream']],
  ['typecheck', ['pnpm', 'exec', 'nx', 'run-many', '-t', 'typecheck', '--output-style=stream']],
  ['boundaries', ['node', 'tools/boundaries/check-boundaries.mjs']],
  ['lint and format', ['pnpm', 'exec', 'biome', 'ci', '.']],
];
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };

for (const [name, [cmd, ...args]] of steps) {
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (run.status !== 0) {
    console.log(`\n${name} failed (exit ${run.status ?? run.signal})`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

console.log('\n=== vitest ===');
rmSync(results, { force: true });
const extra = process.argv.slice(2);
const vitest = spawnSync('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...extra], {
  stdio: 'inherit',
  env,
});

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numFailedTestSuites ?? 0);
  skipped = report.numPendingTests + (report.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
