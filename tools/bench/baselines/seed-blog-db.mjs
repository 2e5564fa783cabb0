#!/usr/bin/env node
// Makes the SQLite database every stack of the full-stack benchmark serves: a Django-compatible
// `blog_post` table (the DDL Django 3.2 emits for baselines/django-blog/blog/migrations/0001_initial.py,
// checked with `manage.py sqlmigrate blog 0001`) holding sample posts titled and dated as apps/blog's
// `seedposts` makes them (post n is published n hours before the seeding time, every tenth post is a
// draft), with bodies of realistic length: three paragraphs, about 155 words, an apostrophe and an
// ampersand to escape.
//   node seed-blog-db.mjs <file.sqlite3> [count=1000]
// Datetimes are stored as Django stores them on SQLite with USE_TZ: naive UTC text
// `YYYY-MM-DD HH:MM:SS.ffffff`, which sorts chronologically.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';

const TOPICS = ['Django Reinhardt', 'Gypsy jazz', 'The manouche guitar', 'Minor swing', 'Hot Club de France', 'La pompe'];

const SENTENCES = [
  'The rhythm guitar plays la pompe, a steady pulse that carries the whole band through the tune.',
  "Django Reinhardt's left hand was burned in a caravan fire, so he played his solos with two fingers.",
  'A Selmer-Maccaferri guitar has a small oval hole and a loud, dry voice that cuts through a room.',
  'Most sessions start with a standard everybody knows, then the soloists take turns around the circle.',
  'The violin answers the guitar in short phrases, and the bass walks underneath them both.',
  'Arpeggios of diminished chords give the music its restless, slightly dark colour.',
  'Minor swing, Nuages & Douce ambiance are played at every festival from Samois to New York.',
  'Good players listen first: the accompaniment leaves space, and the lead fills it with melody.',
  'Rest-stroke picking makes every note ring with the same attack, even in the fastest runs.',
  'Learning by ear, from records and from older players at the campfire, is still the usual way in.',
  'The tempo may double for the last chorus, when the whole band pushes the tune to its end.',
  'After the set, the guitars stay out of their cases and the jam goes on late into the night.',
];

/** About 155 words in three paragraphs, different for each n. */
function sampleBody(topic, n) {
  const pick = (i) => SENTENCES[(n + i * 5) % SENTENCES.length];
  const paragraph = (from) => [0, 1, 2].map((i) => pick(from + i)).join(' ');
  return `Notes on ${topic.toLowerCase()}, part ${n}. ${paragraph(0)}\n\n${paragraph(3)}\n\n${paragraph(6)}`;
}

/** The n-th sample post (1-based): title, slug, date and status as apps/blog/blog/management/seedposts.ts makes them. */
export function samplePost(n, now) {
  const topic = TOPICS[(n - 1) % TOPICS.length];
  return {
    title: `${topic} #${n}`,
    slug: `${topic.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${n}`,
    body: sampleBody(topic, n),
    publish: new Date(now.getTime() - n * 3_600_000),
    status: n % 10 === 0 ? 'DF' : 'PB',
  };
}

/** A Date as Django writes a UTC datetime into SQLite. */
export function djangoDatetime(date) {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}.${String(date.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
}

const DDL = [
  'CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(250) NOT NULL, "slug" varchar(250) NOT NULL, "body" text NOT NULL, "publish" datetime NOT NULL, "created" datetime NOT NULL, "updated" datetime NOT NULL, "status" varchar(2) NOT NULL)',
  'CREATE INDEX "blog_post_publish_idx" ON "blog_post" ("publish")',
  'CREATE INDEX "blog_post_slug_b95473f2" ON "blog_post" ("slug")',
];

/** Writes a fresh database with `count` posts to `file` (replacing it) and returns the seeding time. */
export function seedBlogDb(file, count = 1000, now = new Date()) {
  rmSync(file, { force: true });
  const db = new Database(file);
  try {
    for (const statement of DDL) db.exec(statement);
    const insert = db.prepare('INSERT INTO blog_post (title, slug, body, publish, created, updated, status) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const stamp = djangoDatetime(now);
    db.transaction(() => {
      for (let n = 1; n <= count; n++) {
        const post = samplePost(n, now);
        insert.run(post.title, post.slug, post.body, djangoDatetime(post.publish), stamp, stamp, post.status);
      }
    })();
  } finally {
    db.close();
  }
  return now;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, count = '1000'] = process.argv.slice(2);
  if (!file || !/^\d+$/.test(count)) {
    console.error('usage: node seed-blog-db.mjs <file.sqlite3> [count=1000]');
    process.exit(2);
  }
  seedBlogDb(file, Number(count));
  console.log(`Wrote ${count} posts to ${file}`);
}
