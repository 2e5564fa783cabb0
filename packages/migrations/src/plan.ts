import { InconsistentHistoryError, NodeNotFoundError } from './errors.js';
import type { MigrationGraph } from './graph.js';

/** One step of a migration plan. */
export interface PlanStep {
  key: string;
  backwards: boolean;
}

/**
 * Where `migrate` goes: every app's latest migration, an app's latest or a named migration, or `zero`.
 *
 * @example
 * await migrate({ database: db, graph, target: { app: 'blog', name: 'zero' } }); // unapply every blog migration
 */
export type MigrateTarget = { app: string; name?: string };

/**
 * The full key of `name` in `app`: an exact name or a unique prefix (`0002`), `zero`, or the app's
 * latest migration when omitted. Unknown or ambiguous names are errors listing the app's migrations.
 */
export function resolveTarget(graph: MigrationGraph, target: MigrateTarget): { app: string; key?: string } {
  const names = [...graph.nodes.values()]
    .filter((m) => m.app === target.app)
    .map((m) => m.name)
    .sort();
  if (names.length === 0) throw new NodeNotFoundError(`App '${target.app}' does not have migrations.`);
  if (target.name === 'zero') return { app: target.app };
  if (target.name === undefined) {
    const leaves = graph.leafNodes(target.app);
    if (leaves.length > 1) graph.assertNoConflicts();
    return { app: target.app, key: leaves[0] };
  }
  if (names.includes(target.name)) return { app: target.app, key: `${target.app}.${target.name}` };
  const matches = names.filter((name) => name.startsWith(target.name!));
  if (matches.length === 1) return { app: target.app, key: `${target.app}.${matches[0]}` };
  if (matches.length > 1)
    throw new NodeNotFoundError(`More than one migration matches '${target.name}' in app '${target.app}' (${matches.join(', ')}). Please be more specific.`);
  throw new NodeNotFoundError(`Cannot find a migration matching '${target.name}' from app '${target.app}'; it has: ${names.join(', ')}.`);
}

/**
 * The steps that take the database from `applied` to the targets (Django's migration_plan):
 * forwards to an unapplied target; back to just after an applied one; everything of an app for `zero`.
 */
export function migrationPlan(graph: MigrationGraph, applied: Set<string>, targets: Array<{ app: string; key?: string }>): PlanStep[] {
  const plan: PlanStep[] = [];
  const planned = new Set<string>();
  const push = (key: string, backwards: boolean) => {
    if (planned.has(key)) return;
    planned.add(key);
    plan.push({ key, backwards });
  };
  for (const target of targets) {
    if (target.key === undefined) {
      for (const root of graph.rootNodes(target.app)) for (const key of graph.backwardsPlan(root)) if (applied.has(key)) push(key, true);
    } else if (applied.has(target.key)) {
      const nextInApp = graph.children(target.key).filter((child) => graph.migration(child).app === target.app);
      for (const node of nextInApp) for (const key of graph.backwardsPlan(node)) if (applied.has(key)) push(key, true);
    } else {
      for (const key of graph.forwardsPlan(target.key)) if (!applied.has(key)) push(key, false);
    }
  }
  return plan;
}

/** Fails when a migration is recorded as applied while one of its dependencies is not (naming both and the database). */
export function checkConsistentHistory(graph: MigrationGraph, applied: Set<string>, alias: string): void {
  for (const key of applied) {
    if (!graph.nodes.has(key)) continue;
    for (const parent of graph.parents(key)) {
      if (!applied.has(parent)) {
        throw new InconsistentHistoryError(
          `Migration ${key} is applied before its dependency ${parent} on database '${alias}'. Apply ${parent} (or unapply ${key}) to make the history consistent.`,
        );
      }
    }
  }
}
