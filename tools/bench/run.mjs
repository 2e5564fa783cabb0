#!/usr/bin/env node
// Runs benchmark suites on demand and writes their results into BENCHMARKS.md.
//   pnpm bench            every suite in tools/bench/suites
//   pnpm bench routing    only suites whose file name contains "routing"
// Suites import the built packages (run `pnpm build` first) so they measure what users run.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outDir = path.join(here, '.out');
const filters = process.argv.slice(2);
const suites = readdirSync(path.join(here, 'suites'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)));

if (suites.length === 0) {
  console.error(`No benchmark suite matches ${filters.join(', ')}; suites live in tools/bench/suites/*.bench.ts`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

const reports = [];
for (const file of suites) {
  const outfile = path.join(outDir, file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [path.join(here, 'suites', file)],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    logLevel: 'warning',
  });
  console.log(`\n=== ${file} ===`);
  const resultFile = outfile.replace(/\.mjs$/, '.json');
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(here, 'lib/run-suite.mjs'), outfile, resultFile], {
    stdio: 'inherit',
    cwd: here,
  });
  if (run.status !== 0) {
    console.error(`${file} failed (exit ${run.status ?? run.signal})`);
    process.exitCode = 1;
    continue;
  }
  reports.push(JSON.parse(readFileSync(resultFile, 'utf8')));
}

function renderReport(report) {
  const lines = [`## ${report.title}`, '', report.description ?? '', ''];
  if (report.rows.length > 0) {
    lines.push('| case | result | unit |', '|---|---:|---|');
    for (const row of report.rows) lines.push(`| ${row.case} | ${formatNumber(row.value)} | ${row.unit} |`);
    lines.push('');
  }
  for (const table of report.tables ?? []) {
    lines.push(
      `${table.title}`,
      '',
      `| ${table.columns.join(' | ')} |`,
      `|${table.columns.map((_, i) => (table.rows.some((row) => typeof row[i] === 'number') ? '---:' : '---')).join('|')}|`,
    );
    for (const row of table.rows) lines.push(`| ${row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : (cell ?? '–'))).join(' | ')} |`);
    lines.push('');
  }
  lines.push(`**${report.summary}**`, '', `Aim: ${report.aim}. Measured ${report.date} on ${report.machine}.`, '');
  return lines.join('\n');
}

function formatNumber(n) {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 3);
}

const target = path.join(root, 'BENCHMARKS.md');
let doc = existsSync(target)
  ? readFileSync(target, 'utf8')
  : '# Benchmarks\n\nRun on demand with `pnpm build && pnpm bench [suite]`; each suite rewrites its own section below.\nNumbers come from one 2-core machine; compare ratios, not absolute values.\n';
for (const report of reports) {
  const section = `<!-- bench:${report.id} -->\n${renderReport(report)}<!-- /bench:${report.id} -->`;
  const pattern = new RegExp(`<!-- bench:${report.id} -->[\\s\\S]*?<!-- /bench:${report.id} -->`);
  doc = pattern.test(doc) ? doc.replace(pattern, section) : `${doc.trimEnd()}\n\n${section}\n`;
}
writeFileSync(target, doc);
console.log(`\nWrote ${reports.length} section(s) to BENCHMARKS.md (${os.cpus().length} cores).`);
