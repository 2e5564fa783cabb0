import { FieldError } from '../errors.js';
import type { Aggregate, Expression, OrderBy } from '../expressions.js';
import type { Field } from '../fields/field.js';
import { ForeignKeyField } from '../fields/relation-fields.js';
import type { ModelClass } from '../model-options.js';
import { setSubselectCompiler, type SelectedColumn, type SqlCompiler } from './compiler.js';
import type { QueryState } from './query-state.js';

/** A compiled SELECT: its SQL, and how to read each column (rows are arrays in select-list order). */
export interface CompiledSelect {
  sql: string;
  /** Objects mode: the field behind each column. */
  columns: SelectedColumn[];
  /** Values mode: the key of each column, and its field when it has one. */
  keys: Array<{ key: string; field?: Field; aggregate?: Aggregate }>;
  /** Objects mode: annotation names and their positions in the select list, after the columns. */
  annotationKeys: Array<{ key: string; index: number; field?: Field; aggregate?: Aggregate }>;
  /** Objects mode with only the model's own columns (no selectRelated, no annotations). */
  flat: boolean;
  /** The internal extra columns (prefetching) and their positions in the select list. */
  extraColumns: Array<{ as: string; index: number }>;
}

/**
 * The fields of `model` loaded by an objects query, honouring only()/defer(); `prefix` is the
 * selectRelated path of a related model (`author`), whose names are `author__username`.
 */
function loadedFields(model: ModelClass, state: QueryState, prefix = ''): Field[] {
  const meta = model._meta;
  const where = prefix ? `only()/defer() for "${prefix}"` : 'only()/defer()';
  // Names relative to this model: `title`, and `author` for `author__username` (the key must be loaded to follow it).
  const relative = (names: string[], keepRelationOfDeeper: boolean) =>
    names.flatMap((name) => {
      if (prefix && !name.startsWith(`${prefix}__`)) return [];
      const rest = prefix ? name.slice(prefix.length + 2) : name;
      const cut = rest.indexOf('__');
      if (cut < 0) return [rest];
      return keepRelationOfDeeper ? [rest.slice(0, cut)] : [];
    });
  let fields = meta.concreteFields;
  if (state.only) {
    const names = relative(state.only, true);
    // A related model none of whose fields is named is loaded whole.
    if (!prefix || names.length > 0) {
      const wanted = new Set(names.map((name) => meta.requireField(name, where).name));
      fields = fields.filter((field) => field.primaryKey || wanted.has(field.name));
    }
  }
  if (state.defer.length > 0) {
    const skipped = new Set(relative(state.defer, false).map((name) => meta.requireField(name, where).name));
    fields = fields.filter((field) => field.primaryKey || !skipped.has(field.name));
  }
  return fields;
}

/** The ordering a query uses: explicit, else the model's default. */
export function effectiveOrdering(model: ModelClass, state: QueryState): Array<string | OrderBy | Expression> {
  return state.ordering ?? model._meta.ordering;
}

