import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TemplateRenderError, TemplateSyntaxError, createTemplateEngine } from '../src/index.js';
import { templateFolder } from './template-folder.js';

const squash = (html: string) => html.replace(/\s+/g, ' ').trim();

/**
 * A query the way the ORM's QuerySet behaves for a template: lazy, awaitable (rows arrive on a
 * later turn of the event loop), `for await`-able, with async `count()` and a throwing sync iterator.
 */
class QuerySet<T> implements PromiseLike<T[]> {
  constructor(private readonly rows: T[]) {}
  then<A = T[], B = never>(onFulfilled?: ((rows: T[]) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null) {
    return sleep(1)
      .then(() => [...this.rows])
      .then(onFulfilled, onRejected);
  }
  all(): QuerySet<T> {
    return new QuerySet(this.rows);
  }
  async count(): Promise<number> {
    await sleep(1);
    return this.rows.length;
  }
  async *[Symbol.asyncIterator]() {
    for (const row of await this) yield row;
  }
}

/** What a reverse relation looks like in a template: a manager, not a list (Django's `question.choice_set`). */
class RelatedManager<T> {
  constructor(private readonly rows: T[]) {}
  all(): QuerySet<T> {
    return new QuerySet(this.rows);
  }
}

const author = () => ({
  name: 'Ann',
  posts: new QuerySet([{ title: 'Hello' }, { title: 'Swing <3' }]),
  postCount: async () => {
    await sleep(1);
    return 2;
  },
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the template rendered'),
    (error: unknown) => error as TemplateRenderError,
  );

describe('await in a template', () => {
  const engine = createTemplateEngine();

  it('awaits a QuerySet in a for…of loop, a value in an output tag and a statement in a code tag', async () => {
    const source = `<% const total = await it.author.postCount(); %><%= total %>:<% for (const post of await it.author.posts) { %>[<%= post.title %>]<% } %>
<%= await it.author.posts.count() %>`;
    expect(await engine.renderString(source, { author: author() })).toBe('2:[Hello][Swing &lt;3]2');
  });

  it('awaits a block() or include() written on the line after a statement without a semicolon', async () => {
    const dir = templateFolder({
      'layout.html': `<% const title = it.title\nblock('content', () => { %><%= await it.title %><% }) %>|<% const n = 1\ninclude('part.html') %>`,
      'part.html': 'part',
    });
    expect(await createTemplateEngine({ dirs: [dir] }).render('layout.html', { title: Promise.resolve('T') })).toBe('T|part');
  });

  it('iterates with for await, as a QuerySet allows', async () => {
    expect(await engine.renderString('<% for await (const post of it.author.posts) { %><%= post.title %>,<% } %>', { author: author() })).toBe(
      'Hello,Swing &lt;3,',
    );
  });

  it('ports Django’s {% for c in question.choice_set.all %} as a loop over await question.choiceSet.all()', async () => {
    const question = { choiceSet: new RelatedManager([{ choiceText: 'Not much' }, { choiceText: 'The sky' }]) };
    const source = '<% for (const c of await it.question.choiceSet.all()) { %><li><%= c.choiceText %></li><% } %>';
    expect(await engine.renderString(source, { question })).toBe('<li>Not much</li><li>The sky</li>');
  });

  it('loads an unloaded relation with an awaited call before reading it', async () => {
    const post = {
      author: undefined as { name: string } | undefined,
      async load(name: string) {
        await sleep(1);
        if (name === 'author') this.author = { name: 'Ann' };
        return this.author;
      },
    };
    expect(await engine.renderString(`<% await it.post.load('author') %>by <%= it.post.author.name %>`, { post })).toBe('by Ann');
  });

  it('runs the template in order, includes and blocks included, as Django does', async () => {
    const dir = templateFolder({
      'page.html': `<%= await it.step('a') %><% include('part.html') %><%= await it.step('c') %>`,
      'part.html': `<%= await it.step('b') %>`,
    });
    const ordered = createTemplateEngine({ dirs: [dir] });
    const log: string[] = [];
    const step = async (name: string) => {
      log.push(`start ${name}`);
      await sleep(name === 'a' ? 5 : 1);
      log.push(`end ${name}`);
      return name;
    };
    expect(await ordered.render('page.html', { step })).toBe('abc');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('renders the same template concurrently for different requests without mixing their output', async () => {
    const source = `<% block('x', () => { %><%= await it.slow(it.name) %><% }) %>|<%= it.name %>`;
    const slow = async (name: string) => {
      await sleep(name === 'first' ? 10 : 1);
      return name.toUpperCase();
    };
    const pages = await Promise.all(['first', 'second', 'third'].map((name) => engine.renderString(source, { name, slow })));
    expect(pages).toEqual(['FIRST|first', 'SECOND|second', 'THIRD|third']);
  });

  it('keeps templates without await synchronous (renderSync renders them) and refuses renderSync for one that awaits', async () => {
    const dir = templateFolder({ 'plain.html': '<%= it.x %>', 'awaits.html': '<%= await it.x %>', 'includes.html': `<% include('awaits.html') %>` });
    const local = createTemplateEngine({ dirs: [dir] });
    expect(local.selectTemplate('plain.html').usesAwait).toBe(false);
    expect(local.renderSync('plain.html', { x: 'sync' })).toBe('sync');
    expect(local.selectTemplate('awaits.html').usesAwait).toBe(true);
    expect(await local.render('includes.html', { x: Promise.resolve('later') })).toBe('later');
    for (const name of ['awaits.html', 'includes.html']) {
      const error = (() => {
        try {
          local.renderSync(name, { x: 1 });
        } catch (e) {
          return e as TemplateRenderError;
        }
      })();
      expect(error).toBeInstanceOf(TemplateRenderError);
      expect(error?.templateName).toBe(name);
      expect(error?.message).toContain(
        'renderSync() cannot render it: it, or a template it extends or includes, uses await. Render it with await engine.render()',
      );
    }
  });

  it('treats the word await in a string or comment as text, not as a reason to render asynchronously', async () => {
    const dir = templateFolder({ 'word.html': `<%= 'await' %><% /* await later */ %>` });
    const local = createTemplateEngine({ dirs: [dir] });
    expect(local.selectTemplate('word.html').usesAwait).toBe(false);
    expect(local.renderSync('word.html')).toBe('await');
  });
});

describe('await through extend(), block() and include()', () => {
  const dir = templateFolder({
    'base.html': `<title><% block('title', () => { %>Site<% }) %></title>
<main><% block('content') %></main>
<aside><% block('sidebar', () => { %>base sidebar<% }) %></aside>`,
    'child.html': `<% extend('base.html') %>
<% block('title', () => { %><%= it.author.name %> | <%= block.super() %><% }) %>
<% block('content', () => { %><% for (const post of await it.author.posts) { %><p><%= post.title %></p><% } %><% }) %>`,
    'async-base.html': `<title><%= await it.siteName() %>: <% block('title') %></title>
<% for (const post of await it.author.posts) { %><% block('item', () => { %><li><%= post.title %></li><% }) %><% } %>`,
    'sync-child.html': `<% extend('async-base.html') %>
<% block('title', () => { %>Posts<% }) %>
<% block('item', () => { %><li class="post"><%= it.post.title %> (<%= block.super %>)</li><% }) %>`,
    'section.html': `<% extend('base.html') %>
<% block('title', () => { %><%= await it.siteName() %> section | <%= block.super() %><% }) %>
<% block('content', () => { %><section><% block('body', () => { %>section body<% }) %></section><% }) %>`,
    'page.html': `<% extend('section.html') %>
<% block('title', () => { %>Page | <%= block.super() %><% }) %>
<% block('body', () => { %>page body, was: <%= block.super() %><% }) %>`,
    'list.html': `<% for (const post of it.posts) { %><% include('card.html') %><% } %>`,
    'card.html': `<article><%= it.post.title %>: <%= await it.likes(it.post) %></article>`,
    'card-sync.html': `<b><%= it.post.title %></b>`,
    'foreach-sync.html': `<%= await it.siteName() %>: <% it.posts.forEach((post) => { %><% include('card-sync.html', { post }) %><% }) %>`,
    'foreach-async.html': `<%= await it.siteName() %>:
<% it.posts.forEach((post) => { %><% include('card.html', { post }) %><% }) %>`,
    'await-in-callback.html': `first line
<% it.posts.forEach((post) => { %>
  <%= await it.likes(post) %>
<% }) %>`,
    'conditional-child.html': `<% extend('base.html') %>
<% if (it.never) { %><% block('content', () => { %><%= await it.siteName() %> content<% }) %><% } %>`,
    'block-in-callback-base.html': `<% it.posts.forEach((post) => { %><% block('item') %><% }) %>`,
    'block-in-callback-child.html': `<% extend('block-in-callback-base.html') %>
<% block('item', () => { %><%= await it.siteName() %><% }) %>`,
  });
  const engine = createTemplateEngine({ dirs: [dir] });
  const siteName = async () => {
    await sleep(1);
    return 'Site';
  };

  it('renders a child that awaits inside a block of a synchronous parent', async () => {
    const html = await engine.render('child.html', { author: author() });
    expect(squash(html)).toBe('<title>Ann | Site</title> <main><p>Hello</p><p>Swing &lt;3</p></main> <aside>base sidebar</aside>');
  });

  it('renders a synchronous child of a layout that awaits, block.super and loop variables included, on every render', async () => {
    for (let round = 0; round < 2; round++) {
      const html = await engine.render('sync-child.html', { author: author(), siteName });
      expect(squash(html)).toBe(
        '<title>Site: Posts</title> <li class="post">Hello (<li>Hello</li>)</li><li class="post">Swing &lt;3 (<li>Swing &lt;3</li>)</li>',
      );
    }
  });

  it('registers a child’s block that awaits inside an if that is false, as Django registers every block of a child', async () => {
    expect(squash(await engine.render('conditional-child.html', { siteName }))).toContain('<main>Site content</main>');
  });

  it('renders three levels where only the middle one awaits, each block.super() reaching the level above', async () => {
    const html = await engine.render('page.html', { siteName });
    expect(squash(html)).toBe(
      '<title>Page | Site section | Site</title> <main><section>page body, was: section body</section></main> <aside>base sidebar</aside>',
    );
  });

  it('renders an included template that awaits from a synchronous loop, with the loop variable in its context', async () => {
    const likes = async (post: { title: string }) => {
      await sleep(1);
      return post.title.length;
    };
    for (let round = 0; round < 2; round++) {
      const html = await engine.render('list.html', { posts: [{ title: 'Hi' }, { title: 'Jazz' }], likes });
      expect(html).toBe('<article>Hi: 2</article><article>Jazz: 4</article>');
    }
  });

  it('still renders a synchronous include inside forEach() of a template that awaits', async () => {
    expect(await engine.render('foreach-sync.html', { siteName, posts: [{ title: 'a' }, { title: 'b' }] })).toBe('Site: <b>a</b><b>b</b>');
  });

  it('explains that an include which awaits cannot render inside forEach()', async () => {
    const error = await failure(engine.render('foreach-async.html', { siteName, posts: [{ title: 'a' }], likes: async () => 1 }));
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.templateName).toBe('foreach-async.html');
    expect(error.line).toBe(2);
    expect(error.message).toContain('include("card.html") is inside a callback such as forEach(), which cannot wait, and "card.html" uses await');
  });

  it('refuses await inside a callback with a syntax error at its line', async () => {
    const error = (await failure(engine.render('await-in-callback.html', { posts: [] }))) as unknown as TemplateSyntaxError;
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect(error.line).toBe(3);
    expect(error.message).toContain('`await` inside the function at line 2, which is not async');
    expect(error.message).toContain('Use a for…of loop instead of forEach()');
  });

  it('refuses a layout’s block() inside forEach() when a child awaits, naming the layout’s line', async () => {
    const error = (await failure(engine.render('block-in-callback-child.html', { posts: [1], siteName }))) as unknown as TemplateSyntaxError;
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect(error.templateName).toBe('block-in-callback-base.html');
    expect(error.line).toBe(1);
    expect(error.message).toContain('block() inside the function at line 1 cannot be awaited');
  });
});

describe('errors in templates that await keep their template and line', () => {
  const dir = templateFolder({
    'base.html': `<h1><%= await it.siteName() %></h1>
<% block('content') %>
<footer><%= it.site.name.toUpperCase() %></footer>`,
    'child.html': `<% extend('base.html') %>
<% block('content', () => { %>
  <%= await it.siteName() %>
  <% for (const post of await it.posts) { %>
    <%= post.author.name %>
  <% } %>
<% }) %>`,
    'rejects.html': `line 1
<%= await it.failing() %>`,
    'multi-line.html': `<%= await it.siteName() %>
<%
  const first = 1;
  const second = it.a.b.c;
%>`,
  });
  const engine = createTemplateEngine({ dirs: [dir], strict: true });
  const siteName = async () => 'Site';

  it('points at the child’s line for an error after an await inside its block', async () => {
    const error = await failure(engine.render('child.html', { siteName, posts: Promise.resolve([{ author: null }]), site: { name: 'x' } }));
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.templateName).toBe('child.html');
    expect(error.templatePath).toBe(path.join(dir, 'child.html'));
    expect(error.line).toBe(5);
    expect(error.message).toContain("TypeError: Cannot read properties of null (reading 'name')");
  });

  it('points at the layout’s line for an error after its await', async () => {
    const error = await failure(engine.render('child.html', { siteName, posts: [] }));
    expect(error.templateName).toBe('base.html');
    expect(error.line).toBe(3);
  });

  it('points at the tag whose awaited promise rejected, with the rejection as the cause', async () => {
    const cause = new Error('database is down');
    const error = await failure(
      engine.render('rejects.html', {
        failing: async () => {
          await sleep(1);
          throw cause;
        },
      }),
    );
    expect(error.templateName).toBe('rejects.html');
    expect(error.line).toBe(2);
    expect(error.message).toContain('Error: database is down');
    expect(error.cause).toBe(cause);
  });

  it('points at the exact line inside a multi-line code tag', async () => {
    const error = await failure(engine.render('multi-line.html', { siteName, a: {} }));
    expect(error.line).toBe(4);
  });
});

describe('a QuerySet or promise that was not awaited', () => {
  const dir = templateFolder({
    'loop.html': `<ul>
<% for (const post of it.author.posts) { %><li><%= post.title %></li><% } %>
</ul>`,
    'length.html': `<% if (it.author.posts.length === 0) { %>
no posts
<% } %>`,
    'output-length.html': `count:
<%= it.author.posts.length %>`,
    'print.html': `<%= it.author.posts %>`,
    'read.html': `<%= it.page.post.title %>`,
    'manager.html': `<% for (const c of it.question.choiceSet) { %><%= c.choiceText %><% } %>`,
  });

  for (const strict of [false, true]) {
    const engine = createTemplateEngine({ dirs: [dir], strict });
    const mode = strict ? 'in strict mode' : 'by default';

    it(`says to await a QuerySet iterated by for…of, naming the expression, template and line (${mode})`, async () => {
      const error = await failure(engine.render('loop.html', { author: author() }));
      expect(error).toBeInstanceOf(TemplateRenderError);
      expect(error.templateName).toBe('loop.html');
      expect(error.line).toBe(2);
      expect(error.message).toContain(
        `${path.join(dir, 'loop.html')}:2: TypeError: it.author.posts is a QuerySet that was not awaited: write \`await it.author.posts\` (or pass a list from the view)`,
      );
    });

    it(`says to await a QuerySet whose length a condition reads (${mode})`, async () => {
      const error = await failure(engine.render('length.html', { author: author() }));
      expect(error.line).toBe(1);
      expect(error.message).toContain(
        'it.author.posts is a QuerySet that was not awaited, so it has no length: write `(await it.author.posts).length` (or pass a list from the view)',
      );
    });

    it(`says to await a QuerySet whose length an output tag prints (${mode})`, async () => {
      const error = await failure(engine.render('output-length.html', { author: author() }));
      expect(error.line).toBe(2);
      expect(error.message).toContain('write `(await it.author.posts).length`');
    });

    it(`refuses to print a QuerySet or read a property of a promise (${mode})`, async () => {
      const printed = await failure(engine.render('print.html', { author: author() }));
      expect(printed.message).toContain('an output tag printed a QuerySet that was not awaited: write `<%= await … %>`');
      const read = await failure(engine.render('read.html', { page: { post: Promise.resolve({ title: 'x' }) } }));
      expect(read.message).toContain('an output tag read "title" of a Promise that was not awaited: write `<%= (await …).title %>`');
    });

    it(`says to call .all() on a related manager iterated by for…of (${mode})`, async () => {
      const error = await failure(engine.render('manager.html', { question: { choiceSet: new RelatedManager([]) } }));
      expect(error.message).toContain('it.question.choiceSet is a RelatedManager, not a list: write `await it.question.choiceSet.all()`');
    });
  }

  it('leaves .length of lists, strings and missing values as it was', async () => {
    const engine = createTemplateEngine();
    const html = await engine.renderString('<%= it.list.length %>,<%= it.text.length %>,<%= it.missing.length %>,<% if (it.none?.length) { %>x<% } %>', {
      list: [1, 2],
      text: 'abc',
    });
    expect(html).toBe('2,3,,');
    const strict = createTemplateEngine({ strict: true });
    const error = await failure(strict.renderString('a\n<%= it.missing.length %>', {}));
    expect(error.line).toBe(2);
    expect(error.message).toContain("TypeError: Cannot read properties of undefined (reading 'length')");
    expect(await strict.renderString('<%= it.missing?.length %>', {})).toBe('');
  });
});
