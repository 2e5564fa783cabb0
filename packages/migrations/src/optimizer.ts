import type { FieldSpec, ModelOptions } from '@manouche/contracts';
import type { AddFieldArgs } from './operations/field-operations.js';
import type { CreateModelArgs } from './operations/model-operations.js';
import type { Operation } from './operations/operation.js';
import { ops } from './operations/ops.js';

/**
 * What `a.reduce(b)` answers, as in Django's optimizer: the operations that replace both, `true`
 * when `b` may be moved across `a` (they touch different models or fields), `false` when not.
 */
type Reduction = Operation[] | boolean;

const MODEL_KINDS = new Set(['createModel', 'deleteModel', 'renameModel', 'alterModelTable', 'alterModelOptions', 'alterUniqueTogether']);
const FIELD_KINDS = new Set(['addField', 'removeField', 'alterField', 'renameField']);
const INDEX_KINDS = new Set(['addIndex', 'removeIndex', 'addConstraint', 'removeConstraint']);

type Args = Record<string, unknown>;
const argsOf = (operation: Operation): Args => operation.args as Args;
const same = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/** Whether a relation field points at `app.model`. */
function fieldReferences(field: FieldSpec | undefined, app: string, model: string): boolean {
  if (!field) return false;
  const target = (name: string | undefined) => name !== undefined && (same(name, `${app}.${model}`) || same(name, model));
  return target(field.to) || target(field.through);
}

/** The model names an operation of `app` is about (before and after a rename). */
function modelsOf(operation: Operation): string[] {
  const args = argsOf(operation);
  if (operation.kind === 'renameModel') return [args.oldName as string, args.newName as string];
  if (MODEL_KINDS.has(operation.kind)) return [args.name as string];
  return [args.model as string];
}

/** Whether `operation` (of `app`) reads or changes model `app.model`; operations we cannot see into (SQL, code) always do. */
function referencesModel(operation: Operation, app: string, model: string): boolean {
  if (!MODEL_KINDS.has(operation.kind) && !FIELD_KINDS.has(operation.kind) && !INDEX_KINDS.has(operation.kind)) return true;
  // A deleted model may have pointed at any other through its relations (Django says the same).
  if (operation.kind === 'deleteModel') return true;
  if (modelsOf(operation).some((name) => same(name, model))) return true;
  const args = argsOf(operation);
  if (operation.kind === 'createModel') return Object.values((args as unknown as CreateModelArgs).fields).some((field) => fieldReferences(field, app, model));
  if (operation.kind === 'addField' || operation.kind === 'alterField') return fieldReferences((args as unknown as AddFieldArgs).field, app, model);
  return false;
}

/** Whether `operation` reads or changes field `model.name`: conservatively, anything about the model that may involve the field. */
function referencesField(operation: Operation, app: string, model: string, name: string): boolean {
  if (!referencesModel(operation, app, model)) return false;
  if (!FIELD_KINDS.has(operation.kind)) return true;
  const args = argsOf(operation);
  if (!same(args.model, model)) return true; // a relation to the model from another model's field
  if (operation.kind === 'renameField') return same(args.oldName, name) || same(args.newName, name);
  if (same(args.name, name)) return true;
  return fieldReferences((args as unknown as AddFieldArgs).field, app, model);
}

/** A field spec as a CreateModel holds it: a one-off default (preserveDefault false) filled no rows here, so it goes. */
function modelField(args: AddFieldArgs): FieldSpec {
  const field = structuredClone(args.field);
  if (args.preserveDefault === false) delete field.default;
  return field;
}

/** `options` with field `name` renamed (or, when `to` is undefined, removed); undefined when an index or constraint names it. */
function optionsWithField(options: ModelOptions | undefined, name: string, to: string | undefined): ModelOptions | undefined {
  const copy = structuredClone(options ?? {});
  const swap = (fields: string[]) =>
    fields.flatMap((f) => (f === name ? (to === undefined ? [] : [to]) : f === `-${name}` ? (to === undefined ? [] : [`-${to}`]) : [f]));
  const named = (fields: string[]) => fields.some((f) => f === name || f === `-${name}`);
  if (
    to === undefined &&
    ((copy.indexes ?? []).some((index) => named(index.fields)) || (copy.constraints ?? []).some((c) => c.kind === 'check' || named(c.fields)))
  )
    return undefined;
  if (copy.indexes) copy.indexes = copy.indexes.map((index) => ({ ...index, fields: swap(index.fields) }));
  if (copy.constraints) copy.constraints = copy.constraints.map((c) => (c.kind === 'unique' ? { ...c, fields: swap(c.fields) } : c));
  if (copy.uniqueTogether) {
    copy.uniqueTogether = copy.uniqueTogether.map(swap).filter((fields) => fields.length > 1);
    if (copy.uniqueTogether.length === 0) delete copy.uniqueTogether;
  }
  if (copy.ordering) copy.ordering = swap(copy.ordering);
  return copy;
}

function createModel(args: CreateModelArgs, fields: Record<string, FieldSpec>, options: ModelOptions | undefined): Operation {
  return ops.createModel({ name: args.name, table: args.table, fields, ...(options && Object.keys(options).length ? { options } : {}) });
}

