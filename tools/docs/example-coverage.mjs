#!/usr/bin/env node
// Reports, per package, how many public exports carry a JSDoc `@example` (issue #12). Public means
// reachable from a "source" entry of package.json "exports", through `export { x } from` and
// `export * from` as the TypeScript checker resolves them; `@internal` names are not public, and names
// re-exported from another package are counted where they are declared. A report, not a gate: it
// exits 0 unless `--min N` is given and a package's value exports fall below N%.
//
//   node tools/docs/example-coverage.mjs [package ...] [--missing] [--json] [--min N] [--root DIR]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));

const usage = 'Usage: node tools/docs/example-coverage.mjs [package ...] [--missing] [--json] [--min N] [--root DIR]';

/** Parses the command line; throws an Error whose message names the bad argument. */
export function parseArgs(argv) {
  const options = { packages: [], missing: false, json: false, min: undefined, root: path.join(here, '../..') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--missing') options.missing = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--min' || arg === '--root') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value. ${usage}`);
      if (arg === '--root') options.root = value;
      else {
        const min = Number(value);
        if (value.trim() === '' || !Number.isFinite(min) || min < 0 || min > 100) {
          throw new Error(`--min expects a percentage from 0 to 100, got "${value}".`);
        }
        options.min = min;
      }
    } else if (arg.startsWith('-')) throw new Error(`Unknown option "${arg}". ${usage}`);
    else options.packages.push(arg);
  }
  options.root = path.resolve(options.root);
  return options;
}

/** Every package under `root`/packages: its folder name, package name, directory and source entries. */
export function listPackages(root) {
  const packagesDir = path.join(root, 'packages');
  if (!existsSync(packagesDir)) throw new Error(`No packages/ folder in ${root}.`);
  const packages = [];
  for (const folder of readdirSync(packagesDir).sort()) {
    const manifestPath = path.join(packagesDir, folder, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const entries = [];
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      if (target && typeof target === 'object' && typeof target.source === 'string') {
        entries.push({ subpath, file: path.join(packagesDir, folder, target.source) });
      }
    }
    packages.push({ folder, name: manifest.name ?? folder, dir: path.join(packagesDir, folder), entries });
  }
  return packages;
}

/** Picks the packages named on the command line (`routing`, `@manouche/routing` or `packages/routing`). */
export function selectPackages(all, wanted) {
  if (wanted.length === 0) return all;
  return wanted.map((want) => {
    const folder = want.replace(/\/+$/, '').replace(/^packages\//, '');
    const found = all.find((p) => p.folder === folder || p.name === want);
    if (!found) throw new Error(`Unknown package "${want}". Known: ${all.map((p) => p.folder).join(', ')}.`);
    return found;
  });
}

const valueKinds = new Map([
  [ts.SyntaxKind.ClassDeclaration, 'class'],
  [ts.SyntaxKind.FunctionDeclaration, 'function'],
  [ts.SyntaxKind.VariableDeclaration, 'const'],
  [ts.SyntaxKind.BindingElement, 'const'],
  [ts.SyntaxKind.EnumDeclaration, 'enum'],
  [ts.SyntaxKind.ModuleDeclaration, 'namespace'],
  [ts.SyntaxKind.SourceFile, 'namespace'],
]);
const typeKinds = new Map([
  [ts.SyntaxKind.InterfaceDeclaration, 'interface'],
  [ts.SyntaxKind.TypeAliasDeclaration, 'type'],
]);

/** The node whose JSDoc documents `decl`: a destructured const is documented on its declaration. */
function docHost(decl) {
  let node = decl;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  return node;
}

function hasTag(node, tagName) {
  return ts.getJSDocTags(docHost(node)).some((tag) => tag.tagName.text === tagName);
}

/** `export * as ns from './x.js'` has no declaration of its own to document but the export itself. */
function aliasDeclarations(symbol) {
  return (symbol.declarations ?? []).filter((d) => ts.isNamespaceExport(d) || ts.isExportSpecifier(d));
}

/**
 * Measures `packages` (from listPackages) in one TypeScript program: for each package, its exported names with
 * their kind ('value' or 'type'), where they are declared and whether a declaration's JSDoc has `@example`.
 */
export function measure(packages) {
  const rootNames = packages.flatMap((p) => p.entries.map((e) => e.file)).filter((file) => existsSync(file));
  const program = ts.createProgram({
    rootNames,
    options: {
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      customConditions: ['source'],
      allowJs: false,
      noEmit: true,
      skipLibCheck: true,
      // Exports are read from this package's sources; Node's and libraries' types are not needed.
      types: [],
    },
  });
  const checker = program.getTypeChecker();
  return packages.map((pkg) => {
    const exports = new Map();
    const missingEntries = [];
    for (const entry of pkg.entries) {
      const sourceFile = program.getSourceFile(entry.file);
      const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
      if (!moduleSymbol) {
        missingEntries.push(path.relative(pkg.dir, entry.file));
        continue;
      }
      for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const declarations = target.declarations ?? [];
        if (declarations.length === 0 || exports.has(target)) continue;
        const first = declarations[0];
        const file = first.getSourceFile().fileName;
        const isNamespaceModule = declarations.every(ts.isSourceFile);
        const documented = isNamespaceModule ? aliasDeclarations(exported) : declarations;
        if (documented.some((d) => hasTag(d, 'internal'))) continue;
        const kinds = declarations.map((d) => valueKinds.get(d.kind) ?? typeKinds.get(d.kind)).filter(Boolean);
        const { line } = first.getSourceFile().getLineAndCharacterOfPosition(first.getStart());
        exports.set(target, {
          name: exported.name,
          subpath: entry.subpath,
          kind: declarations.some((d) => valueKinds.has(d.kind)) ? 'value' : 'type',
          declaredAs: kinds[0] ?? ts.SyntaxKind[first.kind],
          // A name another package declares is measured there, not here.
          foreign: !file.startsWith(pkg.dir + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`),
          location: `${path.relative(pkg.dir, file)}:${line + 1}`,
          hasExample: documented.some((d) => hasTag(d, 'example')),
        });
      }
    }
    const names = [...exports.values()].sort((a, b) => a.location.localeCompare(b.location, 'en', { numeric: true }));
    const own = names.filter((n) => !n.foreign);
    const tally = (kind) => {
      const all = own.filter((n) => n.kind === kind);
      const withExample = all.filter((n) => n.hasExample).length;
      return { total: all.length, withExample, percent: all.length === 0 ? 100 : (100 * withExample) / all.length };
    };
    return {
      package: pkg.folder,
      name: pkg.name,
      values: tally('value'),
      types: tally('type'),
      reexported: names.length - own.length,
      missingEntries,
      missing: own.filter((n) => !n.hasExample).map(({ name, subpath, kind, declaredAs, location }) => ({ name, subpath, kind, declaredAs, location })),
    };
  });
}

