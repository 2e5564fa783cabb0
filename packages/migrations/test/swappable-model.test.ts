/**
 * Swappable models (Django's `swappable` option): a model created with
 * `options.swappable: 'AUTH_USER_MODEL'` gets no table while that setting names another model —
 * and no later operation touches it — and gets its table as usual when the setting names it or
 * is absent. On every database.
 */
import type { FieldSpec } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineMigration, introspectionFor, makeMigrations, MigrationGraph, migrate, ops, ProjectState, squashMigrations } from '../src/index.js';
import { resolveSwappableModels } from '../src/swappable.js';
import { namedMigration } from '../src/migration.js';

const id: FieldSpec = { type: 'auto', primaryKey: true };

/** App `app`: 0001 creates a swappable Account (with a many-to-many join table) and a plain Team; 0002 adds a field to Account and indexes it. */
function swappableGraph(app: string): MigrationGraph {
  const initial = defineMigration({
    initial: true,
    operations: [
      ops.createModel({ name: 'Team', table: `${app}_team`, fields: { id, name: { type: 'char', maxLength: 50 } } }),
      ops.createModel({
        name: 'Account',
        table: `${app}_account`,
        fields: {
          id,
          username: { type: 'char', maxLength: 150 },
          teams: { type: 'manyToMany', to: `${app}.Team`, joinTable: { table: `${app}_account_teams`, sourceColumn: 'account_id', targetColumn: 'team_id' } },
        },
        options: { verboseName: 'account', swappable: 'SWAPPABLE_ACCOUNT_MODEL' },
      }),
    ],
  });
  const second = defineMigration({
    dependencies: [[app, '0001_initial']],
    operations: [
      ops.addField({ model: 'Account', name: 'nickname', field: { type: 'char', maxLength: 30, default: '' } }),
      ops.addIndex({ model: 'Account', index: { name: `${app}_nick_idx`, fields: ['nickname'] } }),
    ],
  });
  return new MigrationGraph([namedMigration(app, '0001_initial', initial), namedMigration(app, '0002_nickname', second)]);
}

const quiet = { write: () => undefined };

describe.each(testDatabaseTargets())('swappable models on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  const tables = async () => introspectionFor(testDb.database).tableNames();

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('creates no table for a model whose swappable setting names another model, and skips its later operations', async () => {
    const result = await migrate({
      database: testDb.database,
      graph: swappableGraph('swapout'),
      settings: { SWAPPABLE_ACCOUNT_MODEL: 'members.Member' },
      stdout: quiet,
    });
    expect(result.applied).toEqual(['swapout.0001_initial', 'swapout.0002_nickname']);
    const names = await tables();
    expect(names).toContain('swapout_team');
    expect(names).not.toContain('swapout_account');
    expect(names).not.toContain('swapout_account_teams');
    // Rolling back skips the swapped model too (there is nothing to drop).
    await migrate({
      database: testDb.database,
      graph: swappableGraph('swapout'),
      target: { app: 'swapout', name: 'zero' },
      settings: { SWAPPABLE_ACCOUNT_MODEL: 'members.Member' },
      stdout: quiet,
    });
    expect(await tables()).not.toContain('swapout_team');
  });

  it('creates the table as usual when the setting names the model itself (in any case) or is not set', async () => {
    await migrate({ database: testDb.database, graph: swappableGraph('swapself'), settings: { SWAPPABLE_ACCOUNT_MODEL: 'SwapSelf.account' }, stdout: quiet });
    await migrate({ database: testDb.database, graph: swappableGraph('swapunset'), settings: {}, stdout: quiet });
    const names = await tables();
    for (const app of ['swapself', 'swapunset']) {
      expect(names).toContain(`${app}_account`);
      expect(names).toContain(`${app}_account_teams`);
      const columns = (await introspectionFor(testDb.database).describeTable(`${app}_account`)).columns.map((c) => c.name);
      expect(columns).toContain('nickname');
    }
  });
});

describe('the swapped mark on a migration state', () => {
  it('is kept out of the options makemigrations compares, and only set when settings are given', () => {
    const account = { app: 'accounts', name: 'Account', table: 'accounts_account', fields: { id }, options: { swappable: 'SWAPPABLE_ACCOUNT_MODEL' } };
    expect(new ProjectState([structuredClone(account)]).model('accounts', 'Account').options.swapped).toBeUndefined();
    const state = new ProjectState([structuredClone(account)], { SWAPPABLE_ACCOUNT_MODEL: 'members.Member' });
    expect(state.model('accounts', 'Account').options.swapped).toBe('members.Member');
    expect(state.clone().model('accounts', 'Account').options.swapped).toBe('members.Member');
  });
});

