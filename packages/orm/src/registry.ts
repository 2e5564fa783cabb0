import { modelKey, type ModelState } from '@manouche/contracts';
import { ModelError } from './errors.js';
import { Field } from './fields/field.js';
import { checkFieldOptions } from './fields/option-check.js';
import type { AutoFieldType } from './config.js';
import type { ModelClass } from './model-options.js';

interface RegistryState {
  models: Map<string, ModelClass>;
  apps: Map<string, ModelClass[]>;
  appAutoFields: Map<string, AutoFieldType>;
  version: number;
}

const registry: RegistryState = { models: new Map(), apps: new Map(), appAutoFields: new Map(), version: 0 };

/** Bumped whenever a model registers, so cached reverse relations are recomputed. */
export function registryVersion(): number {
  return registry.version;
}

/** Whether a value is a model class (a subclass of Model, not Model itself or a `Model.define` base). */
export function isModelClass(value: unknown): value is ModelClass {
  return (
    typeof value === 'function' &&
    (value as { isManoucheModel?: unknown }).isManoucheModel === true &&
    !Object.hasOwn(value, 'isDefineBase') &&
    !Object.hasOwn(value, 'isModelRoot')
  );
}

/**
 * Registers one model under its app label (`static meta.appLabel`, or `appLabel` given here).
 * Registering the same class twice is harmless; two classes with one name in one app is an error.
 *
 * @example
 * registerModel(Post, 'blog'); // what INSTALLED_APPS loading does for every model of blog/models.ts
 */
export function registerModel(model: ModelClass, appLabel?: string): void {
  const meta = (Object.hasOwn(model, 'meta') ? model.meta : undefined) ?? model.defineMeta;
  if (meta?.abstract) return;
  const label = meta?.appLabel ?? model.assignedAppLabel ?? appLabel;
  if (!label) throw new ModelError(`${model.name} has no app label: set static meta = { appLabel: '...' } or call registerModels('app', exports).`);
  if (!model.assignedAppLabel) model.assignedAppLabel = label;
  const key = modelKey(label, model.name);
  const existing = registry.models.get(key);
  if (existing === model) return;
  // Typos in field options are errors as the models load (the types catch them only in TypeScript).
  for (const [name, field] of Object.entries(model.fields ?? {})) if (field instanceof Field) checkFieldOptions(model.name, name, field);
  if (existing) throw new ModelError(`Conflicting "${model.name}" models in app "${label}": a model named ${model.name} is already registered.`);
  registry.models.set(key, model);
  const list = registry.apps.get(label) ?? [];
  list.push(model);
  registry.apps.set(label, list);
  registry.version++;
}

/**
 * Registers every Model subclass a `<app>/models.ts` module exports, giving those without
 * `meta.appLabel` the label `appLabel`. `defaultAutoField` is the app's AppConfig default.
 *
 * @example
 * import * as blogModels from './blog/models.js';
 * registerModels('blog', blogModels);
 */
export function registerModels(appLabel: string, moduleExports: Record<string, unknown>, options: { defaultAutoField?: AutoFieldType } = {}): ModelClass[] {
  if (options.defaultAutoField) registry.appAutoFields.set(appLabel, options.defaultAutoField);
  const models = Object.values(moduleExports).filter(isModelClass);
  for (const model of models) registerModel(model, appLabel);
  return models;
}

/** The app's DEFAULT_AUTO_FIELD override, if its AppConfig set one. */
export function appAutoField(appLabel: string): AutoFieldType | undefined {
  return registry.appAutoFields.get(appLabel);
}

/** A registered model by `app_label.ModelName` (case-insensitive), or undefined. */
export function findModel(reference: string): ModelClass | undefined {
  return registry.models.get(reference.toLowerCase());
}

/**
 * A registered model by `app_label.ModelName`; an unknown one is an error listing the registered models.
 *
 * @example
 * const Post = getModel('blog.Post');
 */
export function getModel(reference: string): ModelClass {
  const model = findModel(reference);
  if (!model) {
    const known = [...registry.models.values()].map((m) => `${m.assignedAppLabel}.${m.name}`);
    throw new ModelError(`No model "${reference}" is registered; registered models: ${known.join(', ') || '(none)'}.`);
  }
  return model;
}

/**
 * Every registered model, in registration order (one app's when `appLabel` is given).
 *
 * @example
 * registeredModels('blog').map((model) => model.name); // ['Author', 'Tag', 'Post']
 */
export function registeredModels(appLabel?: string): ModelClass[] {
  if (appLabel !== undefined) return [...(registry.apps.get(appLabel) ?? [])];
  return [...registry.models.values()];
}

/**
 * The registered models as ModelState data for migrations (one app's when `appLabel` is given).
 *
 * @example
 * const states = modelStates('blog'); // what makemigrations compares with the migrations' state
 */
export function modelStates(appLabel?: string): ModelState[] {
  return registeredModels(appLabel).map((model) => model._meta.modelState());
}

/** @internal Forgets every registered model (tests only). */
export function clearRegistryForTests(): void {
  registry.models.clear();
  registry.apps.clear();
  registry.appAutoFields.clear();
  registry.version++;
}
