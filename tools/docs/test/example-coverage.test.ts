import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve(__dirname, '../example-coverage.mjs');
const fixtures: string[] = [];

function fixtureRepo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'manouche-example-coverage-'));
  fixtures.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

function manifest(name: string, exports: Record<string, string>): string {
  return JSON.stringify({
    name,
    type: 'module',
    exports: { ...Object.fromEntries(Object.entries(exports).map(([k, source]) => [k, { source, import: source }])), './package.json': './package.json' },
  });
}

function run(root: string, ...args: string[]) {
  return spawnSync(process.execPath, [script, '--root', root, ...args], { encoding: 'utf8' });
}

// A package with every kind of export: documented and not, values and types, re-exported by name, by
// `export *`, through a second entry, destructured, overloaded, @internal.
const shop = {
  'packages/shop/package.json': manifest('@demo/shop', { '.': './src/index.ts', './extra': './src/extra.ts' }),
  'packages/shop/src/index.ts': [
    "export { cart, Basket, type CartOptions, type Line } from './cart.js';",
    "export * from './money.js';",
    "export * as units from './units.js';",
  ].join('\n'),
  'packages/shop/src/cart.ts': [
    '/**',
    ' * Makes a cart.',
    ' *',
    ' * @example',
    " * cart('eur');",
    ' */',
    'export function cart(currency: string): Basket;',
    'export function cart(currency: string, size: number): Basket;',
    'export function cart(currency: string, size = 0): Basket { return new Basket(currency, size); }',
    '/** A basket, without an example. */',
    'export class Basket { constructor(readonly currency: string, readonly size: number) {} }',
    '/**',
    ' * @example',
    " * const options: CartOptions = { currency: 'eur' };",
    ' */',
    'export interface CartOptions { currency: string }',
    'export type Line = { sku: string };',
  ].join('\n'),
  'packages/shop/src/money.ts': [
    '/**',
    ' * @example',
    ' * const [cents] = [100];',
    ' */',
    'export const { euro, dollar } = { euro: 1, dollar: 2 };',
    'export const rate = 1.1;',
    '/** @internal */',
    'export const secretRate = 2;',
  ].join('\n'),
  'packages/shop/src/units.ts': 'export const gram = 1;\n',
  'packages/shop/src/extra.ts': ["export { cart } from './cart.js';", '/** @example discount(1) */', 'export function discount(n: number) { return n; }'].join(
    '\n',
  ),
  'packages/other/package.json': manifest('@demo/other', { '.': './src/index.ts' }),
  'packages/other/src/index.ts': '/**\n * @example\n * other();\n */\nexport function other() {}\n',
};

afterEach(() => {
  for (const dir of fixtures.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('example-coverage', () => {
  it('counts each public value and type once, with or without @example, across entries', () => {
    const out = run(fixtureRepo(shop), 'shop', '--json');
    expect(out.status).toBe(0);
    const [report] = JSON.parse(out.stdout);
    // values: cart, Basket, euro, dollar, rate, units (namespace), discount; secretRate is @internal.
    expect(report.values).toEqual({ total: 7, withExample: 4, percent: (100 * 4) / 7 });
    expect(report.types).toEqual({ total: 2, withExample: 1, percent: 50 });
    expect(report.missing.map((m: { name: string }) => m.name).sort()).toEqual(['Basket', 'Line', 'rate', 'units']);
    expect(report.missing.find((m: { name: string }) => m.name === 'Basket')).toMatchObject({ kind: 'value', declaredAs: 'class', location: 'src/cart.ts:11' });
  });

  it('prints a table for every package, and the undocumented names with --missing', () => {
    const root = fixtureRepo(shop);
    const table = run(root);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^shop\s+7\s+4\s+57%\s+2\s+1\s+50%$/m);
    expect(table.stdout).toMatch(/^other\s+1\s+1\s+100%\s+0\s+0\s+100%$/m);
    expect(table.stdout).not.toContain('without @example');
    const missing = run(root, '@demo/shop', '--missing');
    expect(missing.stdout).toContain('@demo/shop — without @example:');
    expect(missing.stdout).toMatch(/value {2}class {5}Basket {2}src\/cart\.ts:11/);
    expect(missing.stdout).not.toContain('secretRate');
  });

  it('exits 1 with --min when a package falls below it, naming the package, and 0 otherwise', () => {
    const root = fixtureRepo(shop);
    const below = run(root, '--min', '95');
    expect(below.status).toBe(1);
    expect(below.stderr).toContain('below 95%: shop (57%)');
    expect(run(root, 'other', '--min', '95').status).toBe(0);
  });

  it('counts a name re-exported from another package where it is declared', () => {
    const root = fixtureRepo({
      ...shop,
      'packages/shop/package.json': manifest('@demo/shop', { '.': './src/index.ts' }),
      'packages/shop/src/index.ts': "export { other } from '../../other/src/index.js';\nexport const own = 1;\n",
    });
    const [report] = JSON.parse(run(root, 'shop', '--json').stdout);
    expect(report.values.total).toBe(1);
    expect(report.reexported).toBe(1);
  });

  it('names an unknown package, an unknown option and a bad --min, exiting 2', () => {
    const root = fixtureRepo(shop);
    expect(run(root, 'shpo').stderr).toContain('Unknown package "shpo". Known: other, shop.');
    expect(run(root, '--verbose').stderr).toContain('Unknown option "--verbose"');
    const bad = run(root, '--min', 'lots');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--min expects a percentage from 0 to 100, got "lots".');
  });

  it('reports this repository without failing', () => {
    const out = spawnSync(process.execPath, [script, 'routing'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^routing\s+\d+\s+\d+\s+\d+%/m);
  });
});
