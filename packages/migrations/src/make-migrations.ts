import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig, ModelState } from '@manouche/contracts';
import { detectChanges } from './autodetector.js';
import { MigrationError } from './errors.js';
import type { MigrationGraph } from './graph.js';
import type { Operation } from './operations/operation.js';
import { loadMigrations, type ImportModule } from './loader.js';
import { ProjectState } from './project-state.js';
import { createQuestioner, type Questioner } from './questioner.js';
import { mapOperationTargets, swappableDependency, swappableReference, swappableTargets } from './swappable.js';
import { writeMigrationSource } from './writer.js';

/**
 * One migration makemigrations made (and wrote, unless it was a dry run or a check).
 *
 * @example
 * for (const planned of await makeMigrations({ apps, importModule, currentStates, dryRun: true })) console.log(planned.file, planned.operations.length);
 */
export interface PlannedMigration {
  app: string;
  name: string;
  /** Where the file is (or would be) written. */
  file: string;
  dependencies: Array<[string, string]>;
  operations: Operation[];
  initial: boolean;
  /** The file's TypeScript source. */
  source: string;
  /** A merge migration: each branch's migrations since the common ancestor, with their operations. */
  branches?: Array<{ leaf: string; operations: Operation[] }>;
}

/**
 * Options of makeMigrations(): the apps, the current models and how questions are answered.
 *
 * @example
 * await makeMigrations({ apps, importModule, currentStates: project.modelStates(), appLabels: ['blog'], dryRun: true });
 */
export interface MakeMigrationsOptions {
  /** Installed apps (label, migrationsDir). */
  apps: ReadonlyArray<Pick<AppConfig, 'label' | 'migrationsDir'>>;
  /** The graph of the existing migration files; loaded from `apps` with `importModule` when omitted. */
  graph?: MigrationGraph;
  /** Imports migration files, to load the graph when `graph` is not given. */
  importModule?: ImportModule;
  /** The current models of every installed app. */
  currentStates: ModelState[];
  /** Only these apps (default: all). */
  appLabels?: string[];
  /** Answers renames and one-off defaults; default: no input (safe defaults, clear failures). */
  questioner?: Questioner;
  /** Compute, but write nothing. */
  dryRun?: boolean;
  /** Make an empty migration for each of `appLabels` (for runSql / runCode written by hand). */
  empty?: boolean;
  /** Use this name instead of an automatic one (`0002_<name>`). */
  name?: string;
  importSource?: string;
  /** Clock for automatic names that need a timestamp. */
  now?: Date;
  /**
   * The project settings: relations to the model a swappable setting names (AUTH_USER_MODEL) are
   * written as `to: 'settings.AUTH_USER_MODEL'` with a dependency on that app's first migration, as Django does.
   */
  settings?: Readonly<Record<string, unknown>>;
}

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

function timestampName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `auto_${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}_${p(now.getUTCHours())}${p(now.getUTCMinutes())}`;
}

/** Django's automatic name: `initial`, one operation's fragment, model names for creations, or `<first>_and_more`. */
function suggestName(operations: Operation[], initial: boolean, now: Date): string {
  if (initial) return 'initial';
  const fragments = operations.map((op) => op.nameFragment);
  if (fragments.length === 0 || fragments.some((f) => !f)) return timestampName(now);
  let name: string;
  if (fragments.length === 1) name = fragments[0]!;
  else if (operations.every((op) => op.kind === 'createModel')) name = fragments.join('_');
  else name = `${fragments[0]}_and_more`;
  return name.length > 52 ? `${name.slice(0, 52).replace(/_+$/, '')}` : name;
}

/** The number a migration name stands for: its prefix, or for `0001_squashed_0004_x` the last one it replaces (4), as Django. */
function migrationNumber(name: string): number {
  const squashed = /_squashed_(\d+)/.exec(name);
  return Number.parseInt(squashed ? squashed[1] : name.slice(0, 4), 10);
}

/** The next free number in an app (`max + 1`). */
export function nextNumber(graph: MigrationGraph, app: string): number {
  let max = 0;
  for (const migration of graph.nodes.values()) {
    if (migration.app !== app) continue;
    const n = migrationNumber(migration.name);
    if (Number.isFinite(n) && n > max) max = n;
  }
  return max + 1;
}