function formatPercent(percent) {
  return `${Math.floor(percent)}%`;
}

/** The summary table (and, with `missing`, each package's undocumented names) as text. */
export function formatReport(results, { missing = false } = {}) {
  const sum = (pick) => results.reduce((n, r) => n + pick(r), 0);
  const totalValues = sum((r) => r.values.total);
  const totalTypes = sum((r) => r.types.total);
  const rows = [
    ['package', 'values', '@example', '%', 'types', '@example', '%'],
    ...results.map((r) => [
      r.package,
      r.values.total,
      r.values.withExample,
      formatPercent(r.values.percent),
      r.types.total,
      r.types.withExample,
      formatPercent(r.types.percent),
    ]),
    [
      'total',
      totalValues,
      sum((r) => r.values.withExample),
      formatPercent(totalValues ? (100 * sum((r) => r.values.withExample)) / totalValues : 100),
      totalTypes,
      sum((r) => r.types.withExample),
      formatPercent(totalTypes ? (100 * sum((r) => r.types.withExample)) / totalTypes : 100),
    ],
  ].map((row) => row.map(String));
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  const lines = rows.map((row) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of results) {
    for (const entry of r.missingEntries) lines.push(`warning: ${r.name} exports ${entry}, which does not exist`);
  }
  if (missing) {
    for (const r of results) {
      if (r.missing.length === 0) continue;
      lines.push('', `${r.name} — without @example:`);
      for (const m of r.missing) {
        const where = m.subpath === '.' ? '' : ` (${m.subpath})`;
        lines.push(`  ${m.kind === 'value' ? 'value' : 'type '}  ${m.declaredAs.padEnd(9)} ${m.name}${where}  ${m.location}`);
      }
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  let options;
  let results;
  try {
    options = parseArgs(process.argv.slice(2));
    results = measure(selectPackages(listPackages(options.root), options.packages));
  } catch (error) {
    console.error(`example-coverage: ${error.message}`);
    process.exit(2);
  }
  console.log(options.json ? JSON.stringify(results, null, 2) : formatReport(results, options));
  if (options.min !== undefined) {
    const below = results.filter((r) => r.values.percent < options.min);
    if (below.length) {
      console.error(`Value exports with @example below ${options.min}%: ` + below.map((r) => `${r.package} (${formatPercent(r.values.percent)})`).join(', '));
      process.exit(1);
    }
  }
}
