import { CircularDependencyError, ConflictingMigrationsError, NodeNotFoundError } from './errors.js';
import type { Migration } from './migration.js';
import { ProjectState } from './project-state.js';

/**
 * Every loaded migration of every app and the dependencies between them. Plans come out in
 * a stable order: dependencies first, ties broken by key.
 *
 * @example
 * const graph = new MigrationGraph([m1, m2]);
 * graph.forwardsPlan('blog.0002_post_publish'); // ['blog.0001_initial', 'blog.0002_post_publish']
 */
export class MigrationGraph {
  readonly nodes = new Map<string, Migration>();
  /** Squashed migrations in use, by key, with the keys of the migrations they replace. */
  readonly replacements = new Map<string, string[]>();
  /** Every loaded squashed migration (in use or not), by key. */
  readonly squashed = new Map<string, Migration>();
  private readonly parentKeys = new Map<string, string[]>();
  private readonly childKeys = new Map<string, string[]>();
  /** Dependencies on a node that is not used (replaced, or a squashed one only partly applied) go to this one instead. */
  private readonly remapped = new Map<string, string>();
  private readonly loaded: Migration[];

  /**
   * `applied` (the recorded migrations) decides which of a squashed migration and the migrations it
   * replaces are used, as Django's loader does: the squashed one when none or all of them are
   * applied, else the replaced ones. Without it, nothing is taken as applied (makemigrations, sqlmigrate).
   */
  constructor(migrations: Iterable<Migration> = [], options: { applied?: ReadonlySet<string> } = {}) {
    // A migration module made by another copy of this package (a bundled project) may predate `replaces`.
    this.loaded = [...migrations].map((m) => (Array.isArray(m.replaces) ? m : { ...m, replaces: [] }));
    for (const migration of this.loaded) this.nodes.set(migration.key, migration);
    this.useReplacements(options.applied ?? new Set());
    this.link();
  }

  /** The same migrations resolved against what a database has applied (see the constructor). */
  withApplied(applied: ReadonlySet<string>): MigrationGraph {
    return new MigrationGraph(this.loaded, { applied });
  }

  /**
   * The migrations to treat as applied: the recorded ones, plus each squashed migration in use whose
   * replaced migrations are all recorded (and minus one whose are not all).
   */
  effectiveApplied(recorded: ReadonlySet<string>): Set<string> {
    const applied = new Set(recorded);
    for (const [key, replaced] of this.replacements) {
      if (replaced.every((k) => recorded.has(k))) applied.add(key);
      else applied.delete(key);
    }
    return applied;
  }

  private useReplacements(applied: ReadonlySet<string>): void {
    const squashed = [...this.nodes.values()].filter((m) => m.replaces.length > 0).sort((a, b) => a.key.localeCompare(b.key));
    for (const migration of squashed) {
      this.squashed.set(migration.key, migration);
      const replaced = migration.replaces.map(([app, name]) => `${app}.${name}`);
      const done = replaced.filter((key) => applied.has(key));
      if (done.length === 0 || done.length === replaced.length) {
        for (const key of replaced) {
          this.nodes.delete(key);
          this.remapped.set(key, migration.key);
        }
        this.replacements.set(migration.key, replaced);
        continue;
      }
      const missing = replaced.filter((key) => !this.nodes.has(key));
      if (missing.length > 0) {
        throw new NodeNotFoundError(
          `Migration ${migration.key} replaces ${replaced.join(', ')}; only some of them are applied (${done.join(', ')}), so the squashed migration cannot be used, ` +
            `and the replaced migration file(s) ${missing.join(', ')} are missing. Restore them so migrate can finish the replaced migrations, or unapply the applied ones.`,
        );
      }
      // Partly applied: the replaced migrations are used, and whatever depends on the squashed one waits for the last of them.
      this.nodes.delete(migration.key);
      this.remapped.set(migration.key, replaced[replaced.length - 1]);
    }
  }

  private link(): void {
    for (const key of this.nodes.keys()) this.childKeys.set(key, []);
    for (const [key, migration] of this.nodes) {
      const parents: string[] = [];
      for (const [app, name] of migration.dependencies) {
        let parent = `${app}.${name}`;
        for (let hops = 0; !this.nodes.has(parent) && this.remapped.has(parent) && hops < 10; hops++) parent = this.remapped.get(parent)!;
        if (parent === key) continue;
        if (!this.nodes.has(parent)) {
          const siblings = [...this.nodes.values()].filter((m) => m.app === app).map((m) => m.name);
          throw new NodeNotFoundError(
            `Migration ${key}${migration.file ? ` (${migration.file})` : ''} depends on ${parent}, which does not exist; ` +
              (siblings.length
                ? `app "${app}" has: ${siblings.join(', ')}.`
                : `app "${app}" has no migrations (is it in INSTALLED_APPS, and has makemigrations ${app} been run?).`),
          );
        }
        parents.push(parent);
      }
      this.parentKeys.set(key, [...new Set(parents)].sort());
      for (const parent of parents) this.childKeys.get(parent)!.push(key);
    }
    for (const children of this.childKeys.values()) children.sort();
    this.assertAcyclic();
  }