async function graphFor(options: Pick<MakeMigrationsOptions, 'apps' | 'graph' | 'importModule' | 'settings'>): Promise<MigrationGraph> {
  if (options.graph) return options.graph;
  if (!options.importModule)
    throw new MigrationError(
      'MANOUCHE_MIGRATIONS_NO_GRAPH',
      'makeMigrations needs either `graph` (from loadMigrations) or `importModule` to load the migration files.',
    );
  return loadMigrations({ apps: options.apps, importModule: options.importModule, settings: options.settings });
}

function checkLabels(apps: MakeMigrationsOptions['apps'], labels: string[] | undefined): void {
  for (const label of labels ?? []) {
    if (!apps.some((app) => app.label === label)) {
      throw new MigrationError(
        'MANOUCHE_MIGRATIONS_UNKNOWN_APP',
        `App '${label}' could not be found. Is it in INSTALLED_APPS? Installed apps: ${apps.map((a) => a.label).join(', ') || '(none)'}.`,
      );
    }
  }
}

/**
 * Diffs the migration files' state against the current models and makes the migrations each app
 * needs, numbered and named, with dependencies on the app's latest migration and on the
 * migrations of other apps their foreign keys point at. Writes the files unless `dryRun`.
 *
 * @example
 * const made = await makeMigrations({ apps, graph, currentStates: project.modelStates(), questioner });
 * made.map((m) => m.file); // ['/srv/mysite/blog/migrations/0002_post_publish.ts']
 */
export async function makeMigrations(options: MakeMigrationsOptions): Promise<PlannedMigration[]> {
  const { apps } = options;
  checkLabels(apps, options.appLabels);
  const graph = await graphFor(options);
  graph.assertNoConflicts();
  const now = options.now ?? new Date();
  const migrationsDir = (label: string) => apps.find((a) => a.label === label)?.migrationsDir;

  let changes: Map<string, { operations: Operation[]; references: Set<string> }>;
  if (options.empty) {
    if (!options.appLabels?.length)
      throw new MigrationError('MANOUCHE_MIGRATIONS_EMPTY_NEEDS_APP', 'You must supply at least one app label when using --empty.');
    changes = new Map(options.appLabels.map((label) => [label, { operations: [], references: new Set<string>() }]));
  } else {
    const known = new Set(apps.map((a) => a.label));
    const current = options.currentStates.filter((state) => known.has(state.app));
    changes = await detectChanges(
      graph.stateAfter(),
      new ProjectState(current),
      options.questioner ?? createQuestioner({ interactive: false }),
      options.appLabels,
    );
  }

  // Relations to the model a swappable setting names are written against the setting (Django's settings.AUTH_USER_MODEL).
  // The migration state knows which models are swappable (auth's 0001 says so of auth.User); models may not.
  const swappable = swappableTargets([...graph.stateAfter().models.values(), ...options.currentStates], options.settings);
  const planned = new Map<string, PlannedMigration>();
  for (const [app, change] of [...changes].sort(([a], [b]) => a.localeCompare(b))) {
    const dir = migrationsDir(app);
    if (!dir) throw new MigrationError('MANOUCHE_MIGRATIONS_UNKNOWN_APP', `Models of app '${app}' changed, but '${app}' is not an installed app.`);
    const leaves = graph.leafNodes(app);
    const initial = leaves.length === 0;
    const number = nextNumber(graph, app);
    const name = `${pad(number)}_${options.name ?? suggestName(change.operations, initial && !options.empty, now)}`;
    const dependencies: Array<[string, string]> = leaves.map((key) => [app, graph.migration(key).name]);
    planned.set(app, {
      app,
      name,
      file: path.join(dir, `${name}.ts`),
      dependencies,
      operations: mapOperationTargets(change.operations, (to) => {
        const setting = swappable.get(to.toLowerCase());
        return setting ? swappableReference(setting) : to;
      }),
      initial: initial && !options.empty,
      source: '',
    });
  }
  // Cross-app dependencies: on the other app's new migration when it has one, else on its latest.
  for (const [app, change] of changes) {
    const migration = planned.get(app)!;
    for (const reference of [...change.references].sort()) {
      const other = reference.split('.')[0];
      const setting = swappable.get(reference.toLowerCase());
      if (setting) {
        const dependency = swappableDependency(setting);
        if (other !== app && !migration.dependencies.some(([a]) => a === dependency[0])) migration.dependencies.push(dependency);
        continue;
      }
      const otherNew = planned.get(other);
      let dependency: [string, string] | undefined;
      if (otherNew) dependency = [other, otherNew.name];
      else {
        const leaves = graph.leafNodes(other);
        if (leaves.length === 0) {
          throw new MigrationError(
            'MANOUCHE_MIGRATIONS_UNMIGRATED_DEPENDENCY',
            `${app} has a relation to ${reference}, but app '${other}' has no migrations; run makemigrations ${other} first (or together with ${app}).`,
          );
        }
        dependency = [other, graph.migration(leaves[0]).name];
      }
      if (!migration.dependencies.some(([a, n]) => a === dependency![0] && n === dependency![1])) migration.dependencies.push(dependency);
    }
  }
  const result = [...planned.values()];
  for (const migration of result) {
    migration.source = writeMigrationSource(migration, { importSource: options.importSource });
    if (!options.dryRun) {
      mkdirSync(path.dirname(migration.file), { recursive: true });
      writeFileSync(migration.file, migration.source);
    }
  }
  return result;
}

