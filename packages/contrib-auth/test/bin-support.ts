/**
 * The `manouche` command as users run it: the meta-package's bin bundled from the workspace's
 * TypeScript source (as packages/manouche/test does), run in child processes, with a pseudo-terminal
 * (util-linux `script`) for the interactive commands.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const metaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../manouche');
const EXTERNAL = ['better-sqlite3', 'pg', 'mysql2', 'mysql2/promise', 'esbuild', '@node-rs/argon2', 'vitest', 'vitest/*', '@vitest/*', 'vite'];

export interface BinBundle {
  bin: string;
  linkInto(projectDir: string): void;
  dispose(): void;
}

/** Bundles the meta-package (bin and the subpaths a project imports) into a folder inside packages/manouche, where its drivers resolve. */
export async function bundleBin(): Promise<BinBundle> {
  const tmp = path.join(metaDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const outdir = mkdtempSync(path.join(tmp, 'auth-bin-'));
  const manifest = (await import(path.join(metaDir, 'package.json'), { with: { type: 'json' } })).default as { exports: Record<string, { source?: string }> };
  const entries: Record<string, string> = { 'loader-hooks': path.join(metaDir, '../cli/src/loader-hooks.ts') };
  const exportsMap: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (!target.source) continue;
    const name = subpath === '.' ? 'index' : subpath.slice(2);
    entries[name] = path.join(metaDir, target.source);
    exportsMap[subpath] = `./${name}.js`;
  }
  await build({
    entryPoints: entries,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    conditions: ['source'],
    external: EXTERNAL,
    logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  cpSync(path.join(metaDir, '../cli/scaffold'), path.join(outdir, 'scaffold'), { recursive: true });
  writeFileSync(
    path.join(outdir, 'package.json'),
    JSON.stringify({ name: 'manouche', version: '0.1.0', type: 'module', bin: { manouche: './bin.js' }, exports: exportsMap }),
  );
  return {
    bin: path.join(outdir, 'bin.js'),
    linkInto(projectDir) {
      mkdirSync(path.join(projectDir, 'node_modules'), { recursive: true });
      symlinkSync(outdir, path.join(projectDir, 'node_modules', 'manouche'), 'dir');
    },
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin ...args` without a terminal. */
export function runBin(bin: string, args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(
      Object.entries({ ...process.env, MANOUCHE_SETTINGS_MODULE: undefined, CI: undefined, ...options.env }).filter(([, v]) => v !== undefined),
    ) as NodeJS.ProcessEnv;
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}

/**
 * Runs `node bin ...args` on a pseudo-terminal and answers each prompt as it appears:
 * `dialogue` is a list of [prompt text, answer] in order. Returns the terminal's output.
 */
export function runBinInTerminal(
  bin: string,
  args: string[],
  dialogue: Array<[string, string]>,
  options: { cwd: string },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, bin, ...args].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
    const env = Object.fromEntries(
      Object.entries({ ...process.env, MANOUCHE_SETTINGS_MODULE: undefined, CI: undefined }).filter(([, v]) => v !== undefined),
    ) as NodeJS.ProcessEnv;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: options.cwd, env });
    let output = '';
    let searchFrom = 0;
    const pending = [...dialogue];
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      while (pending.length > 0) {
        const at = output.indexOf(pending[0]![0], searchFrom);
        if (at === -1) break;
        searchFrom = at + pending[0]![0].length;
        child.stdin.write(`${pending.shift()![1]}\r`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A throwaway folder. */
export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'manouche-auth-'));
}

/** A `manouche runserver` child serving on a free port. */
export interface RunningServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `runserver 127.0.0.1:0 --noreload` and waits for its address. */
export function startServer(bin: string, cwd: string): Promise<RunningServer> {
  const env = Object.fromEntries(
    Object.entries({ ...process.env, MANOUCHE_SETTINGS_MODULE: undefined, CI: undefined }).filter(([, v]) => v !== undefined),
  ) as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [bin, 'runserver', '127.0.0.1:0', '--noreload'], { cwd, env });
  let output = '';
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runserver did not start within 60 s:\n${output}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /Starting development server at (http:\/\/\S+?)\/?\n/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          output: () => output,
          async stop() {
            child.kill('SIGTERM');
            await closed;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`runserver exited with ${code}:\n${output}`));
    });
  });
}
