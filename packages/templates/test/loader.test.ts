import { utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SuspiciousTemplateName, TemplateDoesNotExist, createTemplateEngine } from '../src/index.js';
import { templateFolder, writeTemplates } from './template-folder.js';

describe('finding templates', () => {
  const project = templateFolder({ 'base.html': 'project base', 'blog/post/list.html': 'project override of the blog list' });
  const blogApp = templateFolder({ 'blog/post/list.html': 'blog app list', 'blog/post/detail.html': 'blog app detail', 'shared.html': 'from blog' });
  const shopApp = templateFolder({ 'shop/index.html': 'shop', 'shared.html': 'from shop', 'base.html': 'shop base' });
  const engine = createTemplateEngine({ dirs: [project], appDirs: [blogApp, shopApp] });

  it('searches DIRS first, then each app folder in INSTALLED_APPS order', async () => {
    expect(await engine.render('base.html')).toBe('project base');
    expect(await engine.render('blog/post/list.html')).toBe('project override of the blog list');
    expect(await engine.render('blog/post/detail.html')).toBe('blog app detail');
    expect(await engine.render('shared.html')).toBe('from blog');
    expect(await engine.render('shop/index.html')).toBe('shop');
  });

  it('renders the first existing template of a list of candidates', async () => {
    expect(await engine.render(['blog/post/custom.html', 'blog/post/detail.html'])).toBe('blog app detail');
  });

  it('lists every path tried when no template exists', async () => {
    const error = (await engine.render(['blog/post/missing.html', 'other.html']).catch((e: unknown) => e)) as TemplateDoesNotExist;
    expect(error).toBeInstanceOf(TemplateDoesNotExist);
    expect(error.code).toBe('MANOUCHE_TEMPLATE_DOES_NOT_EXIST');
    expect(error.templateName).toBe('blog/post/missing.html');
    expect(error.tried).toEqual([
      path.join(project, 'blog/post/missing.html'),
      path.join(blogApp, 'blog/post/missing.html'),
      path.join(shopApp, 'blog/post/missing.html'),
      path.join(project, 'other.html'),
      path.join(blogApp, 'other.html'),
      path.join(shopApp, 'other.html'),
    ]);
    expect(error.message).toContain('None of the templates "blog/post/missing.html", "other.html" exist. Paths tried:');
    for (const file of error.tried) expect(error.message).toContain(`${file} (not found)`);
  });

  it('says when no folder is configured at all', async () => {
    const empty = createTemplateEngine({});
    await expect(empty.render('x.html')).rejects.toThrow('no template folders are configured');
  });

  it('answers exists() without rendering', () => {
    expect(engine.exists('blog/post/detail.html')).toBe(true);
    expect(engine.exists('404.html')).toBe(false);
    expect(engine.exists('../../etc/passwd')).toBe(false);
  });

  it('refuses names that would leave the template folders', async () => {
    for (const name of ['../../etc/passwd', '/etc/passwd', 'blog/../../secret.html', '..', 'a\0b.html', '..\\..\\x']) {
      const error = await engine.render(name).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(SuspiciousTemplateName);
      expect((error as SuspiciousTemplateName).code).toBe('MANOUCHE_TEMPLATE_SUSPICIOUS_NAME');
      expect((error as Error).message).toContain('is not allowed');
    }
    const includer = templateFolder({ 'evil.html': `<% include('../../etc/passwd') %>` });
    await expect(createTemplateEngine({ dirs: [includer] }).render('evil.html')).rejects.toBeInstanceOf(SuspiciousTemplateName);
  });

  it('allows names that only look odd but stay inside', async () => {
    expect(await engine.render('blog/../base.html')).toBe('project base');
  });
});

describe('the compiled-template cache', () => {
  function touchLater(file: string, seconds: number): void {
    const when = new Date(Date.now() + seconds * 1000);
    utimesSync(file, when, when);
  }

  it('picks up an edited template on the next render with debug on', async () => {
    const dir = templateFolder({
      'page.html': 'version 1 <%= it.n %>',
      'base.html': '[<% block("b") %>]',
      'child.html': '<% extend("base.html") %><% block("b", () => { %>child<% }) %>',
    });
    const engine = createTemplateEngine({ dirs: [dir], debug: true });
    expect(await engine.render('page.html', { n: 1 })).toBe('version 1 1');
    writeTemplates(dir, { 'page.html': 'version 2 <%= it.n %>' });
    touchLater(path.join(dir, 'page.html'), 5);
    expect(await engine.render('page.html', { n: 2 })).toBe('version 2 2');
    expect(await engine.render('child.html')).toBe('[child]');
    writeTemplates(dir, { 'base.html': '{<% block("b") %>}' });
    touchLater(path.join(dir, 'base.html'), 10);
    expect(await engine.render('child.html')).toBe('{child}');
  });

  it('picks up a template created after a miss with debug on', async () => {
    const dir = templateFolder({});
    const engine = createTemplateEngine({ dirs: [dir], debug: true });
    await expect(engine.render('late.html')).rejects.toBeInstanceOf(TemplateDoesNotExist);
    writeTemplates(dir, { 'late.html': 'here now' });
    expect(await engine.render('late.html')).toBe('here now');
  });

  it('does not read the file again with debug off', async () => {
    const dir = templateFolder({ 'page.html': 'version 1' });
    const engine = createTemplateEngine({ dirs: [dir], debug: false });
    expect(await engine.render('page.html')).toBe('version 1');
    writeTemplates(dir, { 'page.html': 'version 2' });
    touchLater(path.join(dir, 'page.html'), 5);
    expect(await engine.render('page.html')).toBe('version 1');
    engine.clearCache();
    expect(await engine.render('page.html')).toBe('version 2');
  });
});
