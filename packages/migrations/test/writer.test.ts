import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, ops, writeMigrationSource } from '../src/index.js';
import { IMPORT_SOURCE, importFresh, tempApps } from './support/fake-project.js';

describe('writing migration files', () => {
  it('writes readable, stably formatted TypeScript with plain field data', () => {
    const source = writeMigrationSource(
      {
        initial: true,
        dependencies: [['accounts', '0001_initial']],
        operations: [
          ops.createModel({
            name: 'Post',
            table: 'blog_post',
            fields: {
              id: { primaryKey: true, type: 'bigAuto' },
              title: { maxLength: 250, type: 'char' },
              author: { onDelete: 'CASCADE', to: 'accounts.User', type: 'foreignKey' },
            },
            options: { ordering: ['-publish'] },
          }),
        ],
      },
      { importSource: '@manouche/migrations' },
    );
    expect(source).toBe(`import { defineMigration, ops } from '@manouche/migrations';

export default defineMigration({
  initial: true,
  dependencies: [
    ['accounts', '0001_initial'],
  ],
  operations: [
    ops.createModel({
      name: 'Post',
      table: 'blog_post',
      fields: {
        id: { type: 'bigAuto', primaryKey: true },
        title: { type: 'char', maxLength: 250 },
        author: { type: 'foreignKey', to: 'accounts.User', onDelete: 'CASCADE' },
      },
      options: { ordering: ['-publish'] },
    }),
  ],
});
`);
  });

  it('imports from manouche/migrations by default', () => {
    expect(writeMigrationSource({ dependencies: [], operations: [] })).toMatch(/^import \{ defineMigration, ops \} from 'manouche\/migrations';/);
  });

  it('escapes quotes, backslashes and newlines in strings', () => {
    const source = writeMigrationSource({
      dependencies: [],
      operations: [ops.addField({ model: 'Post', name: 'note', field: { type: 'char', maxLength: 9, default: "it's a \\ \n test" } })],
    });
    expect(source).toContain(`default: 'it\\'s a \\\\ \\n test'`);
  });

  it('refuses functions, which are not plain data', () => {
    expect(() => writeMigrationSource({ dependencies: [], operations: [ops.runCode({ code: async () => {} })] })).toThrow(
      'Cannot write a function into a migration file',
    );
  });

  it('writes files that load back into the same operations', async () => {
    const project = tempApps(['blog']);
    try {
      const operation = ops.addField({
        model: 'Post',
        name: 'rating',
        field: { type: 'decimal', maxDigits: 5, decimalPlaces: 2, default: '0.00', choices: [['1.00', 'one']] },
      });
      mkdirSync(project.apps[0].migrationsDir, { recursive: true });
      writeFileSync(
        path.join(project.apps[0].migrationsDir, '0001_initial.ts'),
        writeMigrationSource({ dependencies: [], operations: [operation] }, { importSource: IMPORT_SOURCE }),
      );
      const graph = await loadMigrations({ apps: project.apps, importModule: importFresh });
      expect(graph.migration('blog.0001_initial').operations[0].args).toEqual(operation.args);
    } finally {
      project.cleanup();
    }
  });
});
