import type { Dialect } from '@manouche/contracts';
import { FieldError, QuerySetError } from '../errors.js';
import type { Field } from '../fields/field.js';
import { ForeignKeyField, ManyToManyField } from '../fields/relation-fields.js';
import type { ModelClass } from '../model-options.js';
import type { ValueContext } from '../values.js';
import { isLookup, isTransform } from './lookups.js';
import type { QueryState } from './query-state.js';

/** What the compiler needs from a connection. */
export interface CompileTarget {
  dialect: Dialect;
  quoteName(name: string): string;
}

/** A resolved lookup path: the column's table alias, its field, and what follows (transforms, lookup). */
export interface ResolvedPath {
  alias: string;
  field: Field;
  model: ModelClass;
  rest: string[];
}

/** One selected column of an objects query, and where its value goes. */
export interface SelectedColumn {
  /** '' for the queryset's model, else the selectRelated path (`author`, `author__profile`). */
  path: string;
  model: ModelClass;
  field: Field;
}

/** Whether a value is a model instance (without importing the Model class). */
export function isModelInstance(value: unknown): value is { pk: unknown; _state: unknown } {
  return value !== null && typeof value === 'object' && '_state' in value && (value.constructor as { isManoucheModel?: boolean }).isManoucheModel === true;
}

/** The field that values compared to `field` are converted with (the target key for relations). */
export function valueField(field: Field): Field {
  if (field instanceof ForeignKeyField) {
    const meta = (field.model as ModelClass)._meta;
    const target = meta.remoteModel(field);
    const toField = field.options.toField as string | undefined;
    return valueField(toField ? target._meta.requireField(toField, 'toField') : target._meta.pk);
  }
  return field;
}

/**
 * The part of a query compiler that knows tables: parameters, quoting, and the joins a lookup
 * path needs (`author__username`, `tags__name`), shared or separate per filter() call.
 */
export abstract class JoinResolver {
  /** The bound parameters in placeholder order (a cached shape's rebind starts a new array). */
  params: unknown[] = [];
  readonly model: ModelClass;
  readonly baseAlias: string;
  protected readonly target: CompileTarget;
  protected readonly ctx: ValueContext;
  private readonly joins = new Map<string, { alias: string; sql: string }>();
  /** False while compiling what cannot join (UPDATE's SET): a join is then a FieldError, as in Django. */
  allowJoins = true;
  /** The join scope of the filter() call being compiled ('' for the select list and the first filter). */
  protected scope = '';
  protected readonly subqueryCounter: { n: number };

  constructor(model: ModelClass, target: CompileTarget, ctx: ValueContext, counter = { n: 0 }, params?: unknown[]) {
    this.model = model;
    this.target = target;
    this.ctx = ctx;
    this.subqueryCounter = counter;
    if (params) this.params = params;
    this.baseAlias = counter.n === 0 ? model._meta.dbTable : `U${counter.n}`;
    counter.n++;
  }

  get dialect(): Dialect {
    return this.target.dialect;
  }

  /** The zone datetimes are read in by transforms and Trunc/Extract: TIME_ZONE under USE_TZ, else UTC (stored values are already wall clock). */
  get timeZone(): string {
    return this.ctx.useTz ? this.ctx.timeZone : 'UTC';
  }

  q(name: string): string {
    return this.target.quoteName(name);
  }

  param(value: unknown): string {
    this.params.push(value);
    return this.target.dialect === 'postgresql' ? `$${this.params.length}` : '?';
  }

  column(alias: string, column: string): string {
    return `${this.q(alias)}.${this.q(column)}`;
  }

  hasJoins(): boolean {
    return this.joins.size > 0;
  }

  /** `FROM table [AS alias] LEFT JOIN ...`. */
  fromSql(): string {
    const table = this.model._meta.dbTable;
    const base = this.baseAlias === table ? this.q(table) : `${this.q(table)} ${this.q(this.baseAlias)}`;
    return `${base}${[...this.joins.values()].map((join) => ` ${join.sql}`).join('')}`;
  }

  private join(key: string, table: string, on: (alias: string) => string): string {
    const existing = this.joins.get(key);
    if (existing) return existing.alias;
    if (!this.allowJoins)
      throw new FieldError(
        `Joined field references are not permitted in this query: "${key.replace(/#?(@.*)?$/, '')}" on ${this.model.name} crosses a relation.`,
      );
    const alias = `${this.baseAlias}_T${this.joins.size + 1}`;
    this.joins.set(key, { alias, sql: `LEFT OUTER JOIN ${this.q(table)} ${this.q(alias)} ON ${on(alias)}` });
    return alias;
  }