/** Compiles the SELECT for objects, values() or valuesList() mode. */
export function compileSelect(compiler: SqlCompiler, state: QueryState, options: { forceOrder?: Array<string | OrderBy | Expression> } = {}): CompiledSelect {
  const model = compiler.model;
  const select: string[] = [];
  const columns: SelectedColumn[] = [];
  const keys: CompiledSelect['keys'] = [];
  const annotationKeys: CompiledSelect['annotationKeys'] = [];
  const groupBy: string[] = [];
  let hasAggregate = false;
  // User annotation names never reach SQL as aliases (PostgreSQL cuts identifiers at 63 bytes): each gets `cN`.
  const annotationAliases: Record<string, string> = {};
  compiler.annotations = state.annotations;

  if (state.values) {
    const names =
      state.values.fields.length > 0 ? state.values.fields : [...model._meta.concreteFields.map((field) => field.attname), ...Object.keys(state.annotations)];
    for (const name of names) {
      if (Object.hasOwn(state.annotations, name)) continue;
      const field = model._meta.getField(name);
      const { sql, field: resolved } = compiler.columnFor(field?.attname === name && field instanceof ForeignKeyField ? field.name : name, 'values()');
      select.push(`${sql} AS ${compiler.q(`c${select.length}`)}`);
      keys.push({ key: name, field: resolved });
      groupBy.push(sql);
    }
    for (const [name, expression] of Object.entries(state.annotations)) {
      const { sql, field, aggregate, grouped } = compiler.aggregateSql(expression, `annotate({ ${name} })`);
      if (grouped) hasAggregate = true;
      else groupBy.push(sql);
      annotationAliases[name] = `c${select.length}`;
      select.push(`${sql} AS ${compiler.q(`c${select.length}`)}`);
      keys.push({ key: name, field, aggregate });
    }
  } else {
    for (const field of loadedFields(model, state)) {
      const sql = compiler.column(compiler.baseAlias, field.column);
      select.push(`${sql} AS ${compiler.q(`c${select.length}`)}`);
      columns.push({ path: '', model, field });
      groupBy.push(sql);
    }
    for (const path of state.selectRelated) {
      let current = model;
      let prefix = '';
      for (const part of path.split('__')) {
        const field = current._meta.getField(part);
        if (!(field instanceof ForeignKeyField)) {
          const choices = current._meta.fields.filter((f) => f instanceof ForeignKeyField).map((f) => f.name);
          throw new FieldError(`Invalid field name "${part}" in selectRelated('${path}') on ${current.name}: choices are ${choices.join(', ') || '(none)'}.`);
        }
        prefix = prefix ? `${prefix}__${part}` : part;
        const target = current._meta.remoteModel(field);
        if (columns.some((column) => column.path === prefix)) {
          current = target;
          continue;
        }
        const alias = compiler.relationAlias(prefix);
        for (const targetField of loadedFields(target, state, prefix)) {
          const sql = compiler.column(alias, targetField.column);
          select.push(`${sql} AS ${compiler.q(`c${select.length}`)}`);
          columns.push({ path: prefix, model: target, field: targetField });
          groupBy.push(sql);
        }
        current = target;
      }
    }
    for (const [name, expression] of Object.entries(state.annotations)) {
      const { sql, field, aggregate, grouped } = compiler.aggregateSql(expression, `annotate({ ${name} })`);
      if (grouped) hasAggregate = true;
      const column = `c${select.length}`;
      annotationAliases[name] = column;
      annotationKeys.push({ key: name, index: select.length, field, aggregate });
      select.push(`${sql} AS ${compiler.q(column)}`);
    }
  }
  const extraColumns: CompiledSelect['extraColumns'] = [];
  for (const extra of state.extra) {
    const { sql } = compiler.columnFor(extra.path, 'prefetchRelated()');
    extraColumns.push({ as: extra.as, index: select.length });
    select.push(`${sql} AS ${compiler.q(extra.as)}`);
    groupBy.push(sql);
  }

  // Placeholders are positional on SQLite and MySQL: compile in text order (select, where, order).
  const split = hasAggregate ? compiler.splitHaving(state.where) : { where: state.where, having: [] };
  const whereSql = compiler.where(split.where);
  const havingSql = compiler.having(split.having);
  const ordering = options.forceOrder ?? effectiveOrdering(model, state);
  const orderItems = compiler.orderBy(ordering, annotationAliases);
  let sql = `SELECT ${state.distinct ? 'DISTINCT ' : ''}${select.join(', ')} FROM ${compiler.fromSql()}`;
  if (whereSql) sql += ` WHERE ${whereSql}`;
  if (hasAggregate && groupBy.length > 0) sql += ` GROUP BY ${groupBy.join(', ')}`;
  if (havingSql) sql += ` HAVING ${havingSql}`;
  if (orderItems.length > 0) sql += ` ORDER BY ${orderItems.join(', ')}`;
  sql += compiler.limitSql(state);
  const flat = annotationKeys.length === 0 && columns.every((column) => column.path === '');
  return { sql, columns, keys, annotationKeys, flat, extraColumns };
}

setSubselectCompiler((compiler, state) => compileSelect(compiler, state).sql);
