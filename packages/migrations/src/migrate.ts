import { columnName, type Database } from '@manouche/contracts';
import type { MigrationGraph } from './graph.js';
import type { Migration } from './migration.js';
import { applyMigration, irreversibility, unapplyMigration } from './migration-runner.js';
import type { AddFieldArgs } from './operations/field-operations.js';
import type { CreateModelArgs } from './operations/model-operations.js';
import { checkConsistentHistory, migrationPlan, resolveTarget, type MigrateTarget, type PlanStep } from './plan.js';
import { isManaged, type ProjectState } from './project-state.js';
import { MigrationRecorder } from './recorder.js';
import { introspectionFor } from './schema/editor-for.js';

/** Where migrate writes its progress (a CommandIO's stdout, or anything with `write`). */
export interface OutputStream {
  write(text: string): unknown;
}

/**
 * Options of migrate(): the connection, the loaded graph and where to go.
 *
 * @example
 * await migrate({ database: db, graph, target: { app: 'blog', name: '0002' }, plan: true, stdout: process.stdout });
 */
export interface MigrateOptions {
  database: Database;
  graph: MigrationGraph;
  /** Migrate one app to its latest migration, a named one (a prefix works) or `zero`; every app's latest when omitted. */
  target?: MigrateTarget;
  /** Record the migrations as applied (or unapplied) without running them. */
  fake?: boolean;
  /** Fake initial migrations whose tables (and columns) all exist already. */
  fakeInitial?: boolean;
  /** Print the plan and change nothing. */
  plan?: boolean;
  /** USE_TZ (datetimes with time zone on PostgreSQL); default true. */
  useTz?: boolean;
  /**
   * The project settings: a model created with `options.swappable: 'AUTH_USER_MODEL'` gets no
   * table (and no later operation touches it) while that setting names another model, as in Django.
   */
  settings?: Readonly<Record<string, unknown>>;
  stdout?: OutputStream;
  /** A CommandIO (or anything with `stdout`): where progress goes when `stdout` is not given. */
  io?: { stdout: OutputStream };
}

/**
 * What `migrate` did.
 *
 * @example
 * const { applied } = await migrate({ database: db, graph });
 * applied; // ['blog.0001_initial', 'blog.0002_post_publish']
 */
export interface MigrateResult {
  plan: PlanStep[];
  applied: string[];
  unapplied: string[];
  faked: string[];
}

