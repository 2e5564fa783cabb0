import { columnName, type ConstraintSpec, type Database, type FieldSpec, type IndexSpec, type ModelState, type PlainValue } from '@manouche/contracts';
import { SchemaError } from '../errors.js';
import { primaryKeyOf, type ProjectState } from '../project-state.js';
import type { Introspection } from './introspection.js';
import { databaseDiffers, hasColumn, isRelation, isUnique, joinModel, wantsIndex } from './field-kinds.js';
import { constraintName } from './names.js';
import { assertValuesFit } from './value-fit-check.js';

/**
 * One SQL statement with its parameters, as run or as `sqlmigrate` prints it.
 *
 * @example
 * const editor = schemaEditorFor(db, { collectOnly: true });
 * editor.statements.map((s: Statement) => s.sql); // what sqlmigrate prints
 */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * How a schema editor runs.
 *
 * @example
 * schemaEditorFor(db, { collectOnly: true, useTz: true });
 */
export interface SchemaEditorOptions {
  /** Only collect the statements (sqlmigrate); nothing runs. */
  collectOnly?: boolean;
  /** USE_TZ: datetimes are stored with their time zone where the database can (PostgreSQL). */
  useTz?: boolean;
}

const AUTO_TYPES = new Set(['auto', 'bigAuto', 'smallAuto']);

/** The field types that take a collation. */
const COLLATABLE_TYPES = new Set(['char', 'slug', 'email', 'url', 'text']);

/**
 * Turns operations on model state into DDL for one database. The shared algorithm lives here;
 * each dialect supplies column types, quoting rules and the changes its ALTER TABLE cannot make.
 *
 * @example
 * const editor = schemaEditorFor(db);
 * await editor.createModel(postState, projectState); // CREATE TABLE "blog_post" (…)
 */
export abstract class SchemaEditor {
  /** Every statement run (or, with `collectOnly`, that would run), in order. */
  readonly statements: Statement[] = [];
  /** Foreign keys added once every table of the migration exists. */
  protected deferred: Statement[] = [];
  readonly collectOnly: boolean;
  readonly useTz: boolean;

  constructor(
    public db: Database,
    options: SchemaEditorOptions = {},
  ) {
    this.collectOnly = options.collectOnly ?? false;
    this.useTz = options.useTz ?? true;
  }

  /** Reads the live schema; the editor uses it to find the names of indexes and constraints to drop. */
  abstract readonly introspection: Introspection;
  /** The column type of a field, without NULL / NOT NULL. */
  abstract columnType(field: FieldSpec): string;
  /** The clause that makes an auto field generate its values. */
  protected abstract autoClause(field: FieldSpec): string;

  q(name: string): string {
    return this.db.quoteName(name);
  }

  /** The placeholder for the `index`-th (1-based) parameter. */
  placeholder(index: number): string {
    return this.db.dialect === 'postgresql' ? `$${index}` : '?';
  }

  /** Records a note for `sqlmigrate` (`-- Raw code operation`); nothing runs. */
  comment(text: string): void {
    this.statements.push({ sql: `-- ${text}`, params: [] });
  }

  async execute(sql: string, params: unknown[] = []): Promise<void> {
    this.statements.push({ sql, params });
    if (!this.collectOnly) await this.db.execute(sql, params);
  }

  /** Runs what was deferred (foreign keys), at the end of a migration. */
  async flushDeferred(): Promise<void> {
    const pending = this.deferred;
    this.deferred = [];
    for (const statement of pending) await this.execute(statement.sql, statement.params);
  }

  /** A default as the parameter its column takes. */
  defaultParam(field: FieldSpec, value: PlainValue): unknown {
    if (field.type === 'json') return JSON.stringify(value);
    if (field.type === 'boolean' && this.db.dialect !== 'postgresql') return value ? 1 : 0;
    return value;
  }

  /** The value existing rows get when a non-null column is added: the default, '' for blank text, else none. */
  effectiveDefault(field: FieldSpec): PlainValue | undefined {
    if (field.default !== undefined && field.default !== null) return field.default;
    if (field.null) return undefined;
    if (field.autoNow || field.autoNowAdd) return this.now(field);
    if (['char', 'slug', 'text', 'email', 'url'].includes(field.type) && field.blank) return '';
    return undefined;
  }

