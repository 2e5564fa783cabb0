import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BadMigrationError,
  CircularDependencyError,
  ConflictingMigrationsError,
  defineMigration,
  loadMigrations,
  MigrationGraph,
  NodeNotFoundError,
  ops,
} from '../src/index.js';
import { namedMigration } from '../src/migration.js';
import { IMPORT_SOURCE, importFresh, tempApps } from './support/fake-project.js';

const m = (app: string, name: string, dependencies: Array<[string, string]> = []) => namedMigration(app, name, defineMigration({ dependencies }));

describe('the migration graph', () => {
  const graph = new MigrationGraph([
    m('accounts', '0001_initial'),
    m('blog', '0001_initial'),
    m('blog', '0002_post_author', [
      ['blog', '0001_initial'],
      ['accounts', '0001_initial'],
    ]),
    m('blog', '0003_post_status', [['blog', '0002_post_author']]),
  ]);

  it('plans dependencies first, across apps', () => {
    expect(graph.forwardsPlan('blog.0003_post_status')).toEqual([
      'accounts.0001_initial',
      'blog.0001_initial',
      'blog.0002_post_author',
      'blog.0003_post_status',
    ]);
  });

  it('plans dependents first when going backwards', () => {
    expect(graph.backwardsPlan('accounts.0001_initial')).toEqual(['blog.0003_post_status', 'blog.0002_post_author', 'accounts.0001_initial']);
  });

  it('knows each app leaf and root', () => {
    expect(graph.leafNodes()).toEqual(['accounts.0001_initial', 'blog.0003_post_status']);
    expect(graph.rootNodes('blog')).toEqual(['blog.0001_initial']);
  });

  it('names the migration and the missing dependency', () => {
    expect(() => new MigrationGraph([m('blog', '0002_x', [['auth', '0001_initial']])])).toThrow(NodeNotFoundError);
    expect(() => new MigrationGraph([m('blog', '0002_x', [['auth', '0001_initial']])])).toThrow(
      'Migration blog.0002_x depends on auth.0001_initial, which does not exist; app "auth" has no migrations',
    );
  });

  it('names every migration of a dependency cycle', () => {
    const cyclic = () => new MigrationGraph([m('a', '0001_initial', [['b', '0001_initial']]), m('b', '0001_initial', [['a', '0001_initial']])]);
    expect(cyclic).toThrow(CircularDependencyError);
    expect(cyclic).toThrow(/cycle: (a\.0001_initial -> b\.0001_initial -> a\.0001_initial|b\.0001_initial -> a\.0001_initial -> b\.0001_initial)/);
  });

  it('detects two leaf migrations in one app and says how to merge them', () => {
    const branched = new MigrationGraph([
      m('blog', '0001_initial'),
      m('blog', '0002_a', [['blog', '0001_initial']]),
      m('blog', '0002_b', [['blog', '0001_initial']]),
    ]);
    expect([...branched.conflicts()]).toEqual([['blog', ['0002_a', '0002_b']]]);
    expect(() => branched.assertNoConflicts()).toThrow(ConflictingMigrationsError);
    expect(() => branched.assertNoConflicts()).toThrow(
      "Conflicting migrations detected; multiple leaf nodes in the migration graph: (0002_a, 0002_b in blog). To fix them run 'manouche makemigrations --merge'.",
    );
  });

  it('builds the state the migrations describe', () => {
    const withOps = new MigrationGraph([
      namedMigration(
        'blog',
        '0001_initial',
        defineMigration({ operations: [ops.createModel({ name: 'Post', table: 'blog_post', fields: { id: { type: 'bigAuto', primaryKey: true } } })] }),
      ),
    ]);
    expect(withOps.stateAfter().model('blog', 'Post').table).toBe('blog_post');
  });
});

describe('loading migration files', () => {
  it('loads TypeScript migration files of every app in number order', async () => {
    const project = tempApps(['blog']);
    try {
      mkdirSync(project.apps[0].migrationsDir, { recursive: true });
      writeFileSync(
        path.join(project.apps[0].migrationsDir, '0001_initial.ts'),
        `import { defineMigration } from '${IMPORT_SOURCE}';\nexport default defineMigration({ initial: true });\n`,
      );
      writeFileSync(
        path.join(project.apps[0].migrationsDir, '0002_next.ts'),
        `import { defineMigration } from '${IMPORT_SOURCE}';\nexport default defineMigration({ dependencies: [['blog', '0001_initial']] });\n`,
      );
      writeFileSync(path.join(project.apps[0].migrationsDir, 'notes.md'), 'not a migration');
      const graph = await loadMigrations({ apps: project.apps, importModule: importFresh });
      expect([...graph.nodes.keys()]).toEqual(['blog.0001_initial', 'blog.0002_next']);
      expect(graph.migration('blog.0001_initial').initial).toBe(true);
    } finally {
      project.cleanup();
    }
  });

  it('names the app, the migration and the file when a module fails to load', async () => {
    const project = tempApps(['blog']);
    try {
      mkdirSync(project.apps[0].migrationsDir, { recursive: true });
      const file = path.join(project.apps[0].migrationsDir, '0001_initial.ts');
      writeFileSync(file, `throw new Error('boom in the migration');\nexport default {};\n`);
      const load = loadMigrations({ apps: project.apps, importModule: importFresh });
      await expect(load).rejects.toThrow(BadMigrationError);
      await expect(loadMigrations({ apps: project.apps, importModule: importFresh })).rejects.toThrow(
        `Cannot load migration blog.0001_initial from ${file}: boom in the migration`,
      );
    } finally {
      project.cleanup();
    }
  });

  it('rejects a file whose default export is not a migration', async () => {
    const project = tempApps(['blog']);
    try {
      mkdirSync(project.apps[0].migrationsDir, { recursive: true });
      writeFileSync(path.join(project.apps[0].migrationsDir, '0001_initial.ts'), `export const operations = [];\n`);
      await expect(loadMigrations({ apps: project.apps, importModule: importFresh })).rejects.toThrow(
        /Migration blog\.0001_initial \(.*0001_initial\.ts\) has no default export made by defineMigration\(\)/,
      );
    } finally {
      project.cleanup();
    }
  });
});
