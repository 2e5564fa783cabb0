import type { Database } from '@manouche/contracts';
import { IrreversibleError, MigrationFailedError } from './errors.js';
import type { Migration } from './migration.js';
import type { Operation } from './operations/operation.js';
import type { ProjectState } from './project-state.js';
import type { MigrationRecorder } from './recorder.js';
import { schemaEditorFor } from './schema/editor-for.js';
import type { SchemaEditor, Statement } from './schema/schema-editor.js';

/** How one migration is run. */
export interface RunMigrationOptions {
  database: Database;
  recorder: MigrationRecorder;
  useTz?: boolean;
}

/** The states between a migration's operations: `states[i]` before operation i, the last one after all. */
function operationStates(migration: Migration, before: ProjectState): ProjectState[] {
  const states = [before];
  for (const operation of migration.operations) {
    const next = states[states.length - 1].clone();
    operation.stateForwards(migration.app, next);
    states.push(next);
  }
  return states;
}

/** The first operation that cannot be reversed, as an error naming the migration, the operation and why. */
export function irreversibility(migration: Migration): IrreversibleError | undefined {
  for (const [i, operation] of migration.operations.entries()) {
    const reason = operation.irreversibleReason();
    if (reason) return new IrreversibleError(`Migration ${migration.key} is not reversible: operation ${i + 1} (${operation.describe()}): ${reason}`);
  }
  return undefined;
}

type Step = (editor: SchemaEditor, track: (operation: Operation, index: number) => void) => Promise<void>;

/** Runs `step` in a transaction where the database has transactional DDL, reporting which operation failed. */
async function runAtomically(
  migration: Migration,
  direction: 'Applying' | 'Unapplying',
  options: RunMigrationOptions,
  step: Step,
  record: (db: Database) => Promise<void>,
): Promise<void> {
  const { database } = options;
  const done: string[] = [];
  let current: { operation: Operation; index: number } | undefined;
  const track = (operation: Operation, index: number) => {
    if (current) done.push(`${current.index + 1}. ${current.operation.describe()}`);
    current = { operation, index };
  };
  const body = async (db: Database) => {
    const editor = schemaEditorFor(db, { useTz: options.useTz });
    await step(editor, track);
    if (current) done.push(`${current.index + 1}. ${current.operation.describe()}`);
    current = undefined;
    await editor.flushDeferred();
    if (db.dialect === 'sqlite') await assertForeignKeysHold(db, migration);
    await record(db);
  };
  const transactional = database.supportsTransactionalDdl && migration.atomic;
  const run = () => (transactional ? database.transaction(body) : body(database));
  try {
    if (database.dialect === 'sqlite') {
      // PRAGMA foreign_keys is a no-op inside a transaction: switch it off around it, so rebuilding a
      // parent table (DROP + RENAME) never cascades to its children; foreign_key_check runs before COMMIT.
      await database.execute('PRAGMA foreign_keys = OFF');
      try {
        await run();
      } finally {
        await database.execute('PRAGMA foreign_keys = ON');
      }
    } else {
      await run();
    }
  } catch (error) {
    const what = current
      ? `operation ${current.index + 1} of ${migration.operations.length} (${current.operation.describe()})`
      : 'while finishing the migration';
    const cause = (error as Error).message;
    const left = transactional ? 'It was rolled back: nothing of it is applied.' : await whatStaysApplied(migration, direction, options, done);
    throw new MigrationFailedError(`${direction} ${migration.key} failed at ${what}: ${cause}\n${left}`, { cause: error });
  }
  if (!transactional) await options.recorder.clearPartial(migration.app, migration.name);
}

/**
 * Without transactional DDL, what a failed run leaves applied: this run's finished operations and
 * those an earlier failed run left (noted in the recorder), so a rerun never claims a clean slate.
 */
