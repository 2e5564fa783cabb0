/**
 * manouche.contrib.staticfiles through the `manouche` bin in child processes: findstatic,
 * collectstatic, `static()` in templates, runserver serving the finders in DEBUG and STATIC_ROOT
 * in production, reloading on change, and dying with its parent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleMetaPackage, packageDir, runNode, tempDir, type MetaPackage } from './support/bundle.js';

let meta: MetaPackage;
beforeAll(async () => {
  meta = await bundleMetaPackage();
}, 60_000);
afterAll(() => meta?.dispose());

const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
});

async function project(): Promise<string> {
  const dir = tempDir();
  cpSync(path.join(packageDir, 'examples/full-framework'), dir, { recursive: true });
  meta.linkInto(dir);
  const settings = readFileSync(path.join(dir, 'site/settings.ts'), 'utf8')
    .replace("INSTALLED_APPS: ['notes']", "INSTALLED_APPS: ['notes', 'manouche.contrib.staticfiles']")
    .replace("STATIC_URL: '/static/',", "STATIC_URL: '/static/',\n  STATIC_ROOT: 'staticfiles',\n  MEDIA_URL: '/media/',\n  MEDIA_ROOT: 'media',");
  writeFileSync(path.join(dir, 'site/settings.ts'), settings);
  writeFileSync(path.join(dir, 'site/production.ts'), "import base from './settings.js';\n\nexport default { ...base, DEBUG: false };\n");
  mkdirSync(path.join(dir, 'notes/static/notes/images'), { recursive: true });
  writeFileSync(path.join(dir, 'notes/static/notes.css'), "li a { color: green; }\nbody { background: white url('notes/images/background.gif') no-repeat; }\n");
  writeFileSync(path.join(dir, 'notes/static/notes/images/background.gif'), Buffer.from('GIF89a-not-really'));
  mkdirSync(path.join(dir, 'media'), { recursive: true });
  writeFileSync(path.join(dir, 'media/upload.txt'), 'uploaded');
  const migrated = await runNode(meta.file('bin'), ['migrate'], { cwd: dir });
  if (migrated.code !== 0) throw new Error(migrated.stderr);
  return dir;
}

const manouche = (cwd: string, args: string[]) => runNode(meta.file('bin'), args, { cwd });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, from?: number) => Promise<RegExpExecArray>;
}

function start(cwd: string, args: string[]): Started {
  const child = spawn(process.execPath, ['--enable-source-maps', meta.file('bin'), ...args], { cwd, env: { ...process.env, MANOUCHE_SETTINGS_MODULE: '' } });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const waitFor = (pattern: RegExp, from = 0) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`${pattern} did not appear in:\n${output}`));
      }, 30_000);
      const poll = setInterval(() => {
        const found = pattern.exec(output.slice(from));
        if (found) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(found);
        }
      }, 25);
    });
  return { child, output: () => output, waitFor };
}

async function text(url: string): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text(), headers: res.headers };
}

describe('static files through the manouche command', () => {
  it('findstatic lists where a file is found', async () => {
    const dir = await project();
    const { code, stdout } = await manouche(dir, ['findstatic', 'notes.css']);
    expect(code).toBe(0);
    expect(stdout).toBe(`Found 'notes.css' here:\n  ${path.join(dir, 'notes/static/notes.css')}\n`);
  });

  it('runserver serves the finders and MEDIA_ROOT with DEBUG on, and --nostatic turns static off', async () => {
    const dir = await project();
    const server = start(dir, ['runserver', '127.0.0.1:0', '--noreload']);
    const url = (await server.waitFor(/Starting development server at (http:\/\/\S+\/)/))[1]!;
    const css = await text(`${url}static/notes.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('color: green');
    expect((await text(`${url}media/upload.txt`)).body).toBe('uploaded');
    expect((await text(url)).body).toContain('<link rel="stylesheet" href="/static/notes.css">');
    const off = start(dir, ['runserver', '127.0.0.1:0', '--noreload', '--nostatic']);
    const offUrl = (await off.waitFor(/Starting development server at (http:\/\/\S+\/)/))[1]!;
    expect((await text(`${offUrl}static/notes.css`)).status).toBe(404);
  }, 60_000);

  it('collectstatic writes hashed names that templates and the server use with DEBUG off', async () => {
    const dir = await project();
    const collected = await manouche(dir, ['collectstatic', '--noinput']);
    expect(collected.stderr).toBe('');
    expect(collected.stdout).toContain(`2 static files copied to '${path.join(dir, 'staticfiles')}', 2 post-processed.`);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'staticfiles/staticfiles.json'), 'utf8')) as { paths: Record<string, string> };
    const hashed = manifest.paths['notes.css']!;
    expect(hashed).toMatch(/^notes\.[0-9a-f]{12}\.css$/);
    const server = start(dir, ['runserver', '127.0.0.1:0', '--noreload', '--settings=site.production']);
    const url = (await server.waitFor(/Starting development server at (http:\/\/\S+\/)/))[1]!;
    expect((await text(url)).body).toContain(`<link rel="stylesheet" href="/static/${hashed}">`);
    const css = await text(`${url}static/${hashed}`);
    expect(css.headers.get('cache-control')).toBe('max-age=31536000, public, immutable');
    expect(css.body).toContain(`url('${manifest.paths['notes/images/background.gif']}')`);
    expect((await text(`${url}media/upload.txt`)).status).toBe(404);
  }, 60_000);

  it('fails a page whose template asks static() for a file missing from the manifest, naming the file', async () => {
    const dir = await project();
    await manouche(dir, ['collectstatic', '--noinput']);
    writeFileSync(
      path.join(dir, 'notes/templates/notes/list.html'),
      readFileSync(path.join(dir, 'notes/templates/notes/list.html'), 'utf8').replace("static('notes.css')", "static('notes/missing.css')"),
    );
    const server = start(dir, ['runserver', '127.0.0.1:0', '--noreload', '--settings=site.production']);
    const url = (await server.waitFor(/Starting development server at (http:\/\/\S+\/)/))[1]!;
    expect((await text(url)).status).toBe(500);
    await server.waitFor(/Missing staticfiles manifest entry for 'notes\/missing\.css'/);
  }, 60_000);
});

describe('the development loop', () => {
  it('reloads on a save, keeps watching through a syntax error, and serves the fix', async () => {
    const dir = await project();
    const port = await freePort();
    const server = start(dir, ['runserver', `127.0.0.1:${port}`]);
    await server.waitFor(/Starting development server at/);
    const url = `http://127.0.0.1:${port}/`;
    expect((await text(url)).body).toContain('<h1>');
    const views = path.join(dir, 'notes/views.ts');
    const original = readFileSync(views, 'utf8');
    let mark = server.output().length;
    writeFileSync(views, `${original}\nexport const broken = ;\n`);
    await server.waitFor(/notes\/views\.ts:\d+/, mark);
    mark = server.output().length;
    writeFileSync(views, "import { HttpResponse } from 'manouche/core';\n\nexport async function noteList() {\n  return new HttpResponse('reloaded');\n}\n");
    await server.waitFor(/Starting development server at/, mark);
    expect((await text(url)).body).toBe('reloaded');
  }, 90_000);

  it('does not reload with --noreload', async () => {
    const dir = await project();
    const server = start(dir, ['runserver', '127.0.0.1:0', '--noreload']);
    await server.waitFor(/Starting development server at/);
    expect(server.output()).not.toContain('Watching for file changes');
  }, 60_000);

  it('stops serving when the process that started it is killed', async () => {
    const dir = await project();
    const port = await freePort();
    const server = start(dir, ['runserver', `127.0.0.1:${port}`]);
    await server.waitFor(/Starting development server at/);
    expect((await text(`http://127.0.0.1:${port}/`)).status).toBe(200);
    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    // The serving child notices its parent is gone and shuts down.
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        await fetch(`http://127.0.0.1:${port}/`);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the server on port ${port} is still answering after its parent was killed`);
  }, 60_000);
});
