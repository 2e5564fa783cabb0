import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countPosts } from '../examples/count-posts.js';
import type { Database, Project } from '../src/index.js';

function fakeProject(rows: Array<{ n: number }>, seen: string[]): Project {
  const db = {
    alias: 'default',
    dialect: 'postgresql',
    vendor: 'postgresql',
    supportsTransactionalDdl: true,
    quoteName: (name: string) => `"${name}"`,
    query: async (sql: string) => {
      seen.push(sql);
      return rows;
    },
  } as unknown as Database;
  return { databases: { get: () => db, aliases: () => ['default'], closeAll: async () => undefined } } as unknown as Project;
}

describe('README example', () => {
  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/count-posts.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.split('\n').slice(1).join('\n').trim());
  });

  it('prints the count through the project the CLI hands it, quoting the table name', async () => {
    const out: string[] = [];
    const seen: string[] = [];
    const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, interactive: false, prompt: async () => '' };
    await countPosts.run({ args: {}, options: { database: 'default' }, cwd: '/', io, project: async () => fakeProject([{ n: 3 }], seen) });
    expect(out).toEqual(['3\n']);
    expect(seen).toEqual(['SELECT count(*) AS n FROM "blog_post"']);
  });

  it('fails cleanly when the query returns nothing', async () => {
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, interactive: false, prompt: async () => '' };
    await expect(countPosts.run({ args: {}, options: { database: 'default' }, cwd: '/', io, project: async () => fakeProject([], []) })).rejects.toThrow(
      'blog_post returned no count',
    );
  });
});