describe("relations to a swappable model: 'settings.X' in migration files", () => {
  const users = defineMigration({
    initial: true,
    operations: [ops.createModel({ name: 'User', table: 'auth_user', fields: { id }, options: { swappable: 'AUTH_USER_MODEL' } })],
  });
  const members = defineMigration({ initial: true, operations: [ops.createModel({ name: 'Member', table: 'accounts_member', fields: { id } })] });
  const notes = defineMigration({
    initial: true,
    dependencies: [['settings.AUTH_USER_MODEL', '__first__']],
    operations: [
      ops.createModel({
        name: 'Note',
        table: 'notes_note',
        fields: { id, author: { type: 'foreignKey', column: 'author_id', to: 'settings.AUTH_USER_MODEL', onDelete: 'CASCADE' } },
      }),
    ],
  });
  const migrations = [
    namedMigration('auth', '0001_initial', users),
    namedMigration('accounts', '0001_initial', members),
    namedMigration('notes', '0001_initial', notes),
  ];
  const author = (graph: MigrationGraph) => graph.stateAfter().model('notes', 'Note').fields.author!.to;

  it('point at the model the settings name, and depend on its app’s first migration', () => {
    const graph = new MigrationGraph(resolveSwappableModels(migrations, { AUTH_USER_MODEL: 'accounts.Member' }));
    expect(author(graph)).toBe('accounts.Member');
    expect(graph.migration('notes.0001_initial').dependencies).toEqual([['accounts', '0001_initial']]);
  });

  it('point at the model declaring itself swappable without settings, and leave the loaded files untouched', () => {
    const graph = new MigrationGraph(resolveSwappableModels(migrations));
    expect(author(graph)).toBe('auth.User');
    expect(graph.migration('notes.0001_initial').dependencies).toEqual([['auth', '0001_initial']]);
    expect((notes.operations[0]!.args as { fields: Record<string, FieldSpec> }).fields.author!.to).toBe('settings.AUTH_USER_MODEL');
  });

  it('refuse a setting that is no model reference, naming the migration and the setting', () => {
    expect(() => resolveSwappableModels(migrations, { AUTH_USER_MODEL: 'Member' })).toThrow(
      `Migration notes.0001_initial refers to settings.AUTH_USER_MODEL, whose value "Member" is not 'app_label.ModelName'.`,
    );
  });

  it('are what makemigrations writes for a relation to the model the setting names, with the swappable dependency', async () => {
    const graph = new MigrationGraph(resolveSwappableModels(migrations.slice(0, 2), { AUTH_USER_MODEL: 'accounts.Member' }));
    const [made] = await makeMigrations({
      apps: ['auth', 'accounts', 'notes'].map((label) => ({ label, migrationsDir: `/nowhere/${label}/migrations` })),
      appLabels: ['notes'],
      graph,
      dryRun: true,
      settings: { AUTH_USER_MODEL: 'accounts.Member' },
      currentStates: [
        { app: 'auth', name: 'User', table: 'auth_user', fields: { id }, options: {} } as never,
        { app: 'accounts', name: 'Member', table: 'accounts_member', fields: { id }, options: {} } as never,
        {
          app: 'notes',
          name: 'Note',
          table: 'notes_note',
          fields: { id, author: { type: 'foreignKey', column: 'author_id', to: 'accounts.Member', onDelete: 'CASCADE' } },
          options: {},
        } as never,
      ],
    });
    expect(made!.source).toContain("to: 'settings.AUTH_USER_MODEL'");
    expect(made!.dependencies).toEqual([['settings.AUTH_USER_MODEL', '__first__']]);
  });

  it('stay settings references when squashed', async () => {
    const addAuthor = defineMigration({
      dependencies: [
        ['notes', '0001_initial'],
        ['settings.AUTH_USER_MODEL', '__first__'],
      ],
      operations: [
        ops.addField({
          model: 'Note',
          name: 'editor',
          field: { type: 'foreignKey', column: 'editor_id', to: 'settings.AUTH_USER_MODEL', onDelete: 'CASCADE' },
        }),
      ],
    });
    const graph = new MigrationGraph(
      resolveSwappableModels([...migrations, namedMigration('notes', '0002_note_editor', addAuthor)], { AUTH_USER_MODEL: 'accounts.Member' }),
    );
    const made = await squashMigrations({
      apps: ['auth', 'accounts', 'notes'].map((label) => ({ label, migrationsDir: `/nowhere/${label}/migrations` })),
      graph,
      app: 'notes',
      end: '0002',
      dryRun: true,
    });
    expect(made.source).toContain("to: 'settings.AUTH_USER_MODEL'");
    expect(made.source).not.toContain('accounts.Member');
    expect(made.dependencies).toEqual([['settings.AUTH_USER_MODEL', '__first__']]);
  });
});
