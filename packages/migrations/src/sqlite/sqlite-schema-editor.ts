import { columnName, type ConstraintSpec, type FieldSpec, type ModelState } from '@manouche/contracts';
import { SchemaError } from '../errors.js';
import type { ProjectState } from '../project-state.js';
import { databaseDiffers, hasColumn, isRelation, isUnique } from '../schema/field-kinds.js';
import { SchemaEditor } from '../schema/schema-editor.js';
import { SqliteIntrospection } from './sqlite-introspection.js';

/** How one column of the rebuilt table is filled from the old one. */
interface ColumnSource {
  sql: string;
  params: unknown[];
}

/**
 * DDL for SQLite. ALTER TABLE here can only add, rename and drop plain columns, so most changes
 * rebuild the table: create `new__<table>`, copy the rows, drop the old table, rename the new one
 * and recreate its indexes. The migration executor turns `PRAGMA foreign_keys` off around the
 * migration (outside its transaction), so dropping a parent table never cascades to child rows,
 * and runs `PRAGMA foreign_key_check` before committing.
 */
export class SqliteSchemaEditor extends SchemaEditor {
  get introspection(): SqliteIntrospection {
    return new SqliteIntrospection(this.db);
  }

  columnType(field: FieldSpec): string {
    switch (field.type) {
      case 'auto':
      case 'bigAuto':
      case 'smallAuto':
      case 'integer':
        return 'integer';
      case 'char':
      case 'slug':
      case 'email':
      case 'url':
        return `varchar(${field.maxLength ?? 255})`;
      case 'text':
        return 'text';
      case 'positiveInteger':
        return 'integer unsigned';
      case 'bigInteger':
      case 'duration':
        return 'bigint';
      case 'positiveBigInteger':
        return 'bigint unsigned';
      case 'smallInteger':
        return 'smallint';
      case 'positiveSmallInteger':
        return 'smallint unsigned';
      case 'float':
        return 'real';
      case 'decimal':
        return 'decimal';
      case 'boolean':
        return 'bool';
      case 'date':
        return 'date';
      case 'time':
        return 'time';
      case 'dateTime':
        return 'datetime';
      case 'uuid':
        return 'char(36)';
      case 'json':
        return 'text';
      case 'binary':
        return 'blob';
      default:
        throw new SchemaError(`A ${field.type} field has no column of its own on SQLite.`);
    }
  }

  protected autoClause(): string {
    return ' AUTOINCREMENT';
  }

  protected override inlineReference(field: FieldSpec, state: ProjectState): string {
    if (!isRelation(field) || field.dbConstraint === false) return '';
    const target = this.relationTarget(field, state);
    return ` REFERENCES ${this.q(target.table)} (${this.q(target.column)}) DEFERRABLE INITIALLY DEFERRED`;
  }

  /** Foreign keys are part of the column definition on SQLite. */
  override foreignKeySql(): undefined {
    return undefined;
  }

  /** SQLite's foreign keys live in the table definition; the rebuild that changes the column replaces them. */
  protected override async dropForeignKeys(): Promise<void> {}

  /**
   * Rebuilds `oldModel`'s table as `newModel`, keeping every row. `sources` says how a new column is
   * filled; by default from the old column of the same name, else from the field's default.
   */
  async remakeTable(oldModel: ModelState, newModel: ModelState, state: ProjectState, sources: Record<string, ColumnSource> = {}): Promise<void> {
    const oldColumns = new Set(
      Object.entries(oldModel.fields)
        .filter(([, f]) => hasColumn(f))
        .map(([name, f]) => columnName(name, f)),
    );
    const targets: string[] = [];
    const expressions: string[] = [];
    const params: unknown[] = [];
    for (const [name, field] of Object.entries(newModel.fields)) {
      if (!hasColumn(field)) continue;
      const column = columnName(name, field);
      const source = sources[column] ?? this.defaultSource(column, field, oldColumns);
      if (!source) continue;
      targets.push(this.q(column));
      expressions.push(source.sql);
      params.push(...source.params);
    }
    if (!this.collectOnly) await this.assertColumnsExist(oldModel.table, [...oldColumns]);
    const temporary = `new__${newModel.table}`;
    await this.execute(this.createTableSql(newModel, state, temporary));
    await this.execute(`INSERT INTO ${this.q(temporary)} (${targets.join(', ')}) SELECT ${expressions.join(', ')} FROM ${this.q(oldModel.table)}`, params);
    await this.execute(`DROP TABLE ${this.q(oldModel.table)}`);
    await this.execute(`ALTER TABLE ${this.q(temporary)} RENAME TO ${this.q(newModel.table)}`);
    for (const statement of this.indexStatements(newModel)) await this.execute(statement.sql);
  }

  /**
   * The rebuild copies what the migration state says the table has; a column dropped or renamed by
   * hand would otherwise be "removed" or "altered" silently. Fails as PostgreSQL and MySQL do, naming it.
   */
  private async assertColumnsExist(table: string, columns: string[]): Promise<void> {
    if (!(await this.introspection.tableNames()).includes(table))
      throw new SchemaError(`Table "${table}" does not exist; the migration state expects it (was it dropped or renamed outside migrations?).`);
    const live = new Set((await this.introspection.describeTable(table)).columns.map((c) => c.name));
    const missing = columns.filter((column) => !live.has(column));
    if (missing.length > 0) {
      throw new SchemaError(
        `${missing.map((c) => `Column "${c}"`).join(', ')} of table "${table}" does not exist; the migration state expects ${missing.length > 1 ? 'them' : 'it'} (was the schema changed outside migrations?).`,
      );
    }
  }

