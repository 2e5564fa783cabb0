import type { Database, Dialect, ModelState } from '@manouche/contracts';
import { IrreversibleError, MigrationError } from '../errors.js';
import type { ProjectState } from '../project-state.js';
import type { SchemaEditor } from '../schema/schema-editor.js';
import { Operation } from './operation.js';

/**
 * SQL for `runSql`: one statement, several, or a per-dialect map (`default` for the others).
 *
 * @example
 * ops.runSql({ sql: { postgresql: 'CREATE EXTENSION IF NOT EXISTS citext', default: [] }, reverseSql: [] });
 */
export type SqlSource = string | string[] | Partial<Record<Dialect | 'default', string | string[]>>;

/**
 * Arguments of `ops.runSql`: the SQL, the SQL that undoes it, and the state changes it makes.
 *
 * @example
 * ops.runSql({ sql: 'CREATE INDEX blog_post_title_lower ON blog_post (lower(title))', reverseSql: 'DROP INDEX blog_post_title_lower' });
 */
export interface RunSqlArgs {
  sql: SqlSource;
  /** The SQL that undoes `sql`; `[]` or `''` when there is nothing to undo. Without it the operation is irreversible. */
  reverseSql?: SqlSource;
  /** State changes the SQL makes, for the migration state (Django's `state_operations`). */
  stateOperations?: Operation[];
}

function statementsFor(source: SqlSource, dialect: Dialect, what: string): string[] {
  if (typeof source === 'string') return source.trim() ? [source] : [];
  if (Array.isArray(source)) return source;
  const picked = source[dialect] ?? source.default;
  if (picked === undefined) {
    throw new MigrationError(
      'MANOUCHE_MIGRATIONS_NO_SQL_FOR_DIALECT',
      `runSql has no ${what} for ${dialect}; give a "${dialect}" or "default" entry (it has: ${Object.keys(source).join(', ')}).`,
    );
  }
  return typeof picked === 'string' ? (picked.trim() ? [picked] : []) : picked;
}

/** Runs SQL written by hand; the only operation whose content may be dialect-specific. */
export class RunSql extends Operation<RunSqlArgs> {
  readonly kind = 'runSql';
  describe(): string {
    return 'Raw SQL operation';
  }
  stateForwards(app: string, state: ProjectState): void {
    for (const operation of this.args.stateOperations ?? []) operation.stateForwards(app, state);
  }
  async databaseForwards(_app: string, editor: SchemaEditor): Promise<void> {
    for (const sql of statementsFor(this.args.sql, editor.db.dialect, 'sql')) await editor.execute(sql);
  }
  async databaseBackwards(_app: string, editor: SchemaEditor): Promise<void> {
    const reason = this.irreversibleReason();
    if (reason) throw new IrreversibleError(reason);
    for (const sql of statementsFor(this.args.reverseSql ?? [], editor.db.dialect, 'reverseSql')) await editor.execute(sql);
  }
  override irreversibleReason(): string | undefined {
    return this.args.reverseSql === undefined ? 'runSql was given no reverseSql (pass reverseSql: [] if there is nothing to undo).' : undefined;
  }
}

/**
 * What a data migration's code receives.
 *
 * @example
 * const code: MigrationCode = async ({ db }: RunCodeContext) => {
 *   await db.execute("UPDATE blog_post SET slug = lower(title) WHERE slug = ''");
 * };
 */
export interface RunCodeContext {
  /** The connection (inside the migration's transaction where the database has transactional DDL). */
  db: Database;
  /** The historical models of every app at this point of the migration history. */
  state: ProjectState;
  /** The historical models of the migration's app, by model name. */
  models: Record<string, ModelState>;
  app: string;
}

/**
 * A data-migration function.
 *
 * @example
 * const dropUntitled: MigrationCode = async ({ db }) => { await db.execute("DELETE FROM blog_post WHERE title = ''"); };
 */
export type MigrationCode = (context: RunCodeContext) => Promise<void> | void;

/**
 * Arguments of `ops.runCode`: the data-migration function and the one that undoes it.
 *
 * @example
 * ops.runCode({ code: dropUntitled, reverse: ops.noop });
 */
export interface RunCodeArgs {
  code: MigrationCode;
  /** Undoes `code`; pass `ops.noop` when there is nothing to undo. Without it the operation is irreversible. */
  reverse?: MigrationCode;
}

/** Runs a function against the database with the historical models (a data migration). */
export class RunCode extends Operation<RunCodeArgs> {
  readonly kind = 'runCode';
  describe(): string {
    return 'Raw code operation';
  }
  stateForwards(): void {}
  async databaseForwards(app: string, editor: SchemaEditor, from: ProjectState): Promise<void> {
    await this.run(this.args.code, app, editor, from);
  }
  async databaseBackwards(app: string, editor: SchemaEditor, _from: ProjectState, to: ProjectState): Promise<void> {
    const reason = this.irreversibleReason();
    if (reason || !this.args.reverse) throw new IrreversibleError(reason ?? 'runCode has no reverse.');
    await this.run(this.args.reverse, app, editor, to);
  }
  override irreversibleReason(): string | undefined {
    return this.args.reverse ? undefined : 'runCode was given no reverse function (pass reverse: ops.noop if there is nothing to undo).';
  }
  private async run(code: MigrationCode, app: string, editor: SchemaEditor, state: ProjectState): Promise<void> {
    if (editor.collectOnly) {
      editor.comment('Raw code operation (runs only during migrate)');
      return;
    }
    const models: Record<string, ModelState> = {};
    for (const model of state.appModels(app)) models[model.name] = model;
    await code({ db: editor.db, state, models, app });
  }
}

export interface SeparateDatabaseAndStateArgs {
  /** Operations run against the database only. */
  databaseOperations?: Operation[];
  /** Operations applied to the migration state only. */
  stateOperations?: Operation[];
}

/** Lets the database and the migration state change differently (Django's SeparateDatabaseAndState). */
export class SeparateDatabaseAndState extends Operation<SeparateDatabaseAndStateArgs> {
  readonly kind = 'separateDatabaseAndState';
  describe(): string {
    return 'Custom state/database change combination';
  }
  stateForwards(app: string, state: ProjectState): void {
    for (const operation of this.args.stateOperations ?? []) operation.stateForwards(app, state);
  }
  async databaseForwards(app: string, editor: SchemaEditor, from: ProjectState): Promise<void> {
    let state = from;
    for (const operation of this.args.databaseOperations ?? []) {
      const next = state.clone();
      operation.stateForwards(app, next);
      await operation.databaseForwards(app, editor, state, next);
      state = next;
    }
  }
  async databaseBackwards(app: string, editor: SchemaEditor, _from: ProjectState, to: ProjectState): Promise<void> {
    const states = [to];
    for (const operation of this.args.databaseOperations ?? []) {
      const next = states[states.length - 1].clone();
      operation.stateForwards(app, next);
      states.push(next);
    }
    const operations = this.args.databaseOperations ?? [];
    for (let i = operations.length - 1; i >= 0; i--) await operations[i].databaseBackwards(app, editor, states[i + 1], states[i]);
  }
  override irreversibleReason(): string | undefined {
    for (const operation of this.args.databaseOperations ?? []) {
      const reason = operation.irreversibleReason();
      if (reason) return reason;
    }
    return undefined;
  }
}
