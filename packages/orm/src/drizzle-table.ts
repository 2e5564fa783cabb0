import type { Dialect } from '@manouche/contracts';
import * as my from 'drizzle-orm/mysql-core';
import * as pg from 'drizzle-orm/pg-core';
import * as lite from 'drizzle-orm/sqlite-core';
import type { Field } from './fields/field.js';
import type { ModelClass } from './model-options.js';
import { valueField } from './query/compiler.js';

/** A drizzle table of any dialect, as built for a model. */
export type DrizzleTable = lite.SQLiteTableWithColumns<any> | pg.PgTableWithColumns<any> | my.MySqlTableWithColumns<any>;

const cache = new WeakMap<object, Map<Dialect, DrizzleTable>>();

function columnType(field: Field): Field {
  return field.isRelation ? ({ ...valueField(field), isAuto: false, type: relatedType(valueField(field).type) } as unknown as Field) : field;
}

function relatedType(type: string): Field['type'] {
  return (type === 'auto' ? 'integer' : type === 'bigAuto' ? 'bigInteger' : type === 'smallAuto' ? 'smallInteger' : type) as Field['type'];
}

function sqliteColumn(field: Field) {
  const f = columnType(field);
  const name = field.column;
  switch (f.type) {
    case 'auto':
    case 'bigAuto':
    case 'smallAuto':
    case 'integer':
    case 'smallInteger':
    case 'positiveInteger':
    case 'positiveSmallInteger':
    case 'duration':
      return lite.integer(name, { mode: 'number' });
    case 'bigInteger':
    case 'positiveBigInteger':
      return lite.integer(name, { mode: 'number' });
    case 'boolean':
      return lite.integer(name, { mode: 'boolean' });
    case 'float':
      return lite.real(name);
    case 'decimal':
      return lite.numeric(name);
    case 'binary':
      return lite.blob(name, { mode: 'buffer' });
    default:
      return lite.text(name);
  }
}

function pgColumn(field: Field) {
  const f = columnType(field);
  const name = field.column;
  switch (f.type) {
    case 'auto':
      return pg.serial(name);
    case 'bigAuto':
      return pg.bigserial(name, { mode: 'number' });
    case 'smallAuto':
      return pg.smallserial(name);
    case 'integer':
    case 'positiveInteger':
      return pg.integer(name);
    case 'smallInteger':
    case 'positiveSmallInteger':
      return pg.smallint(name);
    case 'bigInteger':
    case 'positiveBigInteger':
    case 'duration':
      return pg.bigint(name, { mode: 'number' });
    case 'float':
      return pg.doublePrecision(name);
    case 'decimal':
      return pg.numeric(name, { precision: Number(f.options.maxDigits), scale: Number(f.options.decimalPlaces) });
    case 'boolean':
      return pg.boolean(name);
    case 'date':
      return pg.date(name, { mode: 'string' });
    case 'time':
      return pg.time(name);
    case 'dateTime':
      return pg.timestamp(name, { withTimezone: true, mode: 'date' });
    case 'uuid':
      return pg.uuid(name);
    case 'json':
      return pg.jsonb(name);
    case 'binary':
      return pg.customType<{ data: Buffer }>({ dataType: () => 'bytea' })(name);
    case 'text':
      return pg.text(name);
    default:
      return pg.varchar(name, { length: Number(f.options.maxLength ?? 255) });
  }
}

function mysqlColumn(field: Field) {
  const f = columnType(field);
  const name = field.column;
  switch (f.type) {
    case 'auto':
      return my.int(name).autoincrement();
    case 'bigAuto':
      return my.bigint(name, { mode: 'number' }).autoincrement();
    case 'smallAuto':
      return my.smallint(name).autoincrement();
    case 'integer':
    case 'positiveInteger':
      return my.int(name);
    case 'smallInteger':
    case 'positiveSmallInteger':
      return my.smallint(name);
    case 'bigInteger':
    case 'positiveBigInteger':
    case 'duration':
      return my.bigint(name, { mode: 'number' });
    case 'float':
      return my.double(name);
    case 'decimal':
      return my.decimal(name, { precision: Number(f.options.maxDigits), scale: Number(f.options.decimalPlaces) });
    case 'boolean':
      return my.boolean(name);
    case 'date':
      return my.date(name, { mode: 'string' });
    case 'time':
      return my.time(name, { fsp: 6 });
    case 'dateTime':
      return my.datetime(name, { mode: 'string', fsp: 6 });
    case 'uuid':
      return my.char(name, { length: 36 });
    case 'json':
      return my.json(name);
    case 'binary':
      return my.customType<{ data: Buffer }>({ dataType: () => 'longblob' })(name);
    case 'text':
      return my.longtext(name);
    default:
      return my.varchar(name, { length: Number(f.options.maxLength ?? 255) });
  }
}

/**
 * The model's table as a drizzle-orm table for `dialect`, keyed by attribute name (`authorId`), for
 * queries written with drizzle directly. Columns hold the stored form (see README, "Storage").
 */
export function drizzleTable(model: ModelClass, dialect: Dialect): DrizzleTable {
  const byDialect = cache.get(model) ?? new Map<Dialect, DrizzleTable>();
  cache.set(model, byDialect);
  const existing = byDialect.get(dialect);
  if (existing) return existing;
  const meta = model._meta;
  const build = dialect === 'sqlite' ? sqliteColumn : dialect === 'postgresql' ? pgColumn : mysqlColumn;
  const columns: Record<string, unknown> = {};
  for (const field of meta.concreteFields) {
    let column = build(field) as { primaryKey(): unknown; notNull(): unknown };
    if (field.primaryKey) column = column.primaryKey() as typeof column;
    else if (!field.nullable) column = column.notNull() as typeof column;
    columns[field.attname] = column;
  }
  const table = (
    dialect === 'sqlite'
      ? lite.sqliteTable(meta.dbTable, columns as never)
      : dialect === 'postgresql'
        ? pg.pgTable(meta.dbTable, columns as never)
        : my.mysqlTable(meta.dbTable, columns as never)
  ) as DrizzleTable;
  byDialect.set(dialect, table);
  return table;
}
