/**
 * Runs the CLI the way users do: in a child process, from a bundle of the package's source
 * (built once per test file with esbuild, like the package build), so the TypeScript loader
 * hooks run on Node's real loader thread.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The dispatcher script: the CLI's commands plus test commands, and a project loader that imports the settings and each app's models. */
const RUNNER = `
import { runCli, cliCommands } from './index.js';
import { CommandError } from './contracts.js';
const inspectProject = {
  name: 'inspect', help: 'Prints what the project loader saw.',
  async run({ io, project }) {
    const p = await project();
    io.stdout.write(JSON.stringify(p.report) + '\\n');
  },
};
const fail = { name: 'fail', help: 'Fails cleanly.', async run() { throw new CommandError('the thing went wrong', 3); } };
const crash = { name: 'crash', help: 'Imports a module and calls its crash().', args: [{ name: 'module', help: 'a dotted module' }],
  async run({ args, project }) { const p = await project(); const m = await p.importModule(args.module); m.crash(); } };
const builtins = { name: 'builtins', help: 'Prints which of the given node built-ins this process has loaded.', args: [{ name: 'names', help: 'comma-separated' }],
  async run({ args, io }) { io.stdout.write(JSON.stringify(args.names.split(',').filter((n) => process.moduleLoadList.includes('NativeModule ' + n))) + '\\n'); } };
process.exitCode = await runCli(process.argv.slice(2), {
  commands: [...cliCommands(), inspectProject, fail, crash, builtins],
  async loadProject(o) {
    const settings = (await o.importModule(o.settingsModule)).default;
    const apps = (settings.INSTALLED_APPS ?? []).map((name) => ({ name, label: name, path: o.baseDir + '/' + name }));
    const models = {};
    for (const app of apps) models[app.name] = Object.keys(await o.importModule(app.name + '.models'));
    return {
      baseDir: o.baseDir, settingsModule: o.settingsModule, settings,
      apps: { getAppConfigs: () => apps },
      importModule: o.importModule,
      async application() {
        if (settings.URLCONF_ERROR) throw new Error(settings.URLCONF_ERROR);
        return async () => {};
      },
      report: { settingsModule: o.settingsModule, settingsSource: o.settingsSource, settingsFile: o.settingsFile, baseDir: o.baseDir, settings, models },
      async close() {},
    };
  },
});
`;

/** Bundles the CLI into a temporary folder inside the package (so `esbuild` resolves) and returns a runner. */
export async function buildCli(): Promise<{
  run: (args: string[], options?: { cwd?: string; env?: Record<string, string | undefined>; input?: string }) => Promise<CliRun>;
  dispose: () => void;
}> {
  const tmpRoot = path.join(packageDir, 'tmp');
  mkdirSync(tmpRoot, { recursive: true });
  const outdir = mkdtempSync(path.join(tmpRoot, 'cli-'));
  await build({
    entryPoints: {
      index: path.join(packageDir, 'src/index.ts'),
      'loader-hooks': path.join(packageDir, 'src/loader-hooks.ts'),
      contracts: path.join(packageDir, '../contracts/src/index.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: ['esbuild'],
    conditions: ['source'],
    logLevel: 'warning',
  });
  writeFileSync(path.join(outdir, 'runner.mjs'), RUNNER);
  const run = (args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}) =>
    new Promise<CliRun>((resolve, reject) => {
      const env: Record<string, string | undefined> = { ...process.env, MANOUCHE_SETTINGS_MODULE: undefined, ...options.env };
      const child = spawn(process.execPath, [path.join(outdir, 'runner.mjs'), ...args], {
        cwd: options.cwd ?? os.tmpdir(),
        env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(options.input ?? '');
    });
  return { run, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** A throwaway folder with the given files (paths relative to it). */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'manouche-cli-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}
