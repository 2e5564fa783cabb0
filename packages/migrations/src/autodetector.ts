import { modelKey, type FieldSpec, type ModelOptions, type ModelState } from '@manouche/contracts';
import { ops } from './operations/ops.js';
import type { Operation } from './operations/operation.js';
import { DATABASE_OPTION_KEYS } from './operations/model-operations.js';
import type { ProjectState } from './project-state.js';
import type { Questioner } from './questioner.js';

/** The operations one app needs, and the other apps' models they point at. */
export interface AppChanges {
  operations: Operation[];
  /** Keys (`app.model`) of models in other apps the operations reference. */
  references: Set<string>;
}

const STRING_TYPES = new Set(['char', 'slug', 'text', 'email', 'url']);

/** JSON with object keys sorted, so two specs compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    }
    return v;
  });
}

function normalizedField(field: FieldSpec): FieldSpec {
  const copy: FieldSpec = { ...field };
  if (copy.to) copy.to = copy.to.toLowerCase();
  if (copy.through) copy.through = copy.through.toLowerCase();
  return copy;
}

function sameField(a: FieldSpec, b: FieldSpec): boolean {
  return canonical(normalizedField(a)) === canonical(normalizedField(b));
}

function renameCandidate(a: FieldSpec, b: FieldSpec): boolean {
  const strip = (f: FieldSpec) => ({ ...normalizedField(f), column: undefined, joinTable: undefined });
  return canonical(strip(a)) === canonical(strip(b));
}

function stateOptions(options: ModelOptions): ModelOptions {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !DATABASE_OPTION_KEYS.has(key))) as ModelOptions;
}

/** Whether existing rows need a value from the user when this field is added. */
function needsOneOffDefault(field: FieldSpec): boolean {
  if (field.null || field.primaryKey || field.type === 'manyToMany') return false;
  if (field.default !== undefined && field.default !== null) return false;
  if (STRING_TYPES.has(field.type) && field.blank) return false;
  // Django fills autoNow columns with the time of the migration; autoNowAdd asks (answer `now`).
  if (field.autoNow && ['dateTime', 'date', 'time'].includes(field.type)) return false;
  return !['auto', 'bigAuto', 'smallAuto'].includes(field.type);
}

/**
 * Compares the state the migration files build (`from`) with the current models (`to`) and returns
 * the operations each app needs, in an order that applies cleanly: renames, new models (ordered by
 * their foreign keys, cycles broken into later addField operations), field and option changes, and
 * deleted models last. Renames and one-off defaults are asked through `questioner`.
 *
 * @example
 * const changes = await detectChanges(graph.stateAfter(), new ProjectState(project.modelStates()), questioner);
 * changes.get('blog')?.operations.map((op) => op.describe()); // ['Add field publish to post']
 */
export async function detectChanges(from: ProjectState, to: ProjectState, questioner: Questioner, apps?: string[]): Promise<Map<string, AppChanges>> {
  const inScope = (model: ModelState) => !apps || apps.includes(model.app);
  const working = from.clone();
  const changes = new Map<string, AppChanges>();
  const emit = (app: string, operation: Operation, referencedFields: FieldSpec[] = []) => {
    let entry = changes.get(app);
    if (!entry) changes.set(app, (entry = { operations: [], references: new Set() }));
    entry.operations.push(operation);
    operation.stateForwards(app, working);
    for (const field of referencedFields) {
      for (const target of [field.to, field.through]) {
        if (target && target.split('.')[0] !== app) entry.references.add(target.toLowerCase());
      }
    }
  };

  const newModels = () =>
    [...to.models.values()]
      .filter(inScope)
      .filter((m) => !working.has(m.app, m.name))
      .sort((a, b) => modelKey(a.app, a.name).localeCompare(modelKey(b.app, b.name)));
  const goneModels = () => [...working.models.values()].filter(inScope).filter((m) => !to.has(m.app, m.name));

  // Renamed models.
  for (const added of newModels()) {
    for (const removed of goneModels()) {
      if (removed.app !== added.app) continue;
      const strip = (m: ModelState) =>
        canonical(
          Object.fromEntries(
            Object.entries(m.fields).map(([k, f]) => [
              k,
              { ...normalizedField(f), joinTable: undefined, to: f.to?.toLowerCase() === modelKey(m.app, m.name) ? 'self' : f.to?.toLowerCase() },
            ]),
          ),
        );
      if (strip(removed) !== strip(added)) continue;
      if (await questioner.askRenameModel(added.app, removed.name, added.name)) {
        emit(added.app, ops.renameModel({ oldName: removed.name, newName: added.name, ...(removed.table !== added.table ? { table: added.table } : {}) }));
        break;
      }
    }
  }

  // New models, ordered so a model comes after the models it points at; a cycle becomes a later addField.
  const created = newModels();
  const createdKeys = new Set(created.map((m) => modelKey(m.app, m.name)));
  const order: ModelState[] = [];
  const deferred: Array<{ model: ModelState; name: string; field: FieldSpec }> = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const deferredNames = new Set<string>();
  const visit = (model: ModelState) => {
    const key = modelKey(model.app, model.name);
    if (done.has(key)) return;
    visiting.add(key);
    for (const [name, field] of Object.entries(model.fields)) {
      const target = (field.through ?? field.to)?.toLowerCase();
      if (!target || target === key || !createdKeys.has(target)) continue;
      if (visiting.has(target)) {
        deferred.push({ model, name, field });
        deferredNames.add(`${key}.${name}`);
        continue;
      }
      visit(to.models.get(target)!);
    }
    visiting.delete(key);
    done.add(key);
    order.push(model);
  };
  for (const model of created) visit(model);
  for (const model of order) {
    const key = modelKey(model.app, model.name);
    const fields = Object.fromEntries(Object.entries(model.fields).filter(([name]) => !deferredNames.has(`${key}.${name}`)));
    const options = structuredClone(model.options);
    emit(
      model.app,
      ops.createModel({ name: model.name, table: model.table, fields: structuredClone(fields), ...(Object.keys(options).length ? { options } : {}) }),
      Object.values(fields),
    );
  }
  for (const { model, name, field } of deferred) emit(model.app, ops.addField({ model: model.name, name, field: structuredClone(field) }), [field]);

  // Changed models.
  const kept = [...to.models.values()].filter(inScope).filter((m) => working.has(m.app, m.name) && !createdKeys.has(modelKey(m.app, m.name)));
  kept.sort((a, b) => modelKey(a.app, a.name).localeCompare(modelKey(b.app, b.name)));
  for (const target of kept) await diffModel(working.model(target.app, target.name), target, questioner, emit, working);

  // Deleted models, children before their parents.
  const gone = goneModels();
  const goneKeys = new Set(gone.map((m) => modelKey(m.app, m.name)));
  const deleteOrder: ModelState[] = [];
  const seen = new Set<string>();
  const visitGone = (model: ModelState) => {
    const key = modelKey(model.app, model.name);
    if (seen.has(key)) return;
    seen.add(key);
    for (const other of gone) {
      if (other !== model && Object.values(other.fields).some((f) => f.to?.toLowerCase() === key)) visitGone(other);
    }
    deleteOrder.push(model);
  };
  for (const model of gone) visitGone(model);
  for (const model of deleteOrder) if (goneKeys.has(modelKey(model.app, model.name))) emit(model.app, ops.deleteModel({ name: model.name }));
  return changes;
}

