#!/usr/bin/env node
// Fails when a package's source imports, or its package.json depends on, anything its entry
// in allowed-graph.json does not list. Run from the repository root, or pass a root folder.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Import specifiers in a TypeScript file: static imports/exports, dynamic import(), require(). */
export function importSpecifiers(source) {
  const specs = [];
  const patterns = [
    // Static imports and re-exports start a statement (a line); text inside strings does not.
    /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) specs.push(m[1]);
  return specs;
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(m?ts|tsx|m?js)$/.test(name) ? [full] : [];
  });
}

/** Returns every violation under `root` (a repository with packages/*) against `graph`. */
export function findViolations(root, graph) {
  const violations = [];
  const packagesDir = path.join(root, 'packages');
  for (const dir of readdirSync(packagesDir)) {
    const manifestPath = path.join(packagesDir, dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const allowed = graph.packages[manifest.name];
    if (!allowed) {
      violations.push(`${manifestPath}: package ${manifest.name} has no entry in allowed-graph.json`);
      continue;
    }
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      if (!allowed.includes(dep)) {
        violations.push(
          `${path.relative(root, manifestPath)}: ${manifest.name} depends on ${dep}, which allowed-graph.json does not allow (allowed: ${allowed.join(', ') || 'nothing'})`,
        );
      }
    }
    for (const file of sourceFiles(path.join(packagesDir, dir, 'src'))) {
      const lines = readFileSync(file, 'utf8');
      for (const spec of importSpecifiers(lines)) {
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        const target = packageOf(spec);
        if (target === manifest.name || allowed.includes(target)) continue;
        const line = lines.split('\n').findIndex((l) => l.includes(`'${spec}'`) || l.includes(`"${spec}"`)) + 1;
        violations.push(
          `${path.relative(root, file)}:${line}: ${manifest.name} imports "${spec}", which allowed-graph.json does not allow (allowed: ${allowed.join(', ') || 'nothing'})`,
        );
      }
    }
  }
  return violations;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(process.argv[2] ?? path.join(here, '../..'));
  const graph = JSON.parse(readFileSync(path.join(here, 'allowed-graph.json'), 'utf8'));
  const violations = findViolations(root, graph);
  if (violations.length) {
    console.error(`Dependency boundary check failed (${violations.length}):\n` + violations.map((v) => `  ${v}`).join('\n'));
    process.exit(1);
  }
  console.log('Dependency boundaries hold: every layer imports only what allowed-graph.json allows.');
}
