import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { collectstaticCommand, createStaticUrl, hashedName, MANIFEST_NAME, readManifest } from '../src/index.js';
import { captureIo, commandContext, makeStaticProject, type StaticProject } from './support/static-project.js';

let project: StaticProject;
afterEach(() => project?.cleanup());

const CSS = [
  "@import 'base.css';",
  'body { background: url("images/background.png") no-repeat; }',
  "/* url('images/missing-but-commented.png') */",
  '.logo { background: url(/static/polls/images/background.png?v=1#top); }',
  '.font { src: url(data:font/woff2;base64,AAAA), url(https://cdn.example.com/x.woff2), url(#svg); }',
  '/*# sourceMappingURL=style.css.map */',
  '',
].join('\n');

function setup(): StaticProject {
  project = makeStaticProject();
  project.write('polls/static/polls/style.css', CSS);
  project.write('polls/static/polls/base.css', 'p { color: green; }\n'.repeat(50));
  project.write('polls/static/polls/style.css.map', '{"version":3}');
  project.write('polls/static/polls/images/background.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  project.write('polls/static/polls/app.js', 'console.log(1);\n'.repeat(40) + '//# sourceMappingURL=app.js.map\n');
  project.write('polls/static/polls/app.js.map', '{"version":3,"sources":[]}');
  project.write('polls/static/polls/.DS_Store', 'junk');
  return project;
}

async function collect(options: Record<string, unknown> = {}, io = captureIo()) {
  const code = await collectstaticCommand.run(commandContext(project.project, io, { noinput: true, verbosity: 1, ...options } as never));
  return { code, io, out: io.out.join(''), root: project.project.settings.STATIC_ROOT as string };
}

describe('collectstatic', () => {
  it('copies every file, writes hashed copies with rewritten references and a manifest', async () => {
    setup();
    const { code, out, root } = await collect();
    expect(code).toBe(0);
    expect(out).toContain(`6 static files copied to '${root}', 6 post-processed.`);
    expect(existsSync(path.join(root, 'polls/.DS_Store'))).toBe(false);
    const manifest = readManifest(root);
    const png = manifest.paths['polls/images/background.png']!;
    expect(png).toBe(hashedName('polls/images/background.png', readFileSync(path.join(root, 'polls/images/background.png'))));
    const hashedCss = readFileSync(path.join(root, manifest.paths['polls/style.css']!), 'utf8');
    expect(hashedCss).toContain(`@import '${path.posix.basename(manifest.paths['polls/base.css']!)}';`);
    expect(hashedCss).toContain(`url("images/${path.posix.basename(png)}")`);
    expect(hashedCss).toContain(`url(/static/${png}?v=1#top)`);
    expect(hashedCss).toContain("/* url('images/missing-but-commented.png') */");
    expect(hashedCss).toContain('url(data:font/woff2;base64,AAAA), url(https://cdn.example.com/x.woff2), url(#svg)');
    expect(hashedCss).toContain(`/*# sourceMappingURL=${path.posix.basename(manifest.paths['polls/style.css.map']!)} */`);
    expect(readFileSync(path.join(root, manifest.paths['polls/app.js']!), 'utf8')).toContain(
      `//# sourceMappingURL=${path.posix.basename(manifest.paths['polls/app.js.map']!)}`,
    );
    // The original keeps its own references.
    expect(readFileSync(path.join(root, 'polls/style.css'), 'utf8')).toBe(CSS);
    // The hash of a CSS file covers the names it points at.
    expect(manifest.paths['polls/style.css']).toBe(hashedName('polls/style.css', Buffer.from(hashedCss)));
  });

  it('writes gzip and brotli variants beside compressible files only', async () => {
    setup();
    const { root } = await collect();
    const hashedBase = path.join(root, readManifest(root).paths['polls/base.css']!);
    expect(gunzipSync(readFileSync(`${hashedBase}.gz`)).toString()).toBe(readFileSync(hashedBase, 'utf8'));
    expect(brotliDecompressSync(readFileSync(`${hashedBase}.br`)).toString()).toBe(readFileSync(hashedBase, 'utf8'));
    expect(existsSync(path.join(root, 'polls/base.css.br'))).toBe(true);
    expect(readdirSync(path.join(root, 'polls/images')).some((name) => name.endsWith('.gz') || name.endsWith('.br'))).toBe(false);
  });

  it('names the CSS file and line of a reference to a missing file', async () => {
    project = makeStaticProject();
    project.write('polls/static/polls/style.css', 'a {}\nb {}\nli { background: url("images/nope.gif"); }\n');
    await expect(collect()).rejects.toThrow(
      /'polls\/style\.css' \(line 3\) references 'images\/nope\.gif', which could not be found as 'polls\/images\/nope\.gif'/,
    );
  });

  it('reports a reference cycle instead of looping', async () => {
    project = makeStaticProject();
    project.write('polls/static/polls/a.css', "@import 'b.css';");
    project.write('polls/static/polls/b.css', "@import 'a.css';");
    await expect(collect()).rejects.toThrow(/cycle: polls\/a\.css -> polls\/b\.css -> polls\/a\.css/);
  });

  it('skips unmodified files on a second run, and --clear starts over', async () => {
    setup();
    await collect();
    const again = await collect();
    expect(again.out).toContain('0 static files copied to');
    expect(again.out).toContain('6 unmodified');
    project.write('staticfiles/stale.txt', 'old');
    const cleared = await collect({ clear: true });
    expect(cleared.out).toContain('6 static files copied');
    expect(existsSync(path.join(cleared.root, 'stale.txt'))).toBe(false);
  });

  it('--dry-run writes nothing, -i ignores patterns, and --no-default-ignore keeps dotfiles', async () => {
    setup();
    const dry = await collect({ dryRun: true });
    expect(dry.out).toContain('6 static files would be copied');
    expect(existsSync(dry.root)).toBe(false);
    const all = await collect({ noDefaultIgnore: true });
    expect(all.out).toContain('7 static files copied');
    const shadow = project.write('shop/static/polls/base.css', 'shadowed');
    const again = await collect({ clear: true });
    expect(again.out).toContain(
      `Found another file with the destination path 'polls/base.css'. It will be ignored since only the first encountered file is collected. (${shadow})`,
    );
    project.cleanup();
    project = makeStaticProject();
    project.write('polls/static/polls/a.css', 'a {}');
    project.write('polls/static/polls/src/a.scss', '$a: 1;');
    project.write('polls/static/polls/notes.txt', 'notes');
    const ignored = await collect({ ignore: ['*.txt', 'polls/src'] });
    expect(ignored.out).toContain('1 static file copied');
    expect(existsSync(path.join(ignored.root, 'polls/src'))).toBe(false);
  });

  it('asks before overwriting and stops on anything but yes', async () => {
    setup();
    const io = captureIo({ interactive: true, answers: ['no'] });
    await expect(collectstaticCommand.run(commandContext(project.project, io, { verbosity: 1 }))).rejects.toThrow('Collecting static files cancelled.');
    expect(io.out.join('')).toContain('This will overwrite existing files!');
    const yes = captureIo({ interactive: true, answers: ['yes'] });
    expect(await collectstaticCommand.run(commandContext(project.project, yes, { verbosity: 1 }))).toBe(0);
  });

  it('draws a progress bar on a terminal', async () => {
    setup();
    const { out } = await collect({}, captureIo({ tty: true }));
    expect(out).toContain('\r[##############################] 6/6 files\n');
  });

  it('needs STATIC_ROOT, and says so', async () => {
    project = makeStaticProject({ STATIC_ROOT: null });
    await expect(collect()).rejects.toThrow(/without having set the STATIC_ROOT setting/);
  });
});

describe('static() for templates', () => {
  it('gives hashed names with DEBUG off, plain ones with DEBUG on, and names a file missing from the manifest', async () => {
    setup();
    const { root } = await collect();
    const production = createStaticUrl({ staticUrl: '/static/', staticRoot: root, debug: false });
    expect(production('polls/style.css')).toBe(`/static/${readManifest(root).paths['polls/style.css']}`);
    expect(production('polls/images/background.png?x=1')).toMatch(/^\/static\/polls\/images\/background\.[0-9a-f]{12}\.png\?x=1$/);
    expect(() => production('polls/nope.css')).toThrow(`Missing staticfiles manifest entry for 'polls/nope.css' in ${path.join(root, MANIFEST_NAME)}`);
    expect(createStaticUrl({ staticUrl: '/static/', staticRoot: root, debug: true })('polls/style.css')).toBe('/static/polls/style.css');
    expect(() => createStaticUrl({ staticUrl: '/static/', staticRoot: path.join(root, 'none'), debug: false })('a.css')).toThrow(
      /Run 'manouche collectstatic'/,
    );
  });
});