  private assertAcyclic(): void {
    const state = new Map<string, 'visiting' | 'done'>();
    const path: string[] = [];
    const visit = (key: string): void => {
      state.set(key, 'visiting');
      path.push(key);
      for (const parent of this.parentKeys.get(key) ?? []) {
        const seen = state.get(parent);
        if (seen === 'visiting') {
          const cycle = [...path.slice(path.indexOf(parent)), parent];
          throw new CircularDependencyError(`Migrations depend on each other in a cycle: ${cycle.reverse().join(' -> ')}. Remove one of these dependencies.`);
        }
        if (!seen) visit(parent);
      }
      path.pop();
      state.set(key, 'done');
    };
    for (const key of [...this.nodes.keys()].sort()) if (!state.has(key)) visit(key);
  }

  migration(key: string): Migration {
    const migration = this.nodes.get(key);
    if (!migration) throw new NodeNotFoundError(`Migration ${key} does not exist.`);
    return migration;
  }

  parents(key: string): string[] {
    return this.parentKeys.get(key) ?? [];
  }

  children(key: string): string[] {
    return this.childKeys.get(key) ?? [];
  }

  /** App labels that have migrations, sorted. */
  apps(): string[] {
    return [...new Set([...this.nodes.values()].map((m) => m.app))].sort();
  }

  /** The app's migrations that no other migration of the same app depends on. */
  leafNodes(app?: string): string[] {
    return [...this.nodes.values()]
      .filter((m) => (app === undefined || m.app === app) && !this.children(m.key).some((child) => this.migration(child).app === m.app))
      .map((m) => m.key)
      .sort();
  }

  /** The app's migrations that depend on no migration of the same app. */
  rootNodes(app: string): string[] {
    return [...this.nodes.values()]
      .filter((m) => m.app === app && !this.parents(m.key).some((p) => this.migration(p).app === app))
      .map((m) => m.key)
      .sort();
  }

  /** Apps with more than one leaf migration (parallel branches needing a merge), with those leaves. */
  conflicts(): Map<string, string[]> {
    const found = new Map<string, string[]>();
    for (const app of this.apps()) {
      const leaves = this.leafNodes(app);
      if (leaves.length > 1)
        found.set(
          app,
          leaves.map((key) => this.migration(key).name),
        );
    }
    return found;
  }

  /** Throws when an app has conflicting leaves, naming them and the fix. */
  assertNoConflicts(): void {
    const conflicts = this.conflicts();
    if (conflicts.size === 0) return;
    const names = [...conflicts].map(([app, leaves]) => `${leaves.join(', ')} in ${app}`).join('; ');
    throw new ConflictingMigrationsError(
      `Conflicting migrations detected; multiple leaf nodes in the migration graph: (${names}). To fix them run 'manouche makemigrations --merge'.`,
    );
  }

  /** `target` and everything it depends on, dependencies first. */
  forwardsPlan(...targets: string[]): string[] {
    const plan: string[] = [];
    const seen = new Set<string>();
    const visit = (key: string): void => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const parent of this.parents(key)) visit(parent);
      plan.push(key);
    };
    for (const target of targets) {
      this.migration(target);
      visit(target);
    }
    return plan;
  }

  /** `target` and everything that depends on it, dependents first. */
  backwardsPlan(target: string): string[] {
    this.migration(target);
    const plan: string[] = [];
    const seen = new Set<string>();
    const visit = (key: string): void => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const child of this.children(key)) visit(child);
      plan.push(key);
    };
    visit(target);
    return plan;
  }

  /** Every migration, dependencies first. */
  fullPlan(): string[] {
    return this.forwardsPlan(...this.leafNodes());
  }

  /** The project state after applying `keys` (default: every migration) in dependency order; `settings` mark swapped models (see ProjectState). */
  stateAfter(keys?: Iterable<string>, settings?: Readonly<Record<string, unknown>>): ProjectState {
    const include = keys ? new Set(keys) : undefined;
    const state = new ProjectState([], settings);
    for (const key of this.fullPlan()) {
      if (include && !include.has(key)) continue;
      const migration = this.migration(key);
      for (const operation of migration.operations) operation.stateForwards(migration.app, state);
    }
    return state;
  }
}