  /** The current time as a date, time or datetime column takes it (autoNow fields added to existing rows, as Django does). */
  protected now(field: FieldSpec): PlainValue | undefined {
    const iso = new Date().toISOString();
    if (field.type === 'date') return iso.slice(0, 10);
    if (field.type === 'time') return iso.slice(11, 23);
    if (field.type !== 'dateTime') return undefined;
    return this.db.dialect === 'postgresql' ? iso : iso.replace('T', ' ').replace('Z', '');
  }

  /** The column type a relation field takes: its target's primary key type, as a plain integer for auto keys. */
  relationColumnType(field: FieldSpec, state: ProjectState): string {
    const target = this.relationTarget(field, state);
    const targetField = field.toField ? target.model.fields[field.toField] : primaryKeyOf(target.model)[1];
    if (!targetField) throw new SchemaError(`The relation to ${field.to} names toField "${field.toField}", which ${field.to} does not have.`);
    const plain: Record<string, FieldSpec['type']> = { auto: 'integer', bigAuto: 'bigInteger', smallAuto: 'smallInteger' };
    return this.columnType({ ...targetField, type: plain[targetField.type] ?? targetField.type, primaryKey: false, unique: false });
  }

  /** The table and column a relation points at. */
  relationTarget(field: FieldSpec, state: ProjectState): { model: ModelState; table: string; column: string } {
    const model = state.relatedModel(field.to);
    if (!model) throw new SchemaError(`The relation target "${field.to}" is not in the migration state; add a dependency on the migration that creates it.`);
    const [pkName, pk] = primaryKeyOf(model);
    const toName = field.toField ?? pkName;
    const toField = model.fields[toName] ?? pk;
    return { model, table: model.table, column: columnName(toName, toField) };
  }