/**
 * What each leaf's branch did since the common ancestor (Django's merged_operations): the app's
 * migrations each leaf needs that all leaves do not share, and their operations in order.
 */
function branchesOf(graph: MigrationGraph, app: string, leaves: string[]): Array<{ leaf: string; operations: Operation[] }> {
  const ancestries = leaves.map((leaf) => graph.forwardsPlan(`${app}.${leaf}`).filter((key) => graph.migration(key).app === app));
  let common = 0;
  while (ancestries.every((ancestry) => common < ancestry.length && ancestry[common] === ancestries[0][common])) common++;
  if (common === 0)
    throw new MigrationError('MANOUCHE_MIGRATIONS_NO_COMMON_ANCESTOR', `Could not find common ancestor of ${leaves.join(', ')} in app '${app}'.`);
  return leaves.map((leaf, i) => ({ leaf, operations: ancestries[i].slice(common).flatMap((key) => [...graph.migration(key).operations]) }));
}

/**
 * Options of makeMergeMigrations() (`makemigrations --merge`).
 *
 * @example
 * await makeMergeMigrations({ apps, importModule, appLabels: ['blog'], name: 'merge_drafts' });
 */
export interface MergeOptions {
  apps: ReadonlyArray<Pick<AppConfig, 'label' | 'migrationsDir'>>;
  graph?: MigrationGraph;
  importModule?: ImportModule;
  appLabels?: string[];
  dryRun?: boolean;
  name?: string;
  importSource?: string;
}

/**
 * For each app with several leaf migrations, a merge migration depending on all of them (no operations).
 *
 * @example
 * await makeMergeMigrations({ apps, graph }); // writes blog/migrations/0003_merge_0002_a_0002_b.ts
 */
export async function makeMergeMigrations(options: MergeOptions): Promise<PlannedMigration[]> {
  checkLabels(options.apps, options.appLabels);
  const graph = await graphFor(options);
  const result: PlannedMigration[] = [];
  for (const [app, leaves] of graph.conflicts()) {
    if (options.appLabels && !options.appLabels.includes(app)) continue;
    const dir = options.apps.find((a) => a.label === app)?.migrationsDir;
    if (!dir) continue;
    const suffix = options.name ?? `merge_${[...leaves].sort().join('_')}`;
    const name = `${pad(nextNumber(graph, app))}_${suffix.length > 52 ? `merge_${timestampName(new Date()).slice(5)}` : suffix}`;
    const migration: PlannedMigration = {
      app,
      name,
      file: path.join(dir, `${name}.ts`),
      dependencies: [...leaves].sort().map((leaf) => [app, leaf]),
      operations: [],
      initial: false,
      source: '',
      branches: branchesOf(graph, app, [...leaves].sort()),
    };
    migration.source = writeMigrationSource(migration, { importSource: options.importSource });
    if (!options.dryRun) writeFileSync(migration.file, migration.source);
    result.push(migration);
  }
  return result;
}
