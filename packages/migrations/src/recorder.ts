import type { Database, ModelState } from '@manouche/contracts';
import { ProjectState } from './project-state.js';
import { introspectionFor, schemaEditorFor } from './schema/editor-for.js';

/**
 * The table that records which migrations a database has applied.
 *
 * @example
 * await db.query(`SELECT app, name FROM ${MIGRATIONS_TABLE} ORDER BY applied`);
 */
export const MIGRATIONS_TABLE = 'manouche_migrations';

/** The recording table as a model, so every dialect's schema editor can create it. */
const RECORD_MODEL: ModelState = {
  app: 'migrations',
  name: 'Migration',
  table: MIGRATIONS_TABLE,
  fields: {
    id: { type: 'bigAuto', primaryKey: true },
    app: { type: 'char', maxLength: 255 },
    name: { type: 'char', maxLength: 255 },
    applied: { type: 'dateTime' },
  },
  options: {},
};

/**
 * Where a migration that failed half-way on a database without transactional DDL notes which operations stayed applied.
 *
 * @example
 * await db.query(`SELECT * FROM ${PARTIAL_TABLE}`); // empty unless a migration stopped half-way on MySQL
 */
export const PARTIAL_TABLE = 'manouche_migrations_partial';

const PARTIAL_MODEL: ModelState = {
  app: 'migrations',
  name: 'PartialMigration',
  table: PARTIAL_TABLE,
  fields: {
    id: { type: 'bigAuto', primaryKey: true },
    app: { type: 'char', maxLength: 255 },
    name: { type: 'char', maxLength: 255 },
    direction: { type: 'char', maxLength: 20 },
    operations: { type: 'text' },
    failed: { type: 'dateTime' },
  },
  options: {},
};

/** What an earlier failed run of a migration left applied (MySQL/MariaDB cannot roll DDL back). */
export interface PartialRun {
  direction: string;
  /** The operations it left applied, `1. Create model Thing` each. */
  operations: string[];
  /** When it failed (UTC, `YYYY-MM-DD HH:MM:SS`). */
  failed: string;
}

function timestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Reads and writes `manouche_migrations` (id, app, name, applied); the table is created on first use.
 *
 * @example
 * const applied = await new MigrationRecorder(db).appliedMigrations(); // Set { 'blog.0001_initial' }
 */
export class MigrationRecorder {
  constructor(private readonly db: Database) {}

  private placeholders(count: number): string[] {
    return Array.from({ length: count }, (_, i) => (this.db.dialect === 'postgresql' ? `$${i + 1}` : '?'));
  }

  async hasTable(): Promise<boolean> {
    return (await introspectionFor(this.db).tableNames()).includes(MIGRATIONS_TABLE);
  }

  async ensureTable(): Promise<void> {
    if (await this.hasTable()) return;
    const editor = schemaEditorFor(this.db);
    await editor.createModel(RECORD_MODEL, new ProjectState([RECORD_MODEL]));
  }

  /** Keys (`app.name`) of the applied migrations; empty when the table does not exist yet. */
  async appliedMigrations(): Promise<Set<string>> {
    if (!(await this.hasTable())) return new Set();
    const q = (name: string) => this.db.quoteName(name);
    const rows = await this.db.query<{ app: string; name: string }>(`SELECT ${q('app')}, ${q('name')} FROM ${q(MIGRATIONS_TABLE)} ORDER BY ${q('id')}`);
    return new Set(rows.map((row) => `${row.app}.${row.name}`));
  }

  /** Records `app.name` as applied, on `db` (the migration's transaction) when given. */
  async recordApplied(app: string, name: string, db: Database = this.db): Promise<void> {
    const q = (n: string) => db.quoteName(n);
    const [a, b, c] = this.placeholders(3);
    await db.execute(`INSERT INTO ${q(MIGRATIONS_TABLE)} (${q('app')}, ${q('name')}, ${q('applied')}) VALUES (${a}, ${b}, ${c})`, [
      app,
      name,
      timestamp(new Date()),
    ]);
  }

