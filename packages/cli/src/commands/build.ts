import type { Command } from '@manouche/contracts';
import { build, type Message } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BuildError } from '../errors.js';
import { renderScaffold, SCAFFOLD_DIR } from '../scaffold.js';

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test', 'tests', '.git']);

/**
 * Every TypeScript module of the project that the server may import at run time, by dotted name.
 *
 * @example
 * projectModules('/srv/mysite', '/srv/mysite/dist').get('blog.views'); // '/srv/mysite/blog/views.ts'
 */
export function projectModules(baseDir: string, outDir: string): Map<string, string> {
  const modules = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.') && full !== outDir) walk(full);
        continue;
      }
      if (!/\.m?tsx?$/.test(entry.name) || /\.d\.m?ts$/.test(entry.name) || /(^tests\.ts$|\.test\.ts$|\.spec\.ts$)/.test(entry.name)) continue;
      const relative = path.relative(baseDir, full).replace(/\.m?tsx?$/, '');
      const dotted = relative.split(path.sep).join('.');
      modules.set(dotted, full);
      if (path.basename(relative) === 'index' && path.dirname(relative) !== '.') modules.set(path.dirname(relative).split(path.sep).join('.'), full);
    }
  };
  walk(baseDir);
  return modules;
}

/**
 * `manouche build [--outdir dist]`: bundles the project's TypeScript (settings, URLconfs, models,
 * views, migrations) with esbuild into one production entry, `dist/server.mjs`, which serves the
 * project with `node dist/server.mjs [addr:port]`. Dependencies stay in node_modules.
 *
 * @example
 * // $ npx manouche build && node dist/server.mjs 0.0.0.0:8000
 */
export const buildCommand: Command = {
  name: 'build',
  help: 'Bundles the project with esbuild into dist/server.mjs, a production server entry.',
  options: [
    { name: 'outdir', type: 'string', default: 'dist', help: 'The output folder, relative to the project' },
    { name: 'minify', type: 'boolean', help: 'Minify the bundle' },
  ],
  async run({ options, io, project }) {
    const loaded = await project();
    const baseDir = loaded.baseDir;
    const outDir = path.resolve(baseDir, options.outdir as string);
    const outfile = path.join(outDir, 'server.mjs');
    const modules = projectModules(baseDir, outDir);
    const toImport = (file: string) => JSON.stringify(`./${path.relative(baseDir, file).split(path.sep).join('/')}`);
    const template = path.join(SCAFFOLD_DIR, 'build', 'server-entry.mjs.tpl');
    const entry = renderScaffold(
      readFileSync(template, 'utf8'),
      {
        settings_module: JSON.stringify(loaded.settingsModule),
        base_dir: JSON.stringify(path.relative(outDir, baseDir).split(path.sep).join('/') || '.'),
        modules: [...modules].map(([name, file]) => `  ${JSON.stringify(name)}: () => import(${toImport(file)}),`).join('\n'),
      },
      template,
    );
    try {
      const result = await build({
        stdin: { contents: entry, resolveDir: baseDir, sourcefile: 'manouche-server-entry.mjs', loader: 'js' },
        outfile,
        bundle: true,
        packages: 'external',
        platform: 'node',
        format: 'esm',
        target: 'node20.19',
        sourcemap: true,
        minify: options.minify === true,
        metafile: true,
        logLevel: 'silent',
        banner: { js: '#!/usr/bin/env node' },
      });
      const bytes =
        result.metafile.outputs[path.relative(process.cwd(), outfile)]?.bytes ?? Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
      io.stdout.write(
        `Built ${path.relative(baseDir, outfile)} (${modules.size} project modules, ${(bytes / 1024).toFixed(1)} KiB).\nRun it with: node ${path.relative(baseDir, outfile)} [addr:port]\n`,
      );
    } catch (error) {
      const errors = (error as { errors?: Message[] }).errors;
      if (!errors?.length) throw error;
      throw new BuildError(
        `The build failed:\n${errors.map((e) => (e.location ? `${path.resolve(baseDir, e.location.file)}:${e.location.line}:${e.location.column + 1}: ${e.text}` : e.text)).join('\n')}`,
      );
    }
  },
};