async function whatStaysApplied(migration: Migration, direction: 'Applying' | 'Unapplying', options: RunMigrationOptions, done: string[]): Promise<string> {
  const { database, recorder } = options;
  const why = database.supportsTransactionalDdl
    ? 'The migration is not atomic (atomic: false)'
    : `${database.vendor === 'mariadb' ? 'MariaDB' : 'MySQL'} cannot roll back DDL`;
  const earlier = await recorder.partialRun(migration.app, migration.name).catch(() => undefined); // unreadable note: report this run only
  const lines: string[] = [];
  if (done.length) lines.push(`${why}, so these operations stay applied: ${done.join('; ')}.`);
  else lines.push(`This run applied none of its operations.`);
  if (earlier) {
    lines.push(
      `An earlier run (${earlier.direction.toLowerCase()}, failed ${earlier.failed} UTC) left these operations applied, unless they were undone by hand since: ${earlier.operations.join('; ')}.`,
    );
  }
  if (done.length || earlier) {
    lines.push(
      `The migration is not recorded as ${direction === 'Applying' ? 'applied' : 'unapplied'}; undo them by hand (or finish the rest) before running migrate again.`,
    );
    const still = [...(earlier?.direction === direction ? earlier.operations : []), ...done.filter((entry) => !earlier?.operations.includes(entry))];
    if (done.length) {
      // The note only improves a later message; failing to write it must not hide the real error.
      const noted = await recorder.recordPartial(migration.app, migration.name, direction, still).then(
        () => undefined,
        (error: Error) => error,
      );
      if (noted) lines.push(`(The applied operations could not be noted for the next run: ${noted.message})`);
    }
  } else {
    lines[0] = 'No operation of it had been applied.';
  }
  return lines.join(' ');
}

async function assertForeignKeysHold(db: Database, migration: Migration): Promise<void> {
  const rows = await db.query<{ table: string; parent: string }>('PRAGMA foreign_key_check');
  if (rows.length > 0) {
    const first = rows[0];
    throw new MigrationFailedError(
      `Migration ${migration.key} leaves rows of "${first.table}" pointing at missing rows of "${first.parent}" (${rows.length} violation(s)).`,
    );
  }
}

/** Applies `migration` to the database and records it; returns the state after it. */
export async function applyMigration(migration: Migration, before: ProjectState, options: RunMigrationOptions): Promise<ProjectState> {
  const states = operationStates(migration, before);
  await runAtomically(
    migration,
    'Applying',
    options,
    async (editor, track) => {
      for (const [i, operation] of migration.operations.entries()) {
        track(operation, i);
        await operation.databaseForwards(migration.app, editor, states[i], states[i + 1]);
      }
    },
    (db) => options.recorder.recordMigrationApplied(migration, db),
  );
  return states[states.length - 1];
}

/** Unapplies `migration` (`before` is the state before it was applied) and removes its record. */
export async function unapplyMigration(migration: Migration, before: ProjectState, options: RunMigrationOptions): Promise<void> {
  const irreversible = irreversibility(migration);
  if (irreversible) throw irreversible;
  const states = operationStates(migration, before);
  await runAtomically(
    migration,
    'Unapplying',
    options,
    async (editor, track) => {
      for (let i = migration.operations.length - 1; i >= 0; i--) {
        track(migration.operations[i], i);
        await migration.operations[i].databaseBackwards(migration.app, editor, states[i + 1], states[i]);
      }
    },
    (db) => options.recorder.recordMigrationUnapplied(migration, db),
  );
}

/** The statements `migration` would run, forwards or backwards, without running them (sqlmigrate). */
export async function collectMigrationSql(
  migration: Migration,
  before: ProjectState,
  database: Database,
  options: { backwards?: boolean; useTz?: boolean } = {},
): Promise<Array<{ operation: Operation; statements: Statement[] }>> {
  if (options.backwards) {
    const irreversible = irreversibility(migration);
    if (irreversible) throw irreversible;
  }
  const states = operationStates(migration, before);
  const editor = schemaEditorFor(database, { collectOnly: true, useTz: options.useTz });
  const result: Array<{ operation: Operation; statements: Statement[] }> = [];
  const order = migration.operations.map((operation, i) => ({ operation, i }));
  if (options.backwards) order.reverse();
  for (const { operation, i } of order) {
    const start = editor.statements.length;
    if (options.backwards) await operation.databaseBackwards(migration.app, editor, states[i + 1], states[i]);
    else await operation.databaseForwards(migration.app, editor, states[i], states[i + 1]);
    result.push({ operation, statements: editor.statements.slice(start) });
  }
  const start = editor.statements.length;
  await editor.flushDeferred();
  if (editor.statements.length > start && result.length > 0) result[result.length - 1].statements.push(...editor.statements.slice(start));
  return result;
}