/**
 * Brings the database to the target: checks the history is consistent, plans, then applies or
 * unapplies each migration (atomically where DDL is transactional), recording each in
 * `manouche_migrations`. Prints Django's progress lines to `stdout`.
 *
 * @example
 * await migrate({ database: db, graph, stdout: process.stdout });           // everything
 * await migrate({ database: db, graph, target: { app: 'blog', name: 'zero' } }); // roll blog back
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const { database } = options;
  const out = options.stdout ?? options.io?.stdout ?? { write: () => undefined };
  const recorder = new MigrationRecorder(database);
  const recorded = await recorder.appliedMigrations();
  // Squashed migrations: the squashed file or the ones it replaces, by what is applied (as Django's loader).
  const graph = options.graph.withApplied(recorded);
  const applied = graph.effectiveApplied(recorded);
  checkConsistentHistory(graph, applied, database.alias);
  let targets: Array<{ app: string; key?: string }>;
  if (options.target) {
    targets = [resolveTarget(graph, options.target)];
  } else {
    graph.assertNoConflicts();
    targets = graph.leafNodes().map((key) => ({ app: graph.migration(key).app, key }));
  }
  const plan = migrationPlan(graph, applied, targets);
  const result: MigrateResult = { plan, applied: [], unapplied: [], faked: [] };

  if (options.plan) {
    out.write('Planned operations:\n');
    if (plan.length === 0) out.write('  No planned migration operations.\n');
    for (const step of plan) {
      const migration = graph.migration(step.key);
      out.write(`${step.key}\n`);
      const operations = step.backwards ? [...migration.operations].reverse() : migration.operations;
      for (const operation of operations) {
        const reason = step.backwards ? operation.irreversibleReason() : undefined;
        out.write(`    ${step.backwards ? 'Undo ' : ''}${operation.describe()}${reason ? ' -> IRREVERSIBLE' : ''}\n`);
      }
      if (migration.operations.length === 0) out.write('    (no operations)\n');
    }
    return result;
  }

  out.write('Operations to perform:\n');
  const target = targets[0];
  if (!options.target) out.write(`  Apply all migrations: ${graph.apps().join(', ') || '(none)'}\n`);
  else if (target.key === undefined) out.write(`  Unapply all migrations: ${target.app}\n`);
  else out.write(`  Target specific migration: ${graph.migration(target.key).name}, from ${target.app}\n`);
  out.write('Running migrations:\n');
  if (plan.length === 0) {
    out.write('  No migrations to apply.\n');
    await recordReplacements(graph, recorder);
    return result;
  }
  const backwards = plan.filter((step) => step.backwards).map((step) => graph.migration(step.key));
  for (const migration of backwards) {
    const irreversible = irreversibility(migration);
    if (irreversible && !options.fake) throw irreversible;
  }
  await recorder.ensureTable();
  const runOptions = { database, recorder, useTz: options.useTz };

  if (plan.every((step) => !step.backwards)) {
    let state = graph.stateAfter(applied, options.settings);
    for (const step of plan) {
      const migration = graph.migration(step.key);
      out.write(`  Applying ${migration.key}...`);
      if (options.fake || (options.fakeInitial && (await initialAlreadyApplied(migration, state, database)))) {
        state = advance(migration, state);
        await recorder.recordMigrationApplied(migration);
        await recorder.clearPartial(migration.app, migration.name);
        result.faked.push(migration.key);
        out.write(' FAKED\n');
        continue;
      }
      state = await applyMigration(migration, state, runOptions);
      result.applied.push(migration.key);
      out.write(' OK\n');
    }
    await recordReplacements(graph, recorder);
    return result;
  }

  // Backwards: the state before each migration to unapply, from the applied history in dependency order.
  const toUnapply = new Set(plan.map((step) => step.key));
  const before = new Map<string, ProjectState>();
  let state = graph.stateAfter([], options.settings);
  for (const key of graph.fullPlan()) {
    if (toUnapply.has(key)) before.set(key, state.clone());
    if (applied.has(key)) state = advance(graph.migration(key), state);
  }
  for (const step of plan) {
    const migration = graph.migration(step.key);
    out.write(`  Unapplying ${migration.key}...`);
    if (options.fake) {
      await recorder.recordMigrationUnapplied(migration);
      await recorder.clearPartial(migration.app, migration.name);
      result.faked.push(migration.key);
      out.write(' FAKED\n');
      continue;
    }
    await unapplyMigration(migration, before.get(step.key)!, runOptions);
    result.unapplied.push(migration.key);
    out.write(' OK\n');
  }
  await recordReplacements(graph, recorder);
  return result;
}

/**
 * Records a squashed migration as applied once every migration it replaces is (Django's
 * check_replacements), so it stays applied after the replaced files and `replaces` are removed.
 */
async function recordReplacements(graph: MigrationGraph, recorder: MigrationRecorder): Promise<void> {
  if (graph.squashed.size === 0 || !(await recorder.hasTable())) return;
  const recorded = await recorder.appliedMigrations();
  for (const [key, migration] of graph.squashed) {
    if (recorded.has(key) || !migration.replaces.every(([app, name]) => recorded.has(`${app}.${name}`))) continue;
    await recorder.recordApplied(migration.app, migration.name);
  }
}

function advance(migration: Migration, state: ProjectState): ProjectState {
  const next = state.clone();
  for (const operation of migration.operations) operation.stateForwards(migration.app, next);
  return next;
}

/**
 * Whether an initial migration's effect is already in the database (Django's --fake-initial): every
 * table it creates exists, and every column it adds too. A migration that creates nothing never qualifies.
 */
async function initialAlreadyApplied(migration: Migration, before: ProjectState, database: Database): Promise<boolean> {
  if (!migration.initial) return false;
  const introspection = introspectionFor(database);
  const tables = new Set(await introspection.tableNames());
  let checked = 0;
  let state = before;
  for (const operation of migration.operations) {
    const next = state.clone();
    operation.stateForwards(migration.app, next);
    if (operation.kind === 'createModel') {
      const model = next.model(migration.app, (operation.args as CreateModelArgs).name);
      if (isManaged(model)) {
        if (!tables.has(model.table)) return false;
        checked++;
      }
    } else if (operation.kind === 'addField') {
      const args = operation.args as AddFieldArgs;
      const model = next.model(migration.app, args.model);
      const field = args.field;
      if (isManaged(model) && field.type !== 'manyToMany') {
        if (!tables.has(model.table)) return false;
        const columns = (await introspection.describeTable(model.table)).columns.map((c) => c.name);
        if (!columns.includes(columnName(args.name, field))) return false;
        checked++;
      }
    }
    state = next;
  }
  return checked > 0;
}
