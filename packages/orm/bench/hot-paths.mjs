// Micro-benchmark of the ORM's hot read paths on SQLite (better-sqlite3): CPU µs per call.
//
//   node bench/hot-paths.mjs                          # this package's dist
//   node bench/hot-paths.mjs /tmp/before/dist dist    # two builds, run alternately, one child process per round
//
// Each build runs in its own child process (a fresh module graph and JIT), builds alternating
// round by round; the table shows the median of the rounds. Times are process CPU time
// (user + system) divided by calls, so other load on the machine matters less than wall time.
// A build outside this package needs node_modules beside its dist (a symlink to this package's).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CALLS = Number(process.env.CALLS ?? 10000);
const dataDir = path.join(os.tmpdir(), 'manouche-orm-hot-paths');
const BLOG_DB = path.join(dataDir, 'blog-1000.sqlite3');
const ADMIN_DB = path.join(dataDir, 'posts-10000x1k.sqlite3');

const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');

/** Text of about `length` characters, the same for the same seed. */
function text(seed, length) {
  let out = '';
  for (let i = 0; out.length < length; i++) out += `${WORDS[(seed * 7 + i * 13) % WORDS.length]} `;
  return out.slice(0, length);
}

/** The blog_post table of tools/bench's blog (Django's DDL), filled with `count` posts of `bodyLength` characters. */
function seed(file, count, bodyLength) {
  if (existsSync(file)) return;
  mkdirSync(dataDir, { recursive: true });
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const db = new Database(file);
  db.exec(`CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(250) NOT NULL, "slug" varchar(250) NOT NULL,
    "body" text NOT NULL, "publish" datetime NOT NULL, "created" datetime NOT NULL, "updated" datetime NOT NULL, "status" varchar(2) NOT NULL);
    CREATE INDEX "blog_post_publish_idx" ON "blog_post" ("publish"); CREATE INDEX "blog_post_slug" ON "blog_post" ("slug");`);
  const insert = db.prepare('INSERT INTO blog_post (title, slug, body, publish, created, updated, status) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const start = Date.UTC(2024, 0, 1);
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const when = new Date(start + i * 3_600_000).toISOString().replace('T', ' ').replace('Z', '000');
      const title = i % 50 === 7 ? `Post ${i} about Manouche` : `Post ${i} ${text(i, 30)}`;
      insert.run(title, `post-${i}`, text(i, bodyLength), when, when, when, i % 10 === 0 ? 'DF' : 'PB');
    }
  })();
  db.close();
}

/** One child: loads the build at `dist`, times every case, prints JSON. */
async function child(dist) {
  const orm = await import(pathToFileURL(path.resolve(dist, 'index.js')).href);
  const { Manager, Model, Q, F, fields, configureOrm, registerModels, connectDatabases, Count } = orm;
  class PublishedManager extends Manager {
    getQueryset() {
      return super.getQueryset().filter({ status: 'PB' });
    }
  }
  class Post extends Model.define(
    {
      title: fields.char({ maxLength: 250 }),
      slug: fields.slug({ maxLength: 250 }),
      body: fields.text(),
      publish: fields.dateTime({ default: () => new Date() }),
      created: fields.dateTime({ autoNowAdd: true }),
      updated: fields.dateTime({ autoNow: true }),
      status: fields.char({ maxLength: 2, default: 'DF' }),
    },
    { ordering: ['-publish'] },
  ) {
    static objects = new Manager(this);
    static published = new PublishedManager(this);
  }
  registerModels('blog', { Post });
  const databases = connectDatabases({ default: { ENGINE: 'sqlite', NAME: BLOG_DB }, admin: { ENGINE: 'sqlite', NAME: ADMIN_DB } });
  configureOrm({ databases, useTz: true, timeZone: 'UTC' });
  const raw = databases.get('default');
  await raw.connect();

  const detail = await Post.published.get({ slug: 'post-501' });
  const day = detail.publish;
  const search = (qs) => qs.filter(Q({ title__icontains: 'manouche' }).or(Q({ body__icontains: 'manouche' })));
  const cases = {
    "values('id','title','slug')[:20]": () => Post.objects.values('id', 'title', 'slug').slice(0, 20),
    'published[:20] (instances)': () => Post.published.all().slice(0, 20),
    'published.get(slug, y/m/d)': () =>
      Post.published.get({ slug: 'post-501', publish__year: day.getUTCFullYear(), publish__month: day.getUTCMonth() + 1, publish__day: day.getUTCDate() }),
    'filter(status)[:100] (instances, an admin page)': () => Post.objects.filter({ status: 'PB' }).slice(0, 100),
    'count() (1,000 rows)': () => Post.objects.count(),
    'filter(status).exists()': () => Post.objects.filter({ status: 'PB' }).exists(),
    "aggregate(Count('id'))": () => Post.published.aggregate({ n: Count('id') }),
    'annotate(F).values[:20] (compiled every call)': () =>
      Post.objects
        .annotate({ heading: F('title') })
        .values('id', 'heading')
        .slice(0, 20),
    'raw better-sqlite3 values[:20] (floor)': () => raw.queryArrays('SELECT "id", "title", "slug" FROM "blog_post" ORDER BY "publish" DESC LIMIT 20', []),
  };
  const adminCases = {
    'admin search count, 10,000 x 1 KB': () => search(Post.objects.using('admin').filter({ status: 'PB' })).count(),
    'admin search page [:100], 10,000 x 1 KB': () => search(Post.objects.using('admin').filter({ status: 'PB' })).slice(0, 100),
  };
  const results = {};
  const time = async (name, fn, calls) => {
    // Warm up past the JIT tiers first: a server runs these paths far more often than this.
    for (let i = 0; i < Math.max(20, calls / 2); i++) await fn();
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) await fn();
    const used = process.cpuUsage(before);
    results[name] = (used.user + used.system) / calls;
  };
  for (const [name, fn] of Object.entries(cases)) await time(name, fn, CALLS);
  for (const [name, fn] of Object.entries(adminCases)) await time(name, fn, 100);
  await databases.closeAll();
  process.stdout.write(JSON.stringify(results));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  if (process.argv[2] === '--child') return child(process.argv[3]);
  const builds = process.argv.length > 2 ? process.argv.slice(2) : [path.join(here, '..', 'dist')];
  seed(BLOG_DB, 1000, 1000);
  seed(ADMIN_DB, 10000, 1000);
  const runs = builds.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    builds.forEach((dist, i) => {
      const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dist], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${dist}: ${result.stderr}`);
      runs[i].push(JSON.parse(result.stdout));
    });
  }
  const names = Object.keys(runs[0][0]);
  const header = ['case (CPU µs per call, median)', ...builds];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const name of names) console.log(`| ${name} | ${runs.map((r) => median(r.map((run) => run[name])).toFixed(1)).join(' | ')} |`);
  console.log(`\n${ROUNDS} rounds, builds alternating; node ${process.version}; ${execFileSync('nproc').toString().trim()} cores.`);
}

await main();
