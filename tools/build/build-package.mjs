#!/usr/bin/env node
// Builds the package in the current directory: esbuild bundles each public entry
// (the "source" condition of every export) into dist/, then tsc writes declarations.
// Third-party and sibling packages stay external so each layer ships only its own code.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const cwd = process.cwd();
const pkg = JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8'));

function sourceEntries(exportsField) {
  const entries = [];
  for (const target of Object.values(exportsField ?? {})) {
    if (target && typeof target === 'object' && typeof target.source === 'string') entries.push(target.source);
  }
  return entries;
}

const entryPoints = sourceEntries(pkg.exports);
if (entryPoints.length === 0) {
  console.error(`${pkg.name}: package.json "exports" has no "source" entry to build`);
  process.exit(1);
}

rmSync(path.join(cwd, 'dist'), { recursive: true, force: true });
await build({
  entryPoints,
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  // Entries of one package share chunks, so a module (a model class, a registry) exists once
  // however many of the package's subpaths a program imports.
  splitting: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  logLevel: 'warning',
});

for (const bin of Object.values(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {}))) {
  if (!existsSync(path.join(cwd, bin))) {
    console.error(`${pkg.name}: bin ${bin} was not produced by the build`);
    process.exit(1);
  }
}

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit', cwd });
