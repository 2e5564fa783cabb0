import type { Database } from '@manouche/contracts';
import type { MigrationGraph } from './graph.js';
import { MigrationRecorder } from './recorder.js';

/**
 * Options of showMigrations() (`showmigrations [app…] [--plan]`).
 *
 * @example
 * await showMigrations({ database: db, graph, apps: ['blog'] });
 */
export interface ShowMigrationsOptions {
  database: Database;
  graph: MigrationGraph;
  /** Apps to list, in order (default: every app with migrations). Apps without migrations say so. */
  apps?: string[];
  /** List the whole plan in dependency order instead of per app. */
  plan?: boolean;
}

/**
 * The lines of `showmigrations`: `[X]`/`[ ]` for each migration of each app, or the full plan.
 *
 * @example
 * (await showMigrations({ database: db, graph })).join('\n');
 * // blog
 * //  [X] 0001_initial
 * //  [ ] 0002_post_publish
 */
export async function showMigrations(options: ShowMigrationsOptions): Promise<string[]> {
  const recorded = await new MigrationRecorder(options.database).appliedMigrations();
  const graph = options.graph.withApplied(recorded);
  const applied = graph.effectiveApplied(recorded);
  const mark = (key: string) => (!applied.has(key) ? '[ ]' : recorded.has(key) ? '[X]' : '[-]');
  /** A squashed migration says how many it replaces; one applied but not yet recorded says how to finish. */
  const title = (key: string) => {
    const replaced = graph.replacements.get(key);
    let text = graph.migration(key).name;
    if (replaced) text += ` (${replaced.length} squashed migrations)`;
    if (applied.has(key) && !recorded.has(key)) text += " Run 'manouche migrate' to finish recording.";
    return text;
  };
  const lines: string[] = [];
  if (options.plan) {
    const wanted = options.apps ? new Set(options.apps) : undefined;
    for (const key of graph.fullPlan()) {
      if (wanted && !wanted.has(graph.migration(key).app)) continue;
      lines.push(`${mark(key)}  ${key}${graph.replacements.has(key) ? ` (${graph.replacements.get(key)!.length} squashed migrations)` : ''}`);
    }
    if (lines.length === 0) lines.push('(no migrations)');
    return lines;
  }
  for (const app of options.apps ?? graph.apps()) {
    lines.push(app);
    const keys = graph.forwardsPlan(...graph.leafNodes(app)).filter((key) => graph.migration(key).app === app);
    if (keys.length === 0) lines.push(' (no migrations)');
    for (const key of keys) lines.push(` ${mark(key)} ${title(key)}`);
  }
  return lines;
}
