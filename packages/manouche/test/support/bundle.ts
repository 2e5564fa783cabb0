/**
 * Runs TypeScript entry points (examples, the bin) as users run the built package: in a child
 * process. Each entry is bundled with esbuild from the workspace's TypeScript source (the
 * "source" condition), so the tests need no prior build; native drivers and esbuild stay external.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXTERNAL = ['better-sqlite3', 'pg', 'mysql2', 'mysql2/promise', 'esbuild', 'vitest', 'vitest/node', '@node-rs/argon2'];

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Bundle {
  /** Absolute path of a bundled entry, by the key it was given. */
  file(name: string): string;
  dispose(): void;
}

/** Bundles `entries` (name → TypeScript file) together with the CLI's loader hooks into a temporary folder inside the package. */
export async function bundle(entries: Record<string, string>): Promise<Bundle> {
  const tmp = path.join(packageDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const outdir = mkdtempSync(path.join(tmp, 'bundle-'));
  await build({
    entryPoints: { ...entries, 'loader-hooks': path.join(packageDir, '../cli/src/loader-hooks.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    conditions: ['source'],
    external: EXTERNAL,
    sourcemap: 'inline',
    logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  writeFileSync(path.join(outdir, 'package.json'), JSON.stringify({ type: 'module' }));
  return { file: (name) => path.join(outdir, `${name}.js`), dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** Runs `node file ...args` and collects its output. */
export function runNode(
  file: string,
  args: string[] = [],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, MANOUCHE_SETTINGS_MODULE: undefined, ...options.env };
    const child = spawn(process.execPath, ['--enable-source-maps', file, ...args], {
      cwd: options.cwd ?? os.tmpdir(),
      env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A throwaway copy of a fixture folder. */
export function tempDir(prefix = 'manouche-meta-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The meta-package bundled from source as an installed copy: `<dir>/package.json` maps every subpath to its bundle. */
export interface MetaPackage extends Bundle {
  dir: string;
  /** Makes `<projectDir>/node_modules/manouche` this bundle, as `npm install manouche` would. */
  linkInto(projectDir: string): void;
}

/** Bundles every export of the `manouche` package (bin and register included) from source, sharing one copy of each layer. */
export async function bundleMetaPackage(): Promise<MetaPackage> {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { exports: Record<string, { source: string }> };
  const entries: Record<string, string> = {};
  const exportsMap: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const name = subpath === '.' ? 'index' : subpath.slice(2);
    entries[name] = path.join(packageDir, target.source);
    exportsMap[subpath] = `./${name}.js`;
  }
  const bundled = await bundle(entries);
  const dir = path.dirname(bundled.file('index'));
  // The CLI reads its scaffolding templates and version from its package folder: here, the bundle's.
  const cli = JSON.parse(readFileSync(path.join(packageDir, '../cli/package.json'), 'utf8')) as { version: string };
  cpSync(path.join(packageDir, '../cli/scaffold'), path.join(dir, 'scaffold'), { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'manouche', version: cli.version, type: 'module', bin: { manouche: './bin.js' }, exports: exportsMap }),
  );
  return {
    ...bundled,
    dir,
    linkInto(projectDir) {
      mkdirSync(path.join(projectDir, 'node_modules'), { recursive: true });
      symlinkSync(dir, path.join(projectDir, 'node_modules', 'manouche'), 'dir');
    },
  };
}
