import type { Database, ModelState } from '@manouche/contracts';
import { isManaged, ProjectState } from './project-state.js';
import { schemaEditorFor } from './schema/editor-for.js';

/** Options of {@link createModelTables}. */
export interface CreateModelTablesOptions {
  /** USE_TZ, for the defaults of date/time columns (as `migrate` is given it). */
  useTz?: boolean;
}

/**
 * Creates the tables of `states` (with their indexes, constraints, foreign keys and automatic
 * many-to-many tables) with the same schema editor a migration's CreateModel runs, without
 * recording a migration: Django's `migrate --run-syncdb`, for apps that have no migrations and for
 * test databases. Unmanaged models are skipped. Runs in one transaction where DDL is transactional.
 *
 * @example
 * await createModelTables(db, modelStates('blog'));
 */
export async function createModelTables(database: Database, states: readonly ModelState[], options: CreateModelTablesOptions = {}): Promise<void> {
  const project = new ProjectState(states.map((state) => structuredClone(state)));
  const body = async (db: Database) => {
    const editor = schemaEditorFor(db, { useTz: options.useTz });
    for (const state of project.models.values()) if (isManaged(state)) await editor.createModel(state, project);
    await editor.flushDeferred();
  };
  if (database.supportsTransactionalDdl) await database.transaction(body);
  else await body(database);
}