type Emit = (app: string, operation: Operation, referencedFields?: FieldSpec[]) => void;

async function diffModel(before: ModelState, after: ModelState, questioner: Questioner, emit: Emit, working: ProjectState): Promise<void> {
  const app = after.app;
  const name = after.name;
  if (before.table !== after.table) emit(app, ops.alterModelTable({ name, table: after.table }));

  const indexKey = (x: { name: string }) => x.name;
  const oldIndexes = new Map((before.options.indexes ?? []).map((i) => [indexKey(i), i]));
  const newIndexes = new Map((after.options.indexes ?? []).map((i) => [indexKey(i), i]));
  const oldConstraints = new Map((before.options.constraints ?? []).map((c) => [c.name, c]));
  const newConstraints = new Map((after.options.constraints ?? []).map((c) => [c.name, c]));
  for (const [key, index] of oldIndexes)
    if (!newIndexes.has(key) || canonical(newIndexes.get(key)) !== canonical(index)) emit(app, ops.removeIndex({ model: name, name: index.name }));
  for (const [key, constraint] of oldConstraints)
    if (!newConstraints.has(key) || canonical(newConstraints.get(key)) !== canonical(constraint))
      emit(app, ops.removeConstraint({ model: name, name: constraint.name }));

  // Field renames, asked for each removed/added pair that only differ by name.
  let current = working.model(app, name);
  for (const newName of Object.keys(after.fields)) {
    if (current.fields[newName]) continue;
    for (const oldName of Object.keys(current.fields)) {
      if (after.fields[oldName]) continue;
      if (!renameCandidate(current.fields[oldName], after.fields[newName])) continue;
      if (await questioner.askRenameField(app, name, oldName, newName, after.fields[newName])) {
        emit(app, ops.renameField({ model: name, oldName, newName }));
        current = working.model(app, name);
        break;
      }
    }
  }

  for (const oldName of Object.keys(current.fields)) if (!after.fields[oldName]) emit(app, ops.removeField({ model: name, name: oldName }));
  for (const [fieldName, field] of Object.entries(after.fields)) {
    if (current.fields[fieldName]) continue;
    if (needsOneOffDefault(field)) {
      const value = await questioner.askNotNullAddition(app, name, fieldName, field);
      emit(app, ops.addField({ model: name, name: fieldName, field: { ...structuredClone(field), default: value }, preserveDefault: false }), [field]);
    } else {
      emit(app, ops.addField({ model: name, name: fieldName, field: structuredClone(field) }), [field]);
    }
  }
  current = working.model(app, name);
  for (const [fieldName, field] of Object.entries(after.fields)) {
    const old = current.fields[fieldName];
    if (!old || sameField(old, field)) continue;
    if (old.null && !field.null && needsOneOffDefault(field)) {
      const value = await questioner.askNotNullAlteration(app, name, fieldName, field);
      if (value !== undefined) {
        emit(app, ops.alterField({ model: name, name: fieldName, field: { ...structuredClone(field), default: value }, preserveDefault: false }), [field]);
        continue;
      }
    }
    emit(app, ops.alterField({ model: name, name: fieldName, field: structuredClone(field) }), [field]);
  }

  if (canonical(before.options.uniqueTogether ?? []) !== canonical(after.options.uniqueTogether ?? [])) {
    emit(app, ops.alterUniqueTogether({ name, uniqueTogether: structuredClone(after.options.uniqueTogether ?? []) }));
  }
  for (const [key, index] of newIndexes)
    if (!oldIndexes.has(key) || canonical(oldIndexes.get(key)) !== canonical(index)) emit(app, ops.addIndex({ model: name, index: structuredClone(index) }));
  for (const [key, constraint] of newConstraints)
    if (!oldConstraints.has(key) || canonical(oldConstraints.get(key)) !== canonical(constraint))
      emit(app, ops.addConstraint({ model: name, constraint: structuredClone(constraint) }));
  if (canonical(stateOptions(before.options)) !== canonical(stateOptions(after.options))) {
    emit(app, ops.alterModelOptions({ name, options: structuredClone(stateOptions(after.options)) }));
  }
}
