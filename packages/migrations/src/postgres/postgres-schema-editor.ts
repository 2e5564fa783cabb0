import { columnName, type FieldSpec, type ModelState } from '@manouche/contracts';
import { SchemaError } from '../errors.js';
import type { ProjectState } from '../project-state.js';
import { isRelation, isUnique, wantsIndex } from '../schema/field-kinds.js';
import { constraintName } from '../schema/names.js';
import { SchemaEditor, type Statement } from '../schema/schema-editor.js';
import { PostgresIntrospection } from './postgres-introspection.js';

/** DDL for PostgreSQL: identity primary keys, numeric, jsonb, uuid, deferrable foreign keys, transactional DDL. */
export class PostgresSchemaEditor extends SchemaEditor {
  get introspection(): PostgresIntrospection {
    return new PostgresIntrospection(this.db);
  }

  columnType(field: FieldSpec): string {
    switch (field.type) {
      case 'auto':
        return 'integer';
      case 'bigAuto':
        return 'bigint';
      case 'smallAuto':
        return 'smallint';
      case 'char':
      case 'slug':
      case 'email':
      case 'url':
        return `varchar(${field.maxLength ?? 255})`;
      case 'text':
        return 'text';
      case 'integer':
      case 'positiveInteger':
        return 'integer';
      case 'bigInteger':
      case 'positiveBigInteger':
      case 'duration':
        return 'bigint';
      case 'smallInteger':
      case 'positiveSmallInteger':
        return 'smallint';
      case 'float':
        return 'double precision';
      case 'decimal':
        return `numeric(${field.maxDigits ?? 10}, ${field.decimalPlaces ?? 2})`;
      case 'boolean':
        return 'boolean';
      case 'date':
        return 'date';
      case 'time':
        return 'time';
      case 'dateTime':
        return this.useTz ? 'timestamp with time zone' : 'timestamp';
      case 'uuid':
        return 'uuid';
      case 'json':
        return 'jsonb';
      case 'binary':
        return 'bytea';
      default:
        throw new SchemaError(`A ${field.type} field has no column of its own on PostgreSQL.`);
    }
  }

  /**
   * The operator class of the second, `_like` index Django adds to indexed or unique varchar and
   * text columns: outside the C locale a plain b-tree index cannot serve `LIKE 'abc%'` (startswith).
   */
  private likeOpclass(field: FieldSpec, state?: ProjectState): string | undefined {
    if (!(wantsIndex(field) || isUnique(field) || field.primaryKey)) return undefined;
    let type: string;
    try {
      type = isRelation(field) ? (state ? this.relationColumnType(field, state) : '') : this.columnType(field);
    } catch {
      return undefined;
    }
    if (type.startsWith('varchar')) return 'varchar_pattern_ops';
    if (type.startsWith('text')) return 'text_pattern_ops';
    return undefined;
  }

  /** `<table>_<column>_idx_like`: the field's index name with `_like`, hashed to fit 63 characters like every other name. */
  private likeIndexName(table: string, column: string): string {
    return constraintName([table, column], 'idx_like');
  }

  protected override extraFieldIndexes(model: ModelState, name: string, field: FieldSpec, state?: ProjectState): Statement[] {
    const opclass = this.likeOpclass(field, state);
    if (!opclass) return [];
    const column = columnName(name, field);
    return [{ sql: `CREATE INDEX ${this.q(this.likeIndexName(model.table, column))} ON ${this.q(model.table)} (${this.q(column)} ${opclass})`, params: [] }];
  }

  /** Drops the `_like` indexes on `column`, found by introspection (their names may predate a rename). */
  private async dropLikeIndexes(table: string, column: string): Promise<void> {
    const names = await this.existingNames(
      table,
      (d) => d.indexes.filter((ix) => !ix.unique && ix.columns.length === 1 && ix.columns[0] === column && ix.name.endsWith('_like')).map((ix) => ix.name),
      this.likeIndexName(table, column),
    );
    for (const name of names) await this.execute(this.dropIndexStatement(table, name));
  }

  /** Keeps the `_like` index in step with the field: dropped when it stops applying, (re)made when it starts or the column changes. */
  override async alterField(
    oldModel: ModelState,
    oldName: string,
    oldField: FieldSpec,
    newModel: ModelState,
    newName: string,
    newField: FieldSpec,
    state: ProjectState,
  ): Promise<void> {
    const before = oldField.type === 'manyToMany' ? undefined : this.likeOpclass(oldField, state);
    const after = newField.type === 'manyToMany' ? undefined : this.likeOpclass(newField, state);
    const oldColumn = columnName(oldName, oldField);
    const newColumn = columnName(newName, newField);
    const remake = before !== after || oldColumn !== newColumn || wantsIndex(oldField) !== wantsIndex(newField);
    if (before && remake) await this.dropLikeIndexes(newModel.table, oldColumn);
    await super.alterField(oldModel, oldName, oldField, newModel, newName, newField, state);
    if (after && remake) for (const statement of this.extraFieldIndexes(newModel, newName, newField, state)) await this.execute(statement.sql);
  }

  protected override collationName(name: string): string {
    return this.q(name);
  }

  protected autoClause(): string {
    return ' GENERATED BY DEFAULT AS IDENTITY';
  }

  protected override async dropTable(table: string): Promise<void> {
    await this.execute(`DROP TABLE ${this.q(table)} CASCADE`);
  }

  /**
   * `USING col::type` only when the base type changes (as Django does): an explicit cast to
   * varchar(n) silently cuts longer values, while the implicit assignment cast fails with
   * "value too long". Values are checked before this runs, so neither path loses data.
   */
  protected async alterColumnType(model: ModelState, column: string, _field: FieldSpec, newType: string, oldType: string): Promise<void> {
    const base = (type: string) =>
      type
        .replace(/\s+COLLATE\s.*$/i, '')
        .replace(/\(.*\)/, '')
        .trim();
    const using = base(oldType) === base(newType) ? '' : ` USING ${this.q(column)}::${newType}`;
    await this.execute(`ALTER TABLE ${this.q(model.table)} ALTER COLUMN ${this.q(column)} TYPE ${newType}${using}`);
  }

  protected async setNullable(model: ModelState, column: string, _field: FieldSpec, nullable: boolean): Promise<void> {
    await this.execute(`ALTER TABLE ${this.q(model.table)} ALTER COLUMN ${this.q(column)} ${nullable ? 'DROP' : 'SET'} NOT NULL`);
  }

  protected dropForeignKeyStatement(table: string, name: string): string {
    return `ALTER TABLE ${this.q(table)} DROP CONSTRAINT ${this.q(name)}`;
  }

  protected dropUniqueStatement(table: string, name: string): string {
    return `ALTER TABLE ${this.q(table)} DROP CONSTRAINT ${this.q(name)}`;
  }

  protected dropIndexStatement(_table: string, name: string): string {
    return `DROP INDEX ${this.q(name)}`;
  }
}
