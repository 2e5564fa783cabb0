import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connectDatabase } from '@manouche/orm';
import { quickstart } from '../examples/quickstart.js';
import { loadMigrations, migrate } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
const example = (file: string) => readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8');

describe('the README example', () => {
  it('makes the initial migration, applies it, and finds nothing to apply the second time', async () => {
    // Inside the package, so the written file's `import … from '@manouche/migrations'` resolves (package self-reference).
    const baseDir = mkdtempSync(path.join(fileURLToPath(new URL('../examples/', import.meta.url)), '.run-'));
    try {
      let out = '';
      await quickstart(baseDir, (text) => (out += text));
      expect(out).toBe(
        [
          'Wrote blog/migrations/0001_initial.ts',
          'Operations to perform:',
          '  Apply all migrations: blog',
          'Running migrations:',
          '  Applying blog.0001_initial... OK',
          'Operations to perform:',
          '  Apply all migrations: blog',
          'Running migrations:',
          '  No migrations to apply.',
          'blog',
          ' [X] 0001_initial',
          '',
        ].join('\n'),
      );
      // The README shows the file makemigrations wrote, byte for byte.
      expect(blocks).toContain(readFileSync(path.join(baseDir, 'blog/migrations/0001_initial.ts'), 'utf8'));
    } finally {
      rmSync(baseDir, { recursive: true, force: true });
    }
  });

  it('shows examples/quickstart.ts, the code this test runs, verbatim', () => {
    expect(blocks).toContain(example('quickstart.ts').split('\n').slice(1).join('\n'));
  });
});

describe('the README data migration', () => {
  it('is examples/publish-posts/…/0002_publish_posts.ts, and publishes every post when applied', async () => {
    expect(blocks).toContain(example('publish-posts/blog/migrations/0002_publish_posts.ts'));
    const apps = [{ label: 'blog', migrationsDir: fileURLToPath(new URL('../examples/publish-posts/blog/migrations/', import.meta.url)) }];
    const importModule = (file: string) => import(pathToFileURL(file).href);
    const db = await connectDatabase('default', { ENGINE: 'sqlite', NAME: ':memory:' }).connect();
    try {
      const graph = await loadMigrations({ apps, importModule });
      await migrate({ database: db, graph, stdout: { write: () => true }, target: { app: 'blog', name: '0001_initial' } });
      await db.execute(`INSERT INTO blog_post (title, status) VALUES ('Nuages', 'draft'), ('Minor swing', 'draft')`);
      await migrate({ database: db, graph, stdout: { write: () => true } });
      expect(await db.query('SELECT title, status FROM blog_post ORDER BY id')).toEqual([
        { title: 'Nuages', status: 'published' },
        { title: 'Minor swing', status: 'published' },
      ]);
    } finally {
      await db.close();
    }
  });
});
