import type { FieldSpec, ModelState } from '@manouche/contracts';
import { StateError } from '../errors.js';
import { isManaged, renameKey, type ProjectState } from '../project-state.js';
import type { SchemaEditor } from '../schema/schema-editor.js';
import { Operation } from './operation.js';

export interface AddFieldArgs {
  model: string;
  name: string;
  field: FieldSpec;
  /** False when `field.default` is a one-off value to fill existing rows, not part of the model. */
  preserveDefault?: boolean;
}

function stateField(field: FieldSpec, preserveDefault: boolean | undefined): FieldSpec {
  const copy = structuredClone(field);
  if (preserveDefault === false) delete copy.default;
  return copy;
}

/** Adds a column (or a join table for many-to-many); existing rows get the default. */
export class AddField extends Operation<AddFieldArgs> {
  readonly kind = 'addField';
  describe(): string {
    return `Add field ${this.args.name} to ${this.args.model.toLowerCase()}`;
  }
  override get nameFragment(): string {
    return `${this.args.model.toLowerCase()}_${this.args.name.toLowerCase()}`;
  }
  stateForwards(app: string, state: ProjectState): void {
    const model = state.model(app, this.args.model);
    if (model.fields[this.args.name]) throw new StateError(`Field "${this.args.name}" already exists on ${app}.${model.name}; the migration adds it twice.`);
    model.fields[this.args.name] = stateField(this.args.field, this.args.preserveDefault);
  }
  async databaseForwards(app: string, editor: SchemaEditor, _from: ProjectState, to: ProjectState): Promise<void> {
    const model = to.model(app, this.args.model);
    if (isManaged(model)) await editor.addField(model, this.args.name, this.args.field, to);
  }
  async databaseBackwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const model = from.model(app, this.args.model);
    if (isManaged(model)) await editor.removeField(model, this.args.name, from.field(model, this.args.name), to);
  }
}

/** Drops a column (or join table); going backwards adds it again, filled with its default. */
export class RemoveField extends Operation<{ model: string; name: string }> {
  readonly kind = 'removeField';
  describe(): string {
    return `Remove field ${this.args.name} from ${this.args.model.toLowerCase()}`;
  }
  override get nameFragment(): string {
    return `remove_${this.args.model.toLowerCase()}_${this.args.name.toLowerCase()}`;
  }
  stateForwards(app: string, state: ProjectState): void {
    const model = state.model(app, this.args.model);
    state.field(model, this.args.name);
    delete model.fields[this.args.name];
  }
  async databaseForwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const model = from.model(app, this.args.model);
    if (isManaged(model)) await editor.removeField(model, this.args.name, from.field(model, this.args.name), to);
  }
  async databaseBackwards(app: string, editor: SchemaEditor, _from: ProjectState, to: ProjectState): Promise<void> {
    const model = to.model(app, this.args.model);
    if (isManaged(model)) await editor.addField(model, this.args.name, to.field(model, this.args.name), to);
  }
}

/** Changes a field's definition: type, null, unique, index, relation target. */
export class AlterField extends Operation<AddFieldArgs> {
  readonly kind = 'alterField';
  describe(): string {
    return `Alter field ${this.args.name} on ${this.args.model.toLowerCase()}`;
  }
  override get nameFragment(): string {
    return `alter_${this.args.model.toLowerCase()}_${this.args.name.toLowerCase()}`;
  }
  stateForwards(app: string, state: ProjectState): void {
    const model = state.model(app, this.args.model);
    state.field(model, this.args.name);
    model.fields[this.args.name] = stateField(this.args.field, this.args.preserveDefault);
  }
  async databaseForwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const before = from.model(app, this.args.model);
    const after = to.model(app, this.args.model);
    if (isManaged(after)) await editor.alterField(before, this.args.name, before.fields[this.args.name], after, this.args.name, this.args.field, to);
  }
  async databaseBackwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const after = from.model(app, this.args.model);
    const before = to.model(app, this.args.model);
    if (isManaged(before))
      await editor.alterField(after, this.args.name, after.fields[this.args.name], before, this.args.name, before.fields[this.args.name], to);
  }
}

function renameInOptions(model: ModelState, oldName: string, newName: string): void {
  const swap = (name: string) => (name === oldName ? newName : name === `-${oldName}` ? `-${newName}` : name);
  const { options } = model;
  if (options.indexes) options.indexes = options.indexes.map((index) => ({ ...index, fields: index.fields.map(swap) }));
  if (options.uniqueTogether) options.uniqueTogether = options.uniqueTogether.map((fields) => fields.map(swap));
  if (options.constraints) options.constraints = options.constraints.map((c) => (c.kind === 'unique' ? { ...c, fields: c.fields.map(swap) } : c));
  if (options.ordering) options.ordering = options.ordering.map(swap);
}

/** Renames a field (and its column, unless the column name is set explicitly); rows keep their values. */
export class RenameField extends Operation<{ model: string; oldName: string; newName: string }> {
  readonly kind = 'renameField';
  describe(): string {
    return `Rename field ${this.args.oldName} on ${this.args.model.toLowerCase()} to ${this.args.newName}`;
  }
  override get nameFragment(): string {
    return `rename_${this.args.oldName.toLowerCase()}_${this.args.model.toLowerCase()}_${this.args.newName.toLowerCase()}`;
  }
  stateForwards(app: string, state: ProjectState): void {
    const model = state.model(app, this.args.model);
    state.field(model, this.args.oldName);
    if (model.fields[this.args.newName])
      throw new StateError(`Cannot rename ${app}.${model.name}.${this.args.oldName} to "${this.args.newName}": that field already exists.`);
    model.fields = renameKey(model.fields, this.args.oldName, this.args.newName);
    renameInOptions(model, this.args.oldName, this.args.newName);
  }
  async databaseForwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const before = from.model(app, this.args.model);
    const after = to.model(app, this.args.model);
    if (isManaged(after))
      await editor.alterField(before, this.args.oldName, before.fields[this.args.oldName], after, this.args.newName, after.fields[this.args.newName], to);
  }
  async databaseBackwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const after = from.model(app, this.args.model);
    const before = to.model(app, this.args.model);
    if (isManaged(before))
      await editor.alterField(after, this.args.newName, after.fields[this.args.newName], before, this.args.oldName, before.fields[this.args.oldName], to);
  }
}
