import type { FieldSpec, ModelOptions } from '@manouche/contracts';
import { isManaged, type ProjectState } from '../project-state.js';
import type { SchemaEditor } from '../schema/schema-editor.js';
import { Operation } from './operation.js';

/**
 * Options with their own operations or none at all (they never go through alterModelOptions).
 * `swappable` names the setting that may replace the model (`'AUTH_USER_MODEL'`); `swapped` is set
 * on a migration state when that setting points at another model.
 */
export const DATABASE_OPTION_KEYS = new Set(['indexes', 'constraints', 'uniqueTogether', 'managed', 'swappable', 'swapped']);

export interface CreateModelArgs {
  name: string;
  table: string;
  fields: Record<string, FieldSpec>;
  options?: ModelOptions;
}

/** Creates a model's table (with its indexes, foreign keys and many-to-many join tables). */
export class CreateModel extends Operation<CreateModelArgs> {
  readonly kind = 'createModel';
  describe(): string {
    return `Create model ${this.args.name}`;
  }
  override get nameFragment(): string {
    return this.args.name.toLowerCase();
  }
  stateForwards(app: string, state: ProjectState): void {
    state.add({
      app,
      name: this.args.name,
      table: this.args.table,
      fields: structuredClone(this.args.fields),
      options: structuredClone(this.args.options ?? {}),
    });
  }
  async databaseForwards(app: string, editor: SchemaEditor, _from: ProjectState, to: ProjectState): Promise<void> {
    const model = to.model(app, this.args.name);
    if (isManaged(model)) await editor.createModel(model, to);
  }
  async databaseBackwards(app: string, editor: SchemaEditor, from: ProjectState): Promise<void> {
    const model = from.model(app, this.args.name);
    if (isManaged(model)) await editor.deleteModel(model);
  }
}

/** Drops a model's table (and its automatic join tables). */
export class DeleteModel extends Operation<{ name: string }> {
  readonly kind = 'deleteModel';
  describe(): string {
    return `Delete model ${this.args.name}`;
  }
  override get nameFragment(): string {
    return `delete_${this.args.name.toLowerCase()}`;
  }
  stateForwards(app: string, state: ProjectState): void {
    state.remove(app, this.args.name);
  }
  async databaseForwards(app: string, editor: SchemaEditor, from: ProjectState): Promise<void> {
    const model = from.model(app, this.args.name);
    if (isManaged(model)) await editor.deleteModel(model);
  }
  async databaseBackwards(app: string, editor: SchemaEditor, _from: ProjectState, to: ProjectState): Promise<void> {
    const model = to.model(app, this.args.name);
    if (isManaged(model)) await editor.createModel(model, to);
  }
}

/** Renames a model; relations pointing at it follow. `table` renames its table too. */
export class RenameModel extends Operation<{ oldName: string; newName: string; table?: string }> {
  readonly kind = 'renameModel';
  describe(): string {
    return `Rename model ${this.args.oldName} to ${this.args.newName}`;
  }
  override get nameFragment(): string {
    return `rename_${this.args.oldName.toLowerCase()}_${this.args.newName.toLowerCase()}`;
  }
  stateForwards(app: string, state: ProjectState): void {
    const model = state.model(app, this.args.oldName);
    const relations = state.relationsTo(app, this.args.oldName);
    state.remove(app, this.args.oldName);
    state.add({ ...model, name: this.args.newName, table: this.args.table ?? model.table });
    for (const { field } of relations) field.to = `${app}.${this.args.newName}`;
  }
  async databaseForwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const before = from.model(app, this.args.oldName);
    if (isManaged(before)) await editor.alterDbTable(before.table, to.model(app, this.args.newName).table);
  }
  async databaseBackwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const after = from.model(app, this.args.newName);
    if (isManaged(after)) await editor.alterDbTable(after.table, to.model(app, this.args.oldName).table);
  }
}

/** Renames a model's table. */
export class AlterModelTable extends Operation<{ name: string; table: string }> {
  readonly kind = 'alterModelTable';
  describe(): string {
    return `Rename table for ${this.args.name} to ${this.args.table}`;
  }
  override get nameFragment(): string {
    return `alter_${this.args.name.toLowerCase()}_table`;
  }
  stateForwards(app: string, state: ProjectState): void {
    state.model(app, this.args.name).table = this.args.table;
  }
  async databaseForwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const before = from.model(app, this.args.name);
    if (isManaged(before)) await editor.alterDbTable(before.table, to.model(app, this.args.name).table);
  }
  async databaseBackwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const after = from.model(app, this.args.name);
    if (isManaged(after)) await editor.alterDbTable(after.table, to.model(app, this.args.name).table);
  }
}

/** Changes options that live only in the state (ordering, verbose names, …); no SQL. */
export class AlterModelOptions extends Operation<{ name: string; options: ModelOptions }> {
  readonly kind = 'alterModelOptions';
  describe(): string {
    return `Change Meta options on ${this.args.name}`;
  }
  override get nameFragment(): string {
    return `alter_${this.args.name.toLowerCase()}_options`;
  }
  stateForwards(app: string, state: ProjectState): void {
    const model = state.model(app, this.args.name);
    const options: ModelOptions = {};
    for (const [key, value] of Object.entries(model.options)) if (DATABASE_OPTION_KEYS.has(key)) options[key] = value;
    for (const [key, value] of Object.entries(this.args.options)) if (!DATABASE_OPTION_KEYS.has(key)) options[key] = structuredClone(value);
    model.options = options;
  }
  async databaseForwards(): Promise<void> {}
  async databaseBackwards(): Promise<void> {}
}

/** Sets a model's `uniqueTogether` sets, adding and dropping the unique constraints. */
export class AlterUniqueTogether extends Operation<{ name: string; uniqueTogether: string[][] }> {
  readonly kind = 'alterUniqueTogether';
  describe(): string {
    return `Alter uniqueTogether for ${this.args.name} (${this.args.uniqueTogether.length} constraint(s))`;
  }
  override get nameFragment(): string {
    return `alter_${this.args.name.toLowerCase()}_unique_together`;
  }
  stateForwards(app: string, state: ProjectState): void {
    const model = state.model(app, this.args.name);
    if (this.args.uniqueTogether.length) model.options.uniqueTogether = structuredClone(this.args.uniqueTogether);
    else delete model.options.uniqueTogether;
  }
  async databaseForwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const after = to.model(app, this.args.name);
    if (isManaged(after)) await editor.alterUniqueTogether(from.model(app, this.args.name), after, to);
  }
  async databaseBackwards(app: string, editor: SchemaEditor, from: ProjectState, to: ProjectState): Promise<void> {
    const before = to.model(app, this.args.name);
    if (isManaged(before)) await editor.alterUniqueTogether(from.model(app, this.args.name), before, to);
  }
}
