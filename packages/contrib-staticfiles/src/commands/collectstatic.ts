/** `manouche collectstatic`: copies every static file into STATIC_ROOT with hashed names, a manifest and compressed variants. */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CommandError, type Command, type CommandContext } from '@manouche/contracts';
import { compressedVariants, isCompressible } from '../compressed-variants.js';
import { StaticFilesError } from '../errors.js';
import { createFinders, DEFAULT_IGNORE_PATTERNS } from '../finders.js';
import { hashFiles } from '../hashed-names.js';
import { MANIFEST_NAME, type Manifest } from '../manifest.js';
import { projectStaticRoot, projectStaticUrl } from '../project-settings.js';

function progressBar(write: (text: string) => void, total: number) {
  let last = -1;
  return {
    tick(done: number) {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (percent === last) return;
      last = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} files`);
    },
    end() {
      write('\n');
    },
  };
}

function writeVariants(file: string, content: Buffer, name: string): void {
  if (!isCompressible(name)) return;
  const variants = compressedVariants(content);
  for (const suffix of ['gz', 'br'] as const) {
    const variant = variants[suffix];
    if (variant) writeFileSync(`${file}.${suffix}`, variant);
    else rmSync(`${file}.${suffix}`, { force: true });
  }
}

async function run({ options, io, project: loadProject }: CommandContext): Promise<number> {
  const project = await loadProject();
  const staticRoot = projectStaticRoot(project);
  const dryRun = options.dryRun === true;
  const verbosity = typeof options.verbosity === 'number' ? options.verbosity : 1;
  const ignore = [...(options.noDefaultIgnore === true ? [] : DEFAULT_IGNORE_PATTERNS), ...((options.ignore as string[] | undefined) ?? [])];
  const noInput = options.noinput === true || options.noInput === true;

  if (!noInput && io.interactive && !dryRun) {
    const what =
      options.clear === true
        ? 'This will DELETE ALL FILES in this location!\nAre you sure you want to do this?'
        : 'This will overwrite existing files!\nAre you sure you want to do this?';
    const answer = await io.prompt(
      `\nYou have requested to collect static files at the destination\nlocation as specified in your settings:\n\n    ${staticRoot}\n\n${what}\n\nType 'yes' to continue, or 'no' to cancel: `,
    );
    if (answer.trim() !== 'yes') throw new CommandError('Collecting static files cancelled.');
  }

  const say = (text: string, level = 1) => {
    if (verbosity >= level) io.stdout.write(`${text}\n`);
  };
  if (options.clear === true) {
    let entries: string[] = [];
    try {
      entries = readdirSync(staticRoot);
    } catch {
      // Nothing to clear yet.
    }
    for (const entry of entries) {
      say(dryRun ? `Pretending to delete '${entry}'` : `Deleting '${entry}'`, 2);
      if (!dryRun) rmSync(path.join(staticRoot, entry), { recursive: true, force: true });
    }
  }

  const finders = createFinders({
    baseDir: project.baseDir,
    staticfilesDirs: project.settings.STATICFILES_DIRS,
    apps: project.apps.getAppConfigs(),
    staticRoot,
  });
  const files = finders.list(ignore, (shadowed) =>
    say(
      `Found another file with the destination path '${shadowed.name}'. It will be ignored since only the first encountered file is collected. (${shadowed.absolute})`,
    ),
  );
  const tty = (io.stdout as { isTTY?: boolean }).isTTY === true && verbosity >= 1;
  const bar = tty ? progressBar((text) => io.stdout.write(text), files.length) : undefined;
  let copied = 0;
  let unmodified = 0;
  files.forEach((file, index) => {
    const target = path.join(staticRoot, ...file.name.split('/'));
    const source = statSync(file.absolute);
    let current: ReturnType<typeof statSync> | undefined;
    try {
      current = statSync(target);
    } catch {
      current = undefined;
    }
    if (current && options.clear !== true && Math.floor(current.mtimeMs / 1000) >= Math.floor(source.mtimeMs / 1000) && current.size === source.size) {
      unmodified++;
      say(`Skipping '${file.name}' (not modified)`, 2);
    } else if (dryRun) {
      copied++;
      say(`Pretending to copy '${file.absolute}'`, 2);
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(file.absolute, target);
      utimesSync(target, source.atime, source.mtime);
      copied++;
      say(`Copying '${file.absolute}'`, 2);
    }
    bar?.tick(index + 1);
  });
  bar?.end();

  let postProcessed = 0;
  if (!dryRun) {
    let hashed: ReturnType<typeof hashFiles>;
    try {
      hashed = hashFiles(files, { staticUrl: projectStaticUrl(project) });
    } catch (error) {
      if (error instanceof StaticFilesError) throw new CommandError(`Post-processing failed: ${error.message}`);
      throw error;
    }
    const paths: Record<string, string> = {};
    for (const result of hashed.values()) {
      paths[result.name] = result.hashedName;
      // The original keeps its own bytes (Django's ManifestStaticFilesStorage); the hashed copy has the rewritten references.
      const original = path.join(staticRoot, ...result.name.split('/'));
      const hashedFile = path.join(staticRoot, ...result.hashedName.split('/'));
      writeFileSync(hashedFile, result.content);
      utimesSync(hashedFile, statSync(original).atime, statSync(original).mtime);
      writeVariants(hashedFile, result.content, result.name);
      writeVariants(original, readFileSync(original), result.name);
      postProcessed++;
      say(`Post-processed '${result.name}' as '${result.hashedName}'`, 2);
    }
    const manifest: Manifest = { version: '1.1', paths, hash: hashOfPaths(paths) };
    mkdirSync(staticRoot, { recursive: true });
    writeFileSync(path.join(staticRoot, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  const parts = [`${copied} static file${copied === 1 ? '' : 's'} ${dryRun ? 'would be copied' : 'copied'} to '${staticRoot}'`];
  if (unmodified) parts.push(`${unmodified} unmodified`);
  if (postProcessed) parts.push(`${postProcessed} post-processed`);
  say(`\n${parts.join(', ')}.`);
  return 0;
}

function hashOfPaths(paths: Record<string, string>): string {
  return Object.values(paths)
    .map((name) => /\.([0-9a-f]{12})(\.|$)/.exec(name)?.[1] ?? '')
    .join('')
    .slice(0, 12);
}

/**
 * `collectstatic`: Django's command, with ManifestStaticFilesStorage's hashed names and a gzip and
 * brotli variant beside each compressible file.
 *
 * @example
 * // manouche collectstatic --noinput --clear -i '*.scss'
 */
export const collectstaticCommand: Command = {
  name: 'collectstatic',
  help: 'Collect static files in a single location (STATIC_ROOT), with content-hashed names and a manifest.',
  description:
    "Copies the files of STATICFILES_DIRS and every installed app's static/ folder (first match wins) into STATIC_ROOT, " +
    'writes name.<hash>.ext copies with CSS url()/@import and sourceMappingURL references rewritten, staticfiles.json, and .gz/.br variants.',
  options: [
    { name: 'noinput', type: 'boolean', help: 'Do NOT prompt the user for input of any kind.' },
    { name: 'no-input', type: 'boolean', help: 'Same as --noinput.' },
    { name: 'clear', short: 'c', type: 'boolean', help: 'Clear the existing files in STATIC_ROOT before copying.' },
    { name: 'dry-run', short: 'n', type: 'boolean', help: 'Do everything except modify the filesystem.' },
    { name: 'ignore', short: 'i', type: 'string', multiple: true, help: 'Ignore files, folders or paths matching this glob-style pattern. Repeatable.' },
    { name: 'no-default-ignore', type: 'boolean', help: "Don't ignore the common patterns 'CVS', '.*' and '*~'." },
    { name: 'verbosity', short: 'v', type: 'number', default: 1, help: '0 = minimal output, 1 = normal, 2 = every file.' },
  ],
  run,
};
