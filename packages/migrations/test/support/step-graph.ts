import { defineMigration, MigrationGraph, type Operation } from '../../src/index.js';
import { namedMigration } from '../../src/migration.js';

/** A graph of one app whose migrations `0001_step`, `0002_step`, … each hold one list of operations, in a chain. */
export function stepGraph(app: string, ...steps: Operation[][]): MigrationGraph {
  return new MigrationGraph(
    steps.map((operations, i) =>
      namedMigration(app, `000${i + 1}_step`, defineMigration({ initial: i === 0, operations, dependencies: i === 0 ? [] : [[app, `000${i}_step`]] })),
    ),
  );
}
