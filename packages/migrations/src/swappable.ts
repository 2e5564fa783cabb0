/**
 * Swappable models in migration files, as Django writes them: a relation to the user model is
 * `to: 'settings.AUTH_USER_MODEL'` with the dependency `['settings.AUTH_USER_MODEL', '__first__']`,
 * so the same file points at `auth.User` in one project and at `accounts.Member` in another.
 * The loader resolves both against the project's settings before anything reads the migration.
 */
import type { ModelState } from '@manouche/contracts';
import { BadMigrationError } from './errors.js';
import type { Migration } from './migration.js';
import type { Operation } from './operations/operation.js';

const SETTING_REFERENCE = /^settings\.([A-Z][A-Z0-9_]*)$/;

/** The setting a `to` or dependency names (`'settings.AUTH_USER_MODEL'` → `AUTH_USER_MODEL`), or undefined. */
export function settingReference(value: unknown): string | undefined {
  return typeof value === 'string' ? SETTING_REFERENCE.exec(value)?.[1] : undefined;
}

/** How a relation to a swappable model is written: `'settings.AUTH_USER_MODEL'`. */
export function swappableReference(setting: string): string {
  return `settings.${setting}`;
}

/** Django's `swappable_dependency(settings.AUTH_USER_MODEL)`: the first migration of the app that setting points at. */
export function swappableDependency(setting: string): [string, string] {
  return [swappableReference(setting), '__first__'];
}

/** The models each swappable setting names by default: the model declaring `options.swappable: setting` (`auth.User`). */
function swappableDefaults(migrations: readonly Migration[]): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const migration of migrations) {
    for (const operation of migration.operations) {
      const args = operation.args as { name?: unknown; options?: { swappable?: unknown } };
      if (operation.kind === 'createModel' && typeof args.options?.swappable === 'string' && typeof args.name === 'string') {
        defaults.set(args.options.swappable, `${migration.app}.${args.name}`);
      }
    }
  }
  return defaults;
}

/** A copy of `value` with every relation's `to` mapped; the same object when nothing changes (files stay shared). */
function mapRelationTargets(value: unknown, mapTo: (to: string) => string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => mapRelationTargets(item, mapTo));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (value === null || typeof value !== 'object') return value;
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const mapped = key === 'to' && typeof item === 'string' ? mapTo(item) : mapRelationTargets(item, mapTo);
    if (mapped !== item) changed = true;
    copy[key] = mapped;
  }
  return changed ? copy : value;
}

/** The operations with each relation's `to` mapped (new operations where something changed). */
export function mapOperationTargets(operations: readonly Operation[], mapTo: (to: string) => string): Operation[] {
  return operations.map((operation) => {
    const args = mapRelationTargets(operation.args, mapTo);
    return args === operation.args ? operation : withArgs(operation, args as object);
  });
}

/**
 * What makemigrations writes as `settings.X`: each model a swappable setting names now (the
 * settings' value, else the model declaring itself swappable), lower-cased, to the setting.
 */
export function swappableTargets(states: readonly ModelState[], settings?: Readonly<Record<string, unknown>>): Map<string, string> {
  const targets = new Map<string, string>();
  for (const state of states) {
    const setting: unknown = state.options.swappable;
    if (typeof setting !== 'string') continue;
    const configured = settings?.[setting];
    targets.set((typeof configured === 'string' ? configured : `${state.app}.${state.name}`).toLowerCase(), setting);
  }
  return targets;
}

function withArgs(operation: Operation, args: object): Operation {
  const Kind = operation.constructor as new (args: object) => Operation;
  return new Kind(args);
}

/**
 * The migrations with their swappable references made concrete: `settings.X` becomes the model
 * the settings name (`AUTH_USER_MODEL`), or, without settings, the model that declares itself
 * swappable by X; a `['settings.X', '__first__']` dependency becomes that model's app's first migration.
 */
export function resolveSwappableModels(migrations: readonly Migration[], settings?: Readonly<Record<string, unknown>>): Migration[] {
  const defaults = swappableDefaults(migrations);
  const firstOf = new Map<string, string>();
  for (const migration of [...migrations].sort((a, b) => a.name.localeCompare(b.name)))
    if (!firstOf.has(migration.app)) firstOf.set(migration.app, migration.name);
  return migrations.map((migration) => {
    const model = (setting: string): string => {
      const configured = settings?.[setting];
      const value = typeof configured === 'string' ? configured : defaults.get(setting);
      if (!value || !/^[\w]+\.[\w]+$/.test(value)) {
        throw new BadMigrationError(
          `Migration ${migration.key}${migration.file ? ` (${migration.file})` : ''} refers to settings.${setting}, ` +
            (value
              ? `whose value ${JSON.stringify(value)} is not 'app_label.ModelName'.`
              : 'which is not set and which no installed model declares as swappable.'),
        );
      }
      return value;
    };
    let changed = false;
    const dependencies: Array<readonly [string, string]> = [];
    for (const [app, name] of migration.dependencies) {
      const setting = settingReference(app);
      if (!setting) {
        dependencies.push([app, name]);
        continue;
      }
      changed = true;
      if (name !== '__first__')
        throw new BadMigrationError(`Migration ${migration.key} depends on ['${app}', '${name}']: a dependency on a setting is ['${app}', '__first__'].`);
      // An app without migrations yet (makemigrations is about to write them) is no dependency, as in Django.
      const target = model(setting).split('.')[0]!;
      const first = firstOf.get(target);
      if (first) dependencies.push([target, first]);
    }
    const operations = mapOperationTargets(migration.operations, (to) => {
      const setting = settingReference(to);
      return setting ? model(setting) : to;
    });
    if (operations.some((operation, i) => operation !== migration.operations[i])) changed = true;
    return changed ? { ...migration, dependencies, operations, asWritten: migration } : migration;
  });
}
