import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateEngineFromSettings } from '../src/index.js';

const source = (file: string) => readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8').trimEnd();
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README example', () => {
  it('quotes the example script and its templates verbatim', () => {
    for (const file of ['render-folder.ts', 'templates/base.html', 'templates/blog/post/list.html', 'templates/blog/post/_summary.html']) {
      expect(readme, file).toContain(source(file));
    }
  });

  it('renders the folder of templates in a plain script with no other Manouche package', async () => {
    const example = await import('../examples/render-folder.js');
    const html = (await example.renderPostList()).replace(/\n\s*\n/g, '\n');
    expect(html).toContain('<title>Posts | My blog</title>');
    expect(html).toContain('<link rel="stylesheet" href="/static/css/blog.css">');
    expect(html).toContain('<h2><a href="/blog/who-was-django/">Who was Django Reinhardt?</a></h2>');
    expect(html).toContain('<h2><a href="/blog/gypsy-jazz/">Gypsy jazz &lt;3</a></h2>');
    expect(html).toContain('<p class="date">Published Jan. 23, 2026</p>');
    expect(html).toContain('<p>A guitarist. A legend.</p>');
    expect(html).toContain('<p>This is my blog.</p>');
    expect(html).toContain('<p>2 posts</p>');
  });
});

describe('the README’s template that awaits', () => {
  it('quotes examples/await-in-template.ts and its template verbatim', () => {
    for (const file of ['await-in-template.ts', 'templates/polls/results.html']) expect(readme, file).toContain(source(file));
  });

  it('renders the choices the template awaits', async () => {
    const example = await import('../examples/await-in-template.js');
    const html = (await example.renderResults()).replace(/\n\s*\n/g, '\n').trimEnd();
    expect(html).toBe(`<h1>What&#x27;s up?</h1>
<ul>
  <li>Not much -- 2 votes</li>
  <li>The sky -- 1 vote</li>
</ul>
<p>2 choices, 2 in the database</p>`);
  });

  it('says to await the choices when the loop forgets it', async () => {
    const { engine, question } = await import('../examples/await-in-template.js');
    const error = (await engine.renderString('<% for (const c of it.question.choiceSet.all()) { %><% } %>', { question }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(
      'it.question.choiceSet.all() is a Promise that was not awaited: write `await it.question.choiceSet.all()` (or pass a list from the view)',
    );
  });
});

describe('the README’s custom filter and TEMPLATES setting', () => {
  /** A README example file as the README quotes it: without its first (descriptive) comment line. */
  const quoted = (file: string) => source(file).split('\n').slice(1).join('\n');

  it('quotes examples/reading-time.ts and examples/mysite/settings.ts verbatim', () => {
    expect(readme).toContain(quoted('reading-time.ts'));
    expect(readme).toContain(quoted('mysite/settings.ts'));
  });

  it('builds the engine from the TEMPLATES entry, with the context processors and the registered filter', async () => {
    await import('../examples/reading-time.js');
    const { default: settings } = await import('../examples/mysite/settings.js');
    const baseDir = await mkdtemp(path.join(tmpdir(), 'manouche-templates-readme-'));
    try {
      await mkdir(path.join(baseDir, 'templates'));
      await writeFile(
        path.join(baseDir, 'templates', 'post.html'),
        '<%= it.categories.join(", ") %> | <%= f.readingTime(it.post.body) %> | <%= it.request.path %>',
      );
      const modules: Record<string, unknown> = { 'blog.context_processors': { categories: () => ({ categories: ['jazz', 'swing'] }) } };
      const engine = templateEngineFromSettings(settings.TEMPLATES[0]!, { baseDir, appConfigs: [], importModule: (name) => modules[name] });
      const html = await engine.render('post.html', { post: { body: 'word '.repeat(450) } }, { path: '/blog/1/' });
      expect(html).toBe('jazz, swing | 3 min | /blog/1/');
    } finally {
      await rm(baseDir, { recursive: true, force: true });
    }
  });
});
