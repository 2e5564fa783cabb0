import { modelKey, type FieldSpec, type ModelState } from '@manouche/contracts';
import { StateError } from './errors.js';

/**
 * The models of every app at one point of the migration history: what the migration files
 * describe up to there. Operations mutate a clone of it; makemigrations diffs two of them.
 *
 * @example
 * const state = new ProjectState([postState]);
 * state.model('blog', 'Post').fields.title;
 */
export class ProjectState {
  readonly models = new Map<string, ModelState>();

  /**
   * @param settings The project settings, when the state is for running migrations: a model whose
   *   `swappable` option names a setting that points at another model (AUTH_USER_MODEL =
   *   'accounts.Member' for `auth.User`) is marked `swapped`, and no operation touches its table.
   */
  constructor(
    models: Iterable<ModelState> = [],
    readonly settings?: Readonly<Record<string, unknown>>,
  ) {
    for (const model of models) this.add(model);
  }

  /** A deep copy; operations never change a state another step still holds. */
  clone(): ProjectState {
    return new ProjectState(
      [...this.models.values()].map((model) => structuredClone(model)),
      this.settings,
    );
  }

  has(app: string, name: string): boolean {
    return this.models.has(modelKey(app, name));
  }

  /** The model `app.name`; an unknown one is an error naming it and the app's models. */
  model(app: string, name: string): ModelState {
    const model = this.models.get(modelKey(app, name));
    if (!model) {
      const known = this.appModels(app).map((m) => m.name);
      throw new StateError(
        `Model "${app}.${name}" is not in the migration state${known.length ? `; app "${app}" has: ${known.join(', ')}` : `; app "${app}" has no models yet`}.`,
      );
    }
    return model;
  }

  /** The model a relation's `to` (`app.Model`) points at, or undefined when it is not in the state. */
  relatedModel(to: string | undefined): ModelState | undefined {
    return to ? this.models.get(to.toLowerCase()) : undefined;
  }

  add(model: ModelState): void {
    const swappedFor = this.swappedFor(model);
    if (swappedFor) model.options.swapped = swappedFor;
    this.models.set(modelKey(model.app, model.name), model);
  }

  /** The model that replaces `model` (Django's `Options.swapped`): the value of its `swappable` setting when that names another model. */
  private swappedFor(model: ModelState): string | undefined {
    const setting = model.options.swappable;
    if (typeof setting !== 'string' || !this.settings) return undefined;
    const value = this.settings[setting];
    if (typeof value !== 'string' || value.toLowerCase() === modelKey(model.app, model.name)) return undefined;
    return value;
  }

  remove(app: string, name: string): void {
    this.model(app, name);
    this.models.delete(modelKey(app, name));
  }

  appModels(app: string): ModelState[] {
    return [...this.models.values()].filter((model) => model.app === app);
  }

  /** The field `name` of `model`; an unknown one is an error listing the model's fields. */
  field(model: ModelState, name: string): FieldSpec {
    const field = model.fields[name];
    if (!field) {
      throw new StateError(
        `Field "${name}" is not on ${model.app}.${model.name} in the migration state; its fields are: ${Object.keys(model.fields).join(', ')}.`,
      );
    }
    return field;
  }

  /** Every relation field (in any model) that points at `app.name`. */
  relationsTo(app: string, name: string): Array<{ model: ModelState; fieldName: string; field: FieldSpec }> {
    const key = modelKey(app, name);
    const found: Array<{ model: ModelState; fieldName: string; field: FieldSpec }> = [];
    for (const model of this.models.values()) {
      for (const [fieldName, field] of Object.entries(model.fields)) {
        if (field.to && field.to.toLowerCase() === key) found.push({ model, fieldName, field });
      }
    }
    return found;
  }
}

/** The primary key of a model: its name and spec; a model without one is an error. */
export function primaryKeyOf(model: ModelState): [string, FieldSpec] {
  const entry = Object.entries(model.fields).find(([, field]) => field.primaryKey);
  if (!entry) throw new StateError(`Model ${model.app}.${model.name} has no primary key field in the migration state.`);
  return entry;
}

/** Whether the migrations manage this model's table: `managed` is not false and the model is not swapped out (Django's `can_migrate`). */
export function isManaged(model: ModelState): boolean {
  return model.options.managed !== false && typeof model.options.swapped !== 'string';
}

/** Fields in declaration order after renaming `oldName` to `newName` (keeps the position). */
export function renameKey<T>(record: Record<string, T>, oldName: string, newName: string): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) result[key === oldName ? newName : key] = value;
  return result;
}