  /**
   * ` COLLATE <name>` for a char-like or text field with `dbCollation` (Django's db_collation), else ''.
   * The name must be a plain collation name: it is written into the SQL.
   */
  collationClause(field: FieldSpec): string {
    if (field.dbCollation === undefined) return '';
    if (!COLLATABLE_TYPES.has(field.type))
      throw new SchemaError(`dbCollation applies to char, slug, email, url and text fields, not to a ${field.type} field.`);
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.@-]*$/.test(field.dbCollation)) {
      throw new SchemaError(
        `dbCollation "${field.dbCollation}" is not a collation name: expected letters, digits, "_", "-", "." or "@" (e.g. "C", "utf8mb4_bin", "NOCASE").`,
      );
    }
    return ` COLLATE ${this.collationName(field.dbCollation)}`;
  }

  /** How a collation name is written (PostgreSQL quotes it: "C" and "en-x-icu" are case-sensitive identifiers). */
  protected collationName(name: string): string {
    return name;
  }

  /** The column's type as CREATE, ADD COLUMN and ALTER state it: the type and, for string fields, its collation. */
  fullColumnType(field: FieldSpec, state: ProjectState): string {
    return isRelation(field) ? this.relationColumnType(field, state) : this.columnType(field) + this.collationClause(field);
  }

  /** `"col" type NULL|NOT NULL …` for CREATE TABLE and ADD COLUMN. */
  columnDefinition(model: ModelState, name: string, field: FieldSpec, state: ProjectState, options: { forceNull?: boolean } = {}): string {
    const column = columnName(name, field);
    const type = this.fullColumnType(field, state);
    let sql = `${this.q(column)} ${type}`;
    if (field.primaryKey) {
      sql += ` NOT NULL PRIMARY KEY`;
      if (AUTO_TYPES.has(field.type)) sql += this.autoClause(field);
    } else {
      sql += field.null || options.forceNull ? ' NULL' : ' NOT NULL';
      if (isUnique(field)) sql += ' UNIQUE';
    }
    if (field.type.startsWith('positive')) sql += ` CHECK (${this.q(column)} >= 0)`;
    return sql;
  }

  /** The FOREIGN KEY constraint statement of a relation field, or undefined when it has none. */
  foreignKeySql(model: ModelState, name: string, field: FieldSpec, state: ProjectState): Statement | undefined {
    if (!isRelation(field) || field.dbConstraint === false) return undefined;
    const target = this.relationTarget(field, state);
    const column = columnName(name, field);
    const fkName = constraintName([model.table, column], `fk_${target.table}_${target.column}`);
    const deferrable = this.db.dialect === 'postgresql' ? ' DEFERRABLE INITIALLY DEFERRED' : '';
    return {
      sql: `ALTER TABLE ${this.q(model.table)} ADD CONSTRAINT ${this.q(fkName)} FOREIGN KEY (${this.q(column)}) REFERENCES ${this.q(target.table)} (${this.q(target.column)})${deferrable}`,
      params: [],
    };
  }

  /** CREATE INDEX for a field that wants one. */
  fieldIndexSql(model: ModelState, name: string, field: FieldSpec): Statement | undefined {
    if (!wantsIndex(field)) return undefined;
    const column = columnName(name, field);
    return { sql: `CREATE INDEX ${this.q(constraintName([model.table, column], 'idx'))} ON ${this.q(model.table)} (${this.q(column)})`, params: [] };
  }

  indexSql(model: ModelState, index: IndexSpec): Statement {
    const columns = index.fields.map((entry) => {
      const descending = entry.startsWith('-');
      const name = descending ? entry.slice(1) : entry;
      const field = model.fields[name];
      if (!field) throw new SchemaError(`Index "${index.name}" on ${model.app}.${model.name} names field "${name}", which the model does not have.`);
      return this.q(columnName(name, field)) + (descending ? ' DESC' : '');
    });
    return { sql: `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${this.q(index.name)} ON ${this.q(model.table)} (${columns.join(', ')})`, params: [] };
  }

  /** The column list of a unique constraint. */
  protected columnsOf(model: ModelState, fields: string[], what: string): string[] {
    return fields.map((name) => {
      const field = model.fields[name];
      if (!field) throw new SchemaError(`${what} on ${model.app}.${model.name} names field "${name}", which the model does not have.`);
      return columnName(name, field);
    });
  }

  /** Table-level constraint clauses (constraints and uniqueTogether) for CREATE TABLE. */
  protected tableConstraintClauses(model: ModelState): string[] {
    const clauses: string[] = [];
    for (const constraint of model.options.constraints ?? []) clauses.push(this.constraintClause(model, constraint));
    for (const fields of model.options.uniqueTogether ?? []) {
      const columns = this.columnsOf(model, fields, 'uniqueTogether');
      clauses.push(`CONSTRAINT ${this.q(constraintName([model.table, ...columns], 'uniq'))} UNIQUE (${columns.map((c) => this.q(c)).join(', ')})`);
    }
    return clauses;
  }

  protected constraintClause(model: ModelState, constraint: ConstraintSpec): string {
    if (constraint.kind === 'unique') {
      const columns = this.columnsOf(model, constraint.fields, `Constraint "${constraint.name}"`);
      return `CONSTRAINT ${this.q(constraint.name)} UNIQUE (${columns.map((c) => this.q(c)).join(', ')})`;
    }
    return `CONSTRAINT ${this.q(constraint.name)} CHECK (${constraint.check})`;
  }

  /** CREATE TABLE for a model (under another name for SQLite's rebuild); foreign keys inline only where the dialect wants them. */
  createTableSql(model: ModelState, state: ProjectState, table = model.table): string {
    const clauses: string[] = [];
    for (const [name, field] of Object.entries(model.fields)) {
      if (!hasColumn(field)) continue;
      clauses.push(this.columnDefinition(model, name, field, state) + this.inlineReference(field, state));
    }
    clauses.push(...this.tableConstraintClauses(model));
    return `CREATE TABLE ${this.q(table)} (${clauses.join(', ')})${this.tableSuffix()}`;
  }

  /** A REFERENCES clause inside the column definition (SQLite); other dialects add constraints afterwards. */
  protected inlineReference(_field: FieldSpec, _state: ProjectState): string {
    return '';
  }

  /** Text after CREATE TABLE's parentheses (MySQL: the engine and charset). */
  protected tableSuffix(): string {
    return '';
  }

  /** Every statement that creates the indexes a model declares (fields and options). */
  protected indexStatements(model: ModelState, state?: ProjectState): Statement[] {
    const statements: Statement[] = [];
    for (const [name, field] of Object.entries(model.fields)) {
      const sql = this.fieldIndexSql(model, name, field);
      if (sql) statements.push(sql);
      statements.push(...this.extraFieldIndexes(model, name, field, state));
    }
    for (const index of model.options.indexes ?? []) statements.push(this.indexSql(model, index));
    return statements;
  }

  /** Indexes a dialect adds beside a field's own (PostgreSQL: the `_like` pattern-ops index). */
  protected extraFieldIndexes(_model: ModelState, _name: string, _field: FieldSpec, _state?: ProjectState): Statement[] {
    return [];
  }

  async createModel(model: ModelState, state: ProjectState): Promise<void> {
    await this.execute(this.createTableSql(model, state));
    for (const statement of this.indexStatements(model, state)) await this.execute(statement.sql);
    for (const [name, field] of Object.entries(model.fields)) {
      const fk = this.foreignKeySql(model, name, field, state);
      if (fk) this.deferred.push(fk);
    }
    for (const [name, field] of Object.entries(model.fields)) {
      if (field.type === 'manyToMany') await this.createJoinTable(model, name, field, state);
    }
  }

  async deleteModel(model: ModelState): Promise<void> {
    for (const field of Object.values(model.fields)) {
      if (field.type === 'manyToMany' && field.joinTable && !field.through) await this.dropTable(field.joinTable.table);
    }
    await this.dropTable(model.table);
  }

  protected async dropTable(table: string): Promise<void> {
    await this.execute(`DROP TABLE ${this.q(table)}`);
  }

  async createJoinTable(model: ModelState, name: string, field: FieldSpec, state: ProjectState): Promise<void> {
    const join = joinModel(model, name, field);
    if (!join) return;
    const withSelf = state.clone();
    withSelf.add(model);
    await this.createModel(join, withSelf);
  }

  async alterDbTable(oldTable: string, newTable: string): Promise<void> {
    if (oldTable === newTable) return;
    await this.execute(`ALTER TABLE ${this.q(oldTable)} RENAME TO ${this.q(newTable)}`);
  }

  async addField(model: ModelState, name: string, field: FieldSpec, state: ProjectState): Promise<void> {
    if (field.type === 'manyToMany') return this.createJoinTable(model, name, field, state);
    const column = columnName(name, field);
    const fill = this.effectiveDefault(field);
    const needsFill = !field.null && fill !== undefined;
    await this.execute(`ALTER TABLE ${this.q(model.table)} ADD COLUMN ${this.columnDefinition(model, name, field, state, { forceNull: needsFill })}`);
    if (needsFill) {
      await this.execute(`UPDATE ${this.q(model.table)} SET ${this.q(column)} = ${this.placeholder(1)}`, [this.defaultParam(field, fill)]);
      await this.setNullable(model, column, field, false, state);
    }
    const index = this.fieldIndexSql(model, name, field);
    if (index) await this.execute(index.sql);
    for (const extra of this.extraFieldIndexes(model, name, field, state)) await this.execute(extra.sql);
    const fk = this.foreignKeySql(model, name, field, state);
    if (fk) this.deferred.push(fk);
  }

  async removeField(model: ModelState, name: string, field: FieldSpec, _state: ProjectState): Promise<void> {
    if (field.type === 'manyToMany') {
      if (field.joinTable && !field.through) await this.dropTable(field.joinTable.table);
      return;
    }
    const column = columnName(name, field);
    if (isRelation(field)) await this.dropForeignKeys(model.table, column);
    await this.execute(`ALTER TABLE ${this.q(model.table)} DROP COLUMN ${this.q(column)}`);
  }

  /**
   * Changes a field from `oldField` (in `oldModel`) to `newField` (in `newModel`): rename, type,
   * nullability, uniqueness, index and foreign key, each only when it changed.
   */
  async alterField(
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
    const table = newModel.table;
    const oldColumn = columnName(oldName, oldField);
    const newColumn = columnName(newName, newField);
    const oldType = this.fullColumnType(oldField, state);
    const newType = this.fullColumnType(newField, state);
    const fkChanged =
      isRelation(oldField) &&
      oldField.dbConstraint !== false &&
      (!isRelation(newField) ||
        newField.dbConstraint === false ||
        oldField.to?.toLowerCase() !== newField.to?.toLowerCase() ||
        oldType !== newType ||
        oldField.toField !== newField.toField);
    if (fkChanged) await this.dropForeignKeys(table, oldColumn);
    if (isUnique(oldField) && !isUnique(newField)) await this.dropUniques(table, [oldColumn]);
    if (wantsIndex(oldField) && !wantsIndex(newField)) await this.dropIndexes(table, [oldColumn]);
    if (oldColumn !== newColumn) await this.renameColumn(table, oldColumn, newColumn, newField, newType);
    const nullChanged = Boolean(oldField.null) !== Boolean(newField.null);
    if (oldType !== newType) {
      // Never let a type change cut or clamp values: check the rows first (sqlmigrate only prints).
      if (!this.collectOnly) await assertValuesFit(this.db, table, newColumn, oldType, newType);
      await this.alterColumnType(newModel, newColumn, newField, newType, oldType, state, oldField);
    }
    if (nullChanged) {
      const fill = this.effectiveDefault(newField);
      if (!newField.null && fill !== undefined) {
        await this.execute(`UPDATE ${this.q(table)} SET ${this.q(newColumn)} = ${this.placeholder(1)} WHERE ${this.q(newColumn)} IS NULL`, [
          this.defaultParam(newField, fill),
        ]);
      }
      await this.setNullable(newModel, newColumn, newField, Boolean(newField.null), state);
    }
    if (!isUnique(oldField) && isUnique(newField)) {
      await this.execute(`ALTER TABLE ${this.q(table)} ADD CONSTRAINT ${this.q(constraintName([table, newColumn], 'uniq'))} UNIQUE (${this.q(newColumn)})`);
    }
    if (!wantsIndex(oldField) && wantsIndex(newField)) {
      const index = this.fieldIndexSql(newModel, newName, newField);
      if (index) await this.execute(index.sql);
    }
    if (
      fkChanged ||
      (!isRelation(oldField) && isRelation(newField)) ||
      (isRelation(newField) && oldField.dbConstraint === false && newField.dbConstraint !== false)
    ) {
      const fk = this.foreignKeySql(newModel, newName, newField, state);
      if (fk) this.deferred.push(fk);
    }
  }

  /** A many-to-many field that changed its join table: rename the table and columns; other changes need no SQL. */
  protected async alterManyToMany(
    oldModel: ModelState,
    oldName: string,
    oldField: FieldSpec,
    newModel: ModelState,
    newName: string,
    newField: FieldSpec,
    state: ProjectState,
  ): Promise<void> {
    if (oldField.type !== newField.type) {
      throw new SchemaError(
        `Cannot alter ${newModel.app}.${newModel.name}.${newName} between a many-to-many field and a column; remove the field and add a new one instead.`,
      );
    }
    const before = oldField.joinTable;
    const after = newField.joinTable;
    if (!before || !after || oldField.through || newField.through) return;
    if (oldField.to?.toLowerCase() !== newField.to?.toLowerCase()) {
      await this.removeField(oldModel, oldName, oldField, state);
      await this.addField(newModel, newName, newField, state);
      return;
    }
    if (before.table !== after.table) await this.alterDbTable(before.table, after.table);
    const idType = this.columnType({ type: 'bigInteger' });
    if (before.sourceColumn !== after.sourceColumn)
      await this.renameColumn(after.table, before.sourceColumn, after.sourceColumn, { type: 'bigInteger' }, idType);
    if (before.targetColumn !== after.targetColumn)
      await this.renameColumn(after.table, before.targetColumn, after.targetColumn, { type: 'bigInteger' }, idType);
  }

  protected async renameColumn(table: string, oldColumn: string, newColumn: string, _field: FieldSpec, _type: string): Promise<void> {
    await this.execute(`ALTER TABLE ${this.q(table)} RENAME COLUMN ${this.q(oldColumn)} TO ${this.q(newColumn)}`);
  }

  /** Changes a column's type; `oldField` is what the column was (its nullability still holds until setNullable runs). */
  protected abstract alterColumnType(
    model: ModelState,
    column: string,
    field: FieldSpec,
    newType: string,
    oldType: string,
    state: ProjectState,
    oldField?: FieldSpec,
  ): Promise<void>;
  protected abstract setNullable(model: ModelState, column: string, field: FieldSpec, nullable: boolean, state: ProjectState): Promise<void>;
  protected abstract dropForeignKeyStatement(table: string, name: string): string;
  protected abstract dropUniqueStatement(table: string, name: string): string;
  protected abstract dropIndexStatement(table: string, name: string): string;

  /** Drops the foreign keys on `column`, found by introspection (their names may predate a rename). */
  protected async dropForeignKeys(table: string, column: string): Promise<void> {
    const names = await this.existingNames(table, (d) => d.foreignKeys.filter((fk) => fk.column === column).map((fk) => fk.name));
    for (const name of names) await this.execute(this.dropForeignKeyStatement(table, name));
  }

  async dropUniques(table: string, columns: string[]): Promise<void> {
    const names = await this.existingNames(
      table,
      (d) => d.indexes.filter((ix) => ix.unique && !ix.primaryKey && sameColumns(ix.columns, columns)).map((ix) => ix.name),
      constraintName([table, ...columns], 'uniq'),
    );
    for (const name of names) await this.execute(this.dropUniqueStatement(table, name));
  }

  async dropIndexes(table: string, columns: string[]): Promise<void> {
    const names = await this.existingNames(
      table,
      (d) => d.indexes.filter((ix) => !ix.unique && sameColumns(ix.columns, columns)).map((ix) => ix.name),
      constraintName([table, ...columns], 'idx'),
    );
    for (const name of names) await this.execute(this.dropIndexStatement(table, name));
  }

  /** Names found in the live table; when it does not exist yet (sqlmigrate of later migrations), the name this editor would have given. */
  protected async existingNames(
    table: string,
    pick: (d: Awaited<ReturnType<Introspection['describeTable']>>) => string[],
    fallback?: string,
  ): Promise<string[]> {
    const tables = await this.introspection.tableNames();
    if (!tables.includes(table)) return fallback ? [fallback] : [];
    return pick(await this.introspection.describeTable(table));
  }

  async addIndex(model: ModelState, index: IndexSpec): Promise<void> {
    await this.execute(this.indexSql(model, index).sql);
  }

  async removeIndex(model: ModelState, index: IndexSpec): Promise<void> {
    await this.execute(this.dropIndexStatement(model.table, index.name));
  }

  async addConstraint(model: ModelState, constraint: ConstraintSpec, _state: ProjectState): Promise<void> {
    await this.execute(`ALTER TABLE ${this.q(model.table)} ADD ${this.constraintClause(model, constraint)}`);
  }

  async removeConstraint(model: ModelState, constraint: ConstraintSpec, _state: ProjectState): Promise<void> {
    const sql = constraint.kind === 'unique' ? this.dropUniqueStatement(model.table, constraint.name) : this.dropCheckStatement(model.table, constraint.name);
    await this.execute(sql);
  }

  protected dropCheckStatement(table: string, name: string): string {
    return `ALTER TABLE ${this.q(table)} DROP CONSTRAINT ${this.q(name)}`;
  }

  async alterUniqueTogether(oldModel: ModelState, newModel: ModelState, _state: ProjectState): Promise<void> {
    const key = (fields: string[]) => fields.join(',');
    const before = new Map((oldModel.options.uniqueTogether ?? []).map((fields) => [key(fields), fields]));
    const after = new Map((newModel.options.uniqueTogether ?? []).map((fields) => [key(fields), fields]));
    for (const [k, fields] of before) if (!after.has(k)) await this.dropUniques(oldModel.table, this.columnsOf(oldModel, fields, 'uniqueTogether'));
    for (const [k, fields] of after) {
      if (before.has(k)) continue;
      const columns = this.columnsOf(newModel, fields, 'uniqueTogether');
      await this.execute(
        `ALTER TABLE ${this.q(newModel.table)} ADD CONSTRAINT ${this.q(constraintName([newModel.table, ...columns], 'uniq'))} UNIQUE (${columns.map((c) => this.q(c)).join(', ')})`,
      );
    }
  }
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((column, i) => column === b[i]);
}
