#!/usr/bin/env node
// The full-stack benchmark's pages hand-written on Fastify + eta + better-sqlite3: the baseline of
// tools/bench/suites/fullstack.bench.ts. Same table, data, URLs and bodies as ../django-blog and
// ../manouche-blog:
//   GET /hello                                   plain text
//   GET /api/posts                               id, title and slug of the 20 newest posts as JSON
//   GET /blog/                                   the 20 newest published posts (base layout + list)
//   GET /blog/<year>/<month>/<day>/<slug>/       one published post, or 404
// Environment: PORT (0 = any free port), BLOG_DB (the SQLite file made by ../seed-blog-db.mjs),
// HOST (127.0.0.1), WORKERS (1; more forks that many processes on the port with node:cluster).
// Prints `READY <port>` once every process listens.
import Database from 'better-sqlite3';
import { Eta } from 'eta';
import Fastify from 'fastify';
import cluster from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const host = process.env.HOST ?? '127.0.0.1';
const workers = Number(process.env.WORKERS ?? 1);
const dbFile = process.env.BLOG_DB;
if (!dbFile) {
  console.error('BLOG_DB must name the SQLite file made by tools/bench/baselines/seed-blog-db.mjs');
  process.exit(2);
}

if (workers > 1 && cluster.isPrimary) {
  // Listen once in the primary to pick the port, then let the workers share it.
  const port = Number(process.env.PORT ?? 0) || (await freePort());
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork({ PORT: String(port) }).on('listening', () => {
      if (++listening === workers) console.log(`READY ${port}`);
    });
  }
  cluster.on('exit', (_worker, code, signal) => {
    console.error(`fastify-blog worker exited (${code ?? signal})`);
    process.exit(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
} else {
  const app = buildApp();
  await app.listen({ host, port: Number(process.env.PORT ?? 0) });
  if (!cluster.isWorker) console.log(`READY ${app.server.address().port}`);
}

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function buildApp() {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const newestForApi = db.prepare('SELECT id, title, slug FROM blog_post ORDER BY publish DESC LIMIT 20');
  const newest = db.prepare("SELECT id, title, slug, body, publish FROM blog_post WHERE status = 'PB' ORDER BY publish DESC LIMIT 20");
  // Two rows at most, so that a duplicate is detected (Django's get_object_or_404 does the same).
  const byDateAndSlug = db.prepare(
    "SELECT id, title, slug, body, publish FROM blog_post WHERE status = 'PB' AND slug = ? AND publish >= ? AND publish < ? ORDER BY publish DESC LIMIT 2",
  );
  const eta = new Eta({ views: path.join(path.dirname(fileURLToPath(import.meta.url)), 'views'), cache: true });

  const app = Fastify({ logger: false });
  // The headers Django's SecurityMiddleware and XFrameOptionsMiddleware add (and Manouche's, which the
  // benchmark keeps on): every stack sends the same response, so the suite compares frameworks, not headers.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
  app.get('/hello', (_request, reply) => reply.type('text/plain; charset=utf-8').send('Hello, World!'));
  app.get('/api/posts', (_request, reply) => reply.send(newestForApi.all()));
  app.get('/blog/', (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return reply.send(eta.render('./post/list', { posts: newest.all(), h: helpers }));
  });
  app.get('/blog/:year/:month/:day/:slug/', (request, reply) => {
    const { year, month, day, slug } = request.params;
    if (!/^\d+$/.test(year) || !/^\d+$/.test(month) || !/^\d+$/.test(day) || !/^[-a-zA-Z0-9_]+$/.test(slug)) return notFound(reply);
    const start = Date.UTC(Number(year), Number(month) - 1, Number(day));
    if (Number.isNaN(start)) return notFound(reply);
    const rows = byDateAndSlug.all(slug, sqliteDatetime(start), sqliteDatetime(start + 86_400_000));
    if (rows.length !== 1) return notFound(reply);
    reply.type('text/html; charset=utf-8');
    return reply.send(eta.render('./post/detail', { post: rows[0], h: helpers }));
  });
  return app;
}

const SECURITY_HEADERS = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

function notFound(reply) {
  return reply.code(404).type('text/html; charset=utf-8').send('<h1>Not Found</h1>');
}

const pad = (n) => String(n).padStart(2, '0');

/** Epoch milliseconds as the stored text form (`YYYY-MM-DD HH:MM:SS`, UTC). */
function sqliteDatetime(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const parseStored = (text) => new Date(`${text.replace(' ', 'T')}Z`);
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** What the templates call: the same output as Django's get_absolute_url and date/truncatewords/linebreaks filters. */
const helpers = {
  url(post) {
    const d = parseStored(post.publish);
    return `/blog/${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}/${post.slug}/`;
  },
  /** Django's `date:"N j, Y"`. */
  date(text) {
    const d = parseStored(text);
    return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
  },
  truncatewords(text, n) {
    const words = text.split(/\s+/).filter(Boolean);
    return words.length > n ? `${words.slice(0, n).join(' ')}…` : words.join(' ');
  },
  /** Escapes, then wraps paragraphs in <p> and single newlines in <br>. */
  linebreaks(text) {
    return text
      .replace(/\r\n?/g, '\n')
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('\n\n');
  },
};