/** CreateModel followed by an operation on the same model. */
function reduceCreateModel(a: Operation, b: Operation, app: string): Reduction {
  const args = argsOf(a) as unknown as CreateModelArgs;
  const other = argsOf(b);
  if (b.kind === 'deleteModel' && same(other.name, args.name)) return [];
  if (FIELD_KINDS.has(b.kind) && same(other.model, args.name)) {
    const fieldArgs = other as unknown as AddFieldArgs & { oldName: string; newName: string };
    if (b.kind === 'addField' && !(fieldArgs.name in args.fields))
      return [createModel(args, { ...args.fields, [fieldArgs.name]: modelField(fieldArgs) }, args.options)];
    if (b.kind === 'alterField' && fieldArgs.name in args.fields) {
      return [
        createModel(
          args,
          Object.fromEntries(Object.entries(args.fields).map(([name, field]) => [name, name === fieldArgs.name ? modelField(fieldArgs) : field])),
          args.options,
        ),
      ];
    }
    if (b.kind === 'removeField' && fieldArgs.name in args.fields) {
      const options = optionsWithField(args.options, fieldArgs.name, undefined);
      if (!options) return false;
      return [createModel(args, Object.fromEntries(Object.entries(args.fields).filter(([name]) => name !== fieldArgs.name)), options)];
    }
    if (b.kind === 'renameField' && fieldArgs.oldName in args.fields && !(fieldArgs.newName in args.fields)) {
      const fields = Object.fromEntries(Object.entries(args.fields).map(([name, field]) => [name === fieldArgs.oldName ? fieldArgs.newName : name, field]));
      return [createModel(args, fields, optionsWithField(args.options, fieldArgs.oldName, fieldArgs.newName))];
    }
  }
  return !referencesModel(b, app, args.name);
}

/** A field operation followed by another on the same field. */
function reduceFieldOperation(a: Operation, b: Operation, app: string): Reduction {
  const args = argsOf(a) as unknown as AddFieldArgs;
  const other = argsOf(b) as unknown as AddFieldArgs & { oldName: string; newName: string };
  const sameField =
    FIELD_KINDS.has(b.kind) && same(other.model, args.model) && (b.kind === 'renameField' ? same(other.oldName, args.name) : same(other.name, args.name));
  if (sameField && a.kind === 'addField') {
    if (b.kind === 'alterField')
      return [
        ops.addField({
          model: args.model,
          name: args.name,
          field: structuredClone(other.field),
          ...(other.preserveDefault === false ? { preserveDefault: false } : {}),
        }),
      ];
    if (b.kind === 'removeField') return [];
    if (b.kind === 'renameField') return [ops.addField({ ...structuredClone(args), name: other.newName })];
  }
  if (sameField && a.kind === 'alterField') {
    if (b.kind === 'alterField' || b.kind === 'removeField') return [b];
    if (b.kind === 'renameField') return [b, ops.alterField({ ...structuredClone(args), name: other.newName })];
  }
  if (a.kind === 'renameField') {
    const renamed = argsOf(a) as { model: string; oldName: string; newName: string };
    return !referencesField(b, app, renamed.model, renamed.oldName) && !referencesField(b, app, renamed.model, renamed.newName);
  }
  return !referencesField(b, app, args.model, args.name);
}

/** Django's `operation.reduce(other, app_label)` for the operations Manouche has. */
function reduce(a: Operation, b: Operation, app: string): Reduction {
  if (a.kind === 'createModel') return reduceCreateModel(a, b, app);
  if (FIELD_KINDS.has(a.kind)) return reduceFieldOperation(a, b, app);
  if (MODEL_KINDS.has(a.kind) || INDEX_KINDS.has(a.kind)) return modelsOf(a).every((model) => !referencesModel(b, app, model));
  return false;
}

/** One pass: the first reduction found is applied (Django's optimize_inner). */
function optimizeOnce(operations: Operation[], app: string): Operation[] {
  const result: Operation[] = [];
  for (let i = 0; i < operations.length; i++) {
    const operation = operations[i];
    let right = true;
    let j = i + 1;
    for (; j < operations.length; j++) {
      const other = operations[j];
      const reduced = reduce(operation, other, app);
      if (Array.isArray(reduced)) {
        const between = operations.slice(i + 1, j);
        if (right) result.push(...between, ...reduced);
        else if (between.every((op) => reduce(op, other, app) === true)) result.push(...reduced, ...between);
        else {
          result.push(operation);
          break;
        }
        result.push(...operations.slice(j + 1));
        return result;
      }
      if (!reduced) right = false;
    }
    if (j === operations.length) result.push(operation);
  }
  return result;
}

/**
 * Shortens a list of operations of one app as Django's MigrationOptimizer does, until nothing
 * changes: CreateModel absorbs later AddField / AlterField / RemoveField / RenameField of its model,
 * CreateModel then DeleteModel cancel out, AddField then RemoveField cancel out, AddField absorbs
 * AlterField and RenameField, AlterField then AlterField or RemoveField keep the last. Operations
 * move across others only when those touch different models or fields; runSql and runCode are
 * barriers nothing crosses.
 *
 * @example
 * optimizeOperations([ops.createModel({ name: 'Post', … }), ops.addField({ model: 'Post', name: 'slug', … })], 'blog');
 * // [ops.createModel({ name: 'Post', fields: { …, slug } })]
 */
export function optimizeOperations(operations: readonly Operation[], app: string): Operation[] {
  let current = [...operations];
  for (;;) {
    const next = optimizeOnce(current, app);
    if (next.length === current.length && next.every((op, i) => op === current[i])) return next;
    current = next;
  }
}