  /**
   * Records a migration as applied; a squashed one records each migration it replaces too (not
   * already recorded), so the history reads the same whichever set of files ran.
   */
  async recordMigrationApplied(
    migration: { app: string; name: string; replaces: ReadonlyArray<readonly [string, string]> },
    db: Database = this.db,
  ): Promise<void> {
    const recorded = migration.replaces.length ? await new MigrationRecorder(db).appliedMigrations() : new Set<string>();
    for (const [app, name] of migration.replaces) if (!recorded.has(`${app}.${name}`)) await this.recordApplied(app, name, db);
    if (!recorded.has(`${migration.app}.${migration.name}`)) await this.recordApplied(migration.app, migration.name, db);
  }

  /** Removes a migration's record, and a squashed one's replaced migrations' records. */
  async recordMigrationUnapplied(
    migration: { app: string; name: string; replaces: ReadonlyArray<readonly [string, string]> },
    db: Database = this.db,
  ): Promise<void> {
    for (const [app, name] of migration.replaces) await this.recordUnapplied(app, name, db);
    await this.recordUnapplied(migration.app, migration.name, db);
  }

  /** What an earlier failed run of `app.name` left applied, when one did (and it was not finished since). */
  async partialRun(app: string, name: string): Promise<PartialRun | undefined> {
    if (!(await introspectionFor(this.db).tableNames()).includes(PARTIAL_TABLE)) return undefined;
    const q = (n: string) => this.db.quoteName(n);
    const [a, b] = this.placeholders(2);
    const rows = await this.db.query<{ direction: string; operations: string; failed: unknown }>(
      `SELECT ${q('direction')}, ${q('operations')}, ${q('failed')} FROM ${q(PARTIAL_TABLE)} WHERE ${q('app')} = ${a} AND ${q('name')} = ${b}`,
      [app, name],
    );
    if (rows.length === 0) return undefined;
    const failed = rows[0].failed instanceof Date ? timestamp(rows[0].failed) : String(rows[0].failed);
    return { direction: rows[0].direction, operations: JSON.parse(rows[0].operations) as string[], failed: failed.slice(0, 19) };
  }

  /** Notes that a run of `app.name` failed leaving `operations` applied (replacing any earlier note). */
  async recordPartial(app: string, name: string, direction: string, operations: string[]): Promise<void> {
    if (!(await introspectionFor(this.db).tableNames()).includes(PARTIAL_TABLE)) {
      await schemaEditorFor(this.db).createModel(PARTIAL_MODEL, new ProjectState([PARTIAL_MODEL]));
    }
    await this.clearPartial(app, name);
    const q = (n: string) => this.db.quoteName(n);
    const [a, b, c, d, e] = this.placeholders(5);
    await this.db.execute(
      `INSERT INTO ${q(PARTIAL_TABLE)} (${q('app')}, ${q('name')}, ${q('direction')}, ${q('operations')}, ${q('failed')}) VALUES (${a}, ${b}, ${c}, ${d}, ${e})`,
      [app, name, direction, JSON.stringify(operations), timestamp(new Date())],
    );
  }

  /** Forgets an earlier failed run of `app.name` (it has now run through, or was faked). */
  async clearPartial(app: string, name: string, db: Database = this.db): Promise<void> {
    if (!(await introspectionFor(db).tableNames()).includes(PARTIAL_TABLE)) return;
    const q = (n: string) => db.quoteName(n);
    const [a, b] = this.placeholders(2);
    await db.execute(`DELETE FROM ${q(PARTIAL_TABLE)} WHERE ${q('app')} = ${a} AND ${q('name')} = ${b}`, [app, name]);
  }

  async recordUnapplied(app: string, name: string, db: Database = this.db): Promise<void> {
    const q = (n: string) => db.quoteName(n);
    const [a, b] = this.placeholders(2);
    await db.execute(`DELETE FROM ${q(MIGRATIONS_TABLE)} WHERE ${q('app')} = ${a} AND ${q('name')} = ${b}`, [app, name]);
  }
}