  /** Resolves `author__username__iexact` into a column (joining tables on the way) and the remaining parts. */
  resolve(path: string, where: string): ResolvedPath {
    const parts = path.split('__');
    let model = this.model;
    let alias = this.baseAlias;
    let prefix = '';
    let suffix = '';
    for (let i = 0; i < parts.length; i++) {
      const meta = model._meta;
      const name = parts[i];
      const field = meta.getField(name);
      const reverse = field ? undefined : meta.reverseRelations().find((relation) => relation.queryName === name);
      if (!field && !reverse) meta.requireField(name, where);
      const rest = parts.slice(i + 1);
      const next = rest[0];
      prefix = prefix ? `${prefix}__${name}` : name;
      const continues = (target: ModelClass) =>
        next !== undefined && next !== 'pk' && (target._meta.getField(next) !== undefined || target._meta.reverseRelations().some((r) => r.queryName === next));
      if (field instanceof ForeignKeyField) {
        const targetModel = meta.remoteModel(field);
        const targetField = valueField(field);
        const endsAtKey = next === 'pk' || (next !== undefined && targetModel._meta.getField(next) === targetField);
        if (endsAtKey && (rest.length === 1 || isLookup(rest[1]) || isTransform(rest[1]))) {
          return { alias, field, model, rest: rest.slice(1) };
        }
        if (!continues(targetModel)) return { alias, field, model, rest };
        const from = alias;
        alias = this.join(`${prefix}${suffix}`, targetModel._meta.dbTable, (a) => `${this.column(a, targetField.column)} = ${this.column(from, field.column)}`);
        model = targetModel;
        continue;
      }
      if (field instanceof ManyToManyField || reverse) {
        let farModel: ModelClass;
        const from = alias;
        const fromPk = meta.pk.column;
        if (this.scope && (field instanceof ManyToManyField || reverse!.kind !== 'oneToOne')) suffix = `@${this.scope}`;
        if (field instanceof ManyToManyField) {
          farModel = meta.remoteModel(field);
          const m2m = meta.m2mTable(field);
          const through = this.join(`${prefix}#${suffix}`, m2m.table, (a) => `${this.column(a, m2m.sourceColumn)} = ${this.column(from, fromPk)}`);
          alias = this.join(
            `${prefix}${suffix}`,
            farModel._meta.dbTable,
            (a) => `${this.column(a, farModel._meta.pk.column)} = ${this.column(through, m2m.targetColumn)}`,
          );
        } else if (reverse!.kind === 'manyToMany') {
          farModel = reverse!.model;
          const m2m = farModel._meta.m2mTable(reverse!.field as ManyToManyField);
          const through = this.join(`${prefix}#${suffix}`, m2m.table, (a) => `${this.column(a, m2m.targetColumn)} = ${this.column(from, fromPk)}`);
          alias = this.join(
            `${prefix}${suffix}`,
            farModel._meta.dbTable,
            (a) => `${this.column(a, farModel._meta.pk.column)} = ${this.column(through, m2m.sourceColumn)}`,
          );
        } else {
          farModel = reverse!.model;
          const fk = reverse!.field as ForeignKeyField;
          const referenced = valueField(fk);
          alias = this.join(`${prefix}${suffix}`, farModel._meta.dbTable, (a) => `${this.column(a, fk.column)} = ${this.column(from, referenced.column)}`);
        }
        model = farModel;
        if (next === 'pk') return { alias, field: farModel._meta.pk, model, rest: rest.slice(1) };
        if (!continues(farModel)) return { alias, field: farModel._meta.pk, model, rest };
        continue;
      }
      return { alias, field: field!, model, rest };
    }
    throw new FieldError(`Cannot resolve "${path}" in ${where} on ${this.model.name}.`);
  }

  /** The table alias of the model at the end of a chain of foreign keys (`author__profile`), joining as needed. */
  relationAlias(path: string): string {
    let model = this.model;
    let alias = this.baseAlias;
    let prefix = '';
    for (const name of path.split('__')) {
      const field = model._meta.getField(name);
      if (!(field instanceof ForeignKeyField)) throw new FieldError(`"${name}" in "${path}" is not a foreign key of ${model.name}.`);
      const target = model._meta.remoteModel(field);
      const targetField = valueField(field);
      const from = alias;
      prefix = prefix ? `${prefix}__${name}` : name;
      alias = this.join(prefix, target._meta.dbTable, (a) => `${this.column(a, targetField.column)} = ${this.column(from, field.column)}`);
      model = target;
    }
    return alias;
  }

  /** A path that must name a column (values, orderBy, F, aggregates): no lookups allowed after it. */
  columnFor(path: string, where: string): { sql: string; field: Field } {
    const resolved = this.resolve(path, where);
    if (resolved.rest.length > 0) {
      throw new FieldError(
        `Cannot resolve "${path}" in ${where} on ${this.model.name}: "${resolved.rest.join('__')}" is not a field of ${resolved.model.name}. Choices are: ${resolved.model._meta.choiceNames().join(', ')}.`,
      );
    }
    const field = resolved.field instanceof ManyToManyField ? resolved.model._meta.pk : resolved.field;
    return { sql: this.column(resolved.alias, field.column), field };
  }

  /** LIMIT/OFFSET for a slice. */
  limitSql(state: Pick<QueryState, 'low' | 'high'>): string {
    const { low, high } = state;
    if (high === undefined) {
      if (low === 0) return '';
      if (this.dialect === 'postgresql') return ` OFFSET ${low}`;
      return ` LIMIT ${this.dialect === 'mysql' ? '18446744073709551615' : '-1'} OFFSET ${low}`;
    }
    if (!Number.isInteger(low) || !Number.isInteger(high)) throw new QuerySetError('Slice bounds must be whole numbers.');
    return ` LIMIT ${Math.max(0, high - low)}${low > 0 ? ` OFFSET ${low}` : ''}`;
  }
}
