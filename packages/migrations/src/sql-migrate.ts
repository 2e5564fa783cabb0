import type { Database } from '@manouche/contracts';
import type { MigrationGraph } from './graph.js';
import { collectMigrationSql } from './migration-runner.js';
import { resolveTarget } from './plan.js';
import type { Statement } from './schema/schema-editor.js';

/**
 * Options of sqlMigrate() (`sqlmigrate app name [--backwards]`).
 *
 * @example
 * await sqlMigrate({ database: db, graph, app: 'blog', name: '0002', backwards: true });
 */
export interface SqlMigrateOptions {
  database: Database;
  graph: MigrationGraph;
  app: string;
  /** The migration's name or a unique prefix (`0002`). */
  name: string;
  backwards?: boolean;
  useTz?: boolean;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** A statement with its parameters written in, for reading (never for running). */
function displayStatement(statement: Statement, dialect: Database['dialect']): string {
  if (statement.params.length === 0) return statement.sql;
  if (dialect === 'postgresql') return statement.sql.replace(/\$(\d+)/g, (_, n: string) => literal(statement.params[Number(n) - 1]));
  let i = 0;
  return statement.sql.replace(/\?/g, () => literal(statement.params[i++]));
}

/**
 * The SQL a migration runs on `database`, forwards or backwards, as `sqlmigrate` prints it: each
 * operation as a comment followed by its statements, inside BEGIN/COMMIT where DDL is transactional.
 *
 * @example
 * console.log(await sqlMigrate({ database: db, graph, app: 'blog', name: '0001' }));
 */
export async function sqlMigrate(options: SqlMigrateOptions): Promise<string> {
  const { graph, database } = options;
  const { key } = resolveTarget(graph, { app: options.app, name: options.name });
  const migration = graph.migration(key!);
  const before = graph.stateAfter(graph.forwardsPlan(migration.key).filter((k) => k !== migration.key));
  const parts = await collectMigrationSql(migration, before, database, { backwards: options.backwards, useTz: options.useTz });
  const atomic = database.supportsTransactionalDdl && migration.atomic;
  const lines: string[] = [];
  if (atomic) lines.push('BEGIN;');
  for (const { operation, statements } of parts) {
    lines.push('--', `-- ${options.backwards ? 'Undo ' : ''}${operation.describe()}`, '--');
    for (const statement of statements) lines.push(statement.sql.startsWith('-- ') ? statement.sql : `${displayStatement(statement, database.dialect)};`);
  }
  if (atomic) lines.push('COMMIT;');
  return lines.join('\n') + '\n';
}