  private defaultSource(column: string, field: FieldSpec, oldColumns: Set<string>): ColumnSource | undefined {
    const fill = this.effectiveDefault(field);
    if (oldColumns.has(column)) {
      if (fill !== undefined && !field.null) return { sql: `COALESCE(${this.q(column)}, ?)`, params: [this.defaultParam(field, fill)] };
      return { sql: this.q(column), params: [] };
    }
    if (fill !== undefined) return { sql: '?', params: [this.defaultParam(field, fill)] };
    return undefined;
  }

  override async addField(model: ModelState, name: string, field: FieldSpec, state: ProjectState): Promise<void> {
    if (field.type === 'manyToMany') return this.createJoinTable(model, name, field, state);
    if (field.null && !isUnique(field) && !field.primaryKey) {
      await this.execute(
        `ALTER TABLE ${this.q(model.table)} ADD COLUMN ${this.columnDefinition(model, name, field, state)}${this.inlineReference(field, state)}`,
      );
      const index = this.fieldIndexSql(model, name, field);
      if (index) await this.execute(index.sql);
      return;
    }
    const without = { ...model.fields };
    delete without[name];
    await this.remakeTable({ ...model, fields: without }, { ...model, fields: { ...model.fields, [name]: field } }, state);
  }

  override async removeField(model: ModelState, name: string, field: FieldSpec, state: ProjectState): Promise<void> {
    if (field.type === 'manyToMany') return super.removeField(model, name, field, state);
    const fields = { ...model.fields };
    delete fields[name];
    await this.remakeTable(model, { ...model, fields }, state);
  }

  override async alterField(
    oldModel: ModelState,
    oldName: string,
    oldField: FieldSpec,
    newModel: ModelState,
    newName: string,
    newField: FieldSpec,
    state: ProjectState,
  ): Promise<void> {
    if (!databaseDiffers(oldField, newField) && columnName(oldName, oldField) === columnName(newName, newField)) return;
    if (oldField.type === 'manyToMany' || newField.type === 'manyToMany')
      return this.alterManyToMany(oldModel, oldName, oldField, newModel, newName, newField, state);
    const oldColumn = columnName(oldName, oldField);
    const newColumn = columnName(newName, newField);
    if (!databaseDiffers({ ...oldField, column: newColumn }, { ...newField, column: newColumn })) {
      await this.renameColumn(newModel.table, oldColumn, newColumn);
      return;
    }
    const fill = this.effectiveDefault(newField);
    const sql = fill !== undefined && !newField.null ? `COALESCE(${this.q(oldColumn)}, ?)` : this.q(oldColumn);
    const params = fill !== undefined && !newField.null ? [this.defaultParam(newField, fill)] : [];
    const fromModel = { ...oldModel, table: newModel.table };
    await this.remakeTable(fromModel, newModel, state, { [newColumn]: { sql, params } });
  }

  protected override async renameColumn(table: string, oldColumn: string, newColumn: string): Promise<void> {
    await this.execute(`ALTER TABLE ${this.q(table)} RENAME COLUMN ${this.q(oldColumn)} TO ${this.q(newColumn)}`);
  }

  /** SQLite has no ALTER COLUMN: the table is rebuilt as `model` describes it. */
  protected async alterColumnType(
    model: ModelState,
    _column: string,
    _field: FieldSpec,
    _newType: string,
    _oldType: string,
    state: ProjectState,
  ): Promise<void> {
    await this.remakeTable(model, model, state);
  }

  protected async setNullable(model: ModelState, _column: string, _field: FieldSpec, _nullable: boolean, state: ProjectState): Promise<void> {
    await this.remakeTable(model, model, state);
  }

  protected dropForeignKeyStatement(table: string, name: string): string {
    throw new SchemaError(`SQLite cannot drop the foreign key "${name}" of "${table}" on its own; the table is rebuilt instead.`);
  }

  protected dropUniqueStatement(_table: string, name: string): string {
    return `DROP INDEX ${this.q(name)}`;
  }

  protected dropIndexStatement(_table: string, name: string): string {
    return `DROP INDEX ${this.q(name)}`;
  }

  override async addConstraint(model: ModelState, constraint: ConstraintSpec, state: ProjectState): Promise<void> {
    const newModel: ModelState = {
      ...model,
      options: { ...model.options, constraints: [...(model.options.constraints ?? []).filter((c) => c.name !== constraint.name), constraint] },
    };
    await this.remakeTable(model, newModel, state);
  }

  override async removeConstraint(model: ModelState, constraint: ConstraintSpec, state: ProjectState): Promise<void> {
    const newModel: ModelState = {
      ...model,
      options: { ...model.options, constraints: (model.options.constraints ?? []).filter((c) => c.name !== constraint.name) },
    };
    await this.remakeTable(model, newModel, state);
  }

  override async alterUniqueTogether(oldModel: ModelState, newModel: ModelState, state: ProjectState): Promise<void> {
    await this.remakeTable(oldModel, newModel, state);
  }
}
