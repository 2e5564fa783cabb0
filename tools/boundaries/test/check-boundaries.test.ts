import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve(__dirname, '../check-boundaries.mjs');
const fixtures: string[] = [];

function fixtureRepo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'manouche-boundaries-'));
  fixtures.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

const routingManifest = JSON.stringify({ name: '@manouche/routing', dependencies: { '@manouche/contracts': 'workspace:*', 'find-my-way': '^9' } });

afterEach(() => {
  for (const dir of fixtures.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('check-boundaries', () => {
  it('passes on this repository', () => {
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(out).toContain('Dependency boundaries hold');
  });

  it('passes a layer that imports only the interface packages, its library and node built-ins', () => {
    const root = fixtureRepo({
      'packages/routing/package.json': routingManifest,
      'packages/routing/src/index.ts':
        "import type { UrlResolver } from '@manouche/contracts';\nimport FindMyWay from 'find-my-way';\nimport { URL } from 'node:url';\nimport { x } from './x.js';\n",
    });
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(run.status).toBe(0);
  });

  it('fails when a layer imports another layer, naming the file, line and import', () => {
    const root = fixtureRepo({
      'packages/routing/package.json': routingManifest,
      'packages/routing/src/index.ts': "export const a = 1;\nimport { Post } from '@manouche/orm';\n",
    });
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('packages/routing/src/index.ts:2: @manouche/routing imports "@manouche/orm"');
  });

  it('catches dynamic imports and subpath imports of another layer', () => {
    const root = fixtureRepo({
      'packages/routing/package.json': routingManifest,
      'packages/routing/src/lazy.ts': "export const load = () => import('@manouche/templates/filters');\n",
    });
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('imports "@manouche/templates/filters"');
  });

  it('fails when package.json declares a dependency on another layer', () => {
    const root = fixtureRepo({
      'packages/routing/package.json': JSON.stringify({ name: '@manouche/routing', dependencies: { '@manouche/core': 'workspace:*' } }),
    });
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('@manouche/routing depends on @manouche/core');
  });

  it('fails for a package the graph does not know', () => {
    const root = fixtureRepo({ 'packages/rogue/package.json': JSON.stringify({ name: '@manouche/rogue' }) });
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('@manouche/rogue has no entry in allowed-graph.json');
  });
});

describe('importSpecifiers', () => {
  it('reads multi-line and type-only imports but not import-like text inside strings', async () => {
    const { importSpecifiers } = await import('../check-boundaries.mjs');
    const source = [
      'import {',
      '  a,',
      '  b,',
      "} from '@manouche/contracts';",
      "import type { X } from 'find-my-way';",
      "export * from './local.js';",
      'const message = "add the app, then import \'blog.models\' again";',
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['@manouche/contracts', 'find-my-way', './local.js']);
  });
});
