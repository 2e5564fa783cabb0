import type { FieldSpec, ModelState } from '@manouche/contracts';
import { SchemaError } from '../errors.js';
import type { ProjectState } from '../project-state.js';
import { isRelation } from '../schema/field-kinds.js';
import { SchemaEditor } from '../schema/schema-editor.js';
import { assertNoNulls } from '../schema/value-fit-check.js';
import { MysqlIntrospection } from './mysql-introspection.js';

/** DDL for MySQL and MariaDB: AUTO_INCREMENT keys, InnoDB tables on the database's default collation, MODIFY for type and null changes. DDL is not transactional here. */
export class MysqlSchemaEditor extends SchemaEditor {
  get introspection(): MysqlIntrospection {
    return new MysqlIntrospection(this.db);
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
        return 'longtext';
      case 'integer':
        return 'integer';
      case 'positiveInteger':
        return 'integer UNSIGNED';
      case 'bigInteger':
      case 'duration':
        return 'bigint';
      case 'positiveBigInteger':
        return 'bigint UNSIGNED';
      case 'smallInteger':
        return 'smallint';
      case 'positiveSmallInteger':
        return 'smallint UNSIGNED';
      case 'float':
        return 'double precision';
      case 'decimal':
        return `numeric(${field.maxDigits ?? 10}, ${field.decimalPlaces ?? 2})`;
      case 'boolean':
        return 'bool';
      case 'date':
        return 'date';
      case 'time':
        return 'time(6)';
      case 'dateTime':
        return 'datetime(6)';
      case 'uuid':
        return 'char(36)';
      case 'json':
        return 'json';
      case 'binary':
        return 'longblob';
      default:
        throw new SchemaError(`A ${field.type} field has no column of its own on MySQL.`);
    }
  }

  protected autoClause(): string {
    return ' AUTO_INCREMENT';
  }

  /**
   * InnoDB for foreign keys and transactions; no CHARSET or COLLATE, so the table takes the
   * database's default character set and collation, as Django's tables do (set them with
   * `CREATE DATABASE … CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`).
   */
  protected override tableSuffix(): string {
    return ' ENGINE=InnoDB';
  }

  /** MODIFY restates the whole column: type and nullability together. */
  private async modifyColumn(model: ModelState, column: string, field: FieldSpec, nullable: boolean, state?: ProjectState): Promise<void> {
    const type = isRelation(field) && state ? this.relationColumnType(field, state) : this.columnType(field) + this.collationClause(field);
    await this.execute(`ALTER TABLE ${this.q(model.table)} MODIFY ${this.q(column)} ${type} ${nullable ? 'NULL' : 'NOT NULL'}`);
  }

  /** Keeps the column's current nullability: when it also becomes NOT NULL, setNullable does that after the NULLs are filled. */
  protected async alterColumnType(
    model: ModelState,
    column: string,
    field: FieldSpec,
    newType: string,
    _oldType: string,
    _state: ProjectState,
    oldField?: FieldSpec,
  ): Promise<void> {
    const nullable = Boolean(oldField ? oldField.null : field.null);
    await this.execute(`ALTER TABLE ${this.q(model.table)} MODIFY ${this.q(column)} ${newType} ${nullable ? 'NULL' : 'NOT NULL'}`);
  }

  protected async setNullable(model: ModelState, column: string, field: FieldSpec, nullable: boolean, state: ProjectState): Promise<void> {
    // Non-strict MySQL turns NULLs into '' or 0 on MODIFY … NOT NULL; refuse instead, as strict mode and the other databases do.
    if (!nullable && !this.collectOnly) await assertNoNulls(this.db, model.table, column);
    await this.modifyColumn(model, column, field, nullable, state);
  }

  protected dropForeignKeyStatement(table: string, name: string): string {
    return `ALTER TABLE ${this.q(table)} DROP FOREIGN KEY ${this.q(name)}`;
  }

  protected dropUniqueStatement(table: string, name: string): string {
    return `ALTER TABLE ${this.q(table)} DROP INDEX ${this.q(name)}`;
  }

  protected dropIndexStatement(table: string, name: string): string {
    return `DROP INDEX ${this.q(name)} ON ${this.q(table)}`;
  }

  protected override dropCheckStatement(table: string, name: string): string {
    return `ALTER TABLE ${this.q(table)} DROP CONSTRAINT ${this.q(name)}`;
  }
}
