import type { ProjectState } from '../project-state.js';
import type { SchemaEditor } from '../schema/schema-editor.js';

/**
 * One step of a migration. Every operation changes the project state (what the models look
 * like at that point of history) and the database; going backwards undoes both, or the
 * operation says why it cannot.
 *
 * @example
 * const operation: Operation = ops.addField({ model: 'Post', name: 'publish', field: { type: 'dateTime' } });
 * operation.describe(); // 'Add field publish to post'
 */
export abstract class Operation<Args extends object = object> {
  /** The `ops.<kind>(…)` factory that builds this operation; the writer prints it. */
  abstract readonly kind: string;

  constructor(readonly args: Args) {}

  /** One line for `makemigrations` and `migrate --plan` (`Create model Post`). */
  abstract describe(): string;

  /** A piece of an automatic migration name (`post_publish`), when the operation suggests one. */
  get nameFragment(): string | undefined {
    return undefined;
  }

  /** Applies the change to the migration state of `app`. */
  abstract stateForwards(app: string, state: ProjectState): void;

  /** Changes the database from `from` (before) to `to` (after this operation). */
  abstract databaseForwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void>;

  /** Undoes the change: `from` is the state after the operation, `to` the state before it. */
  abstract databaseBackwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void>;

  /** Why this operation cannot be unapplied, or undefined when it can. */
  irreversibleReason(): string | undefined {
    return undefined;
  }
}
