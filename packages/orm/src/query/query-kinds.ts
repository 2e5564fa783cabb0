import { QuerySetError } from '../errors.js';
import { Aggregate, type Expression } from '../expressions.js';
import type { Field } from '../fields/field.js';
import { fromDbValue, readsIntegersExactly } from '../values.js';
import { containsAggregate } from './compiler.js';
import { aggregateValue, rowReader } from './row-reader.js';
import { compileSelect } from './select.js';
import type { CompiledQuery, QueryKind } from './shape-cache.js';

/** The queryset's rows: objects, values() or valuesList(). */
export const SELECT_QUERY: QueryKind = {
  key: 'select',
  compile(compiler, state, { alias, ctx, reused }) {
    const compiled = compileSelect(compiler, state);
    const exactIntegers = state.values
      ? compiled.keys.some((key) => key.aggregate !== undefined || readsIntegersExactly(key.field))
      : compiled.columns.some((column) => readsIntegersExactly(column.field)) || compiled.annotationKeys.length > 0 || compiled.extraColumns.length > 0;
    return { sql: compiled.sql, read: rowReader(compiled, state, compiler.model, alias, ctx, reused), exactIntegers };
  },
};

const readCount = (row: unknown[] | undefined): number => Number(row?.[0] ?? 0);

/** count(): SELECT COUNT(*), around the whole SELECT when it is distinct, sliced, values() or annotated. */
export const COUNT_QUERY: QueryKind = {
  key: 'count',
  compile(compiler, state) {
    const complex = state.distinct || state.low !== 0 || state.high !== undefined || state.values !== undefined || hasKeys(state.annotations);
    if (complex) {
      const inner = compileSelect(compiler, state, { forceOrder: [] });
      return {
        sql: `SELECT COUNT(*) AS ${compiler.q('n')} FROM (${inner.sql}) ${compiler.q('subquery')}`,
        read: readCount as CompiledQuery['read'],
        exactIntegers: false,
      };
    }
    const where = compiler.where(state.where);
    return {
      sql: `SELECT COUNT(*) AS ${compiler.q('n')} FROM ${compiler.fromSql()}${where ? ` WHERE ${where}` : ''}`,
      read: readCount as CompiledQuery['read'],
      exactIntegers: false,
    };
  },
};

/** exists(): SELECT 1 … LIMIT 1 (within the queryset's slice). */
export const EXISTS_QUERY: QueryKind = {
  key: 'exists',
  compile(compiler, state) {
    const where = compiler.where(state.where);
    const limit = compiler.limitSql({ low: state.low, high: state.high === undefined ? state.low + 1 : Math.min(state.high, state.low + 1) });
    return {
      sql: `SELECT 1 AS ${compiler.q('a')} FROM ${compiler.fromSql()}${where ? ` WHERE ${where}` : ''}${limit}`,
      read: () => true,
      exactIntegers: false,
    };
  },
};

/**
 * aggregate({ name: Aggregate, … }): one row of aggregates over the queryset, read as an object.
 * Plain aggregates of a field (no filter, no expression) are described in the shape key, so the
 * same aggregates over same-shaped querysets compile once.
 */
export function aggregateQuery(aggregates: Record<string, Expression>, modelName: string): QueryKind {
  return {
    key: aggregatesKey(aggregates),
    compile(compiler, state, { ctx }) {
      const select: string[] = [];
      const readers: Array<{ name: string; aggregate: Aggregate | undefined; field: Field | undefined }> = [];
      compiler.annotations = state.annotations;
      for (const [name, expression] of Object.entries(aggregates)) {
        if (!containsAggregate(expression))
          throw new QuerySetError(`aggregate({ ${name} }) needs an aggregate (Count, Sum, Avg, Min, Max, StdDev, Variance), got ${String(expression)}.`);
        const { sql, field, aggregate } = compiler.aggregateSql(expression, `aggregate({ ${name} })`);
        select.push(`${sql} AS ${compiler.q(`a${select.length}`)}`);
        readers.push({ name, aggregate, field });
      }
      if (state.where.some((node) => compiler.refersToAggregate(node))) {
        throw new QuerySetError(`aggregate() on ${modelName}: the queryset filters on an aggregate annotation; aggregate over a list of its values instead.`);
      }
      const where = compiler.where(state.where);
      const read = (row: unknown[] | undefined): Record<string, unknown> => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < readers.length; i++) {
          const { name, aggregate, field } = readers[i];
          const raw = row?.[i];
          out[name] = aggregate
            ? aggregateValue(raw, aggregate, field, ctx)
            : field && raw !== null && raw !== undefined
              ? fromDbValue(field, raw, ctx)
              : (raw ?? null);
        }
        return out;
      };
      return {
        sql: `SELECT ${select.join(', ')} FROM ${compiler.fromSql()}${where ? ` WHERE ${where}` : ''}`,
        read: read as CompiledQuery['read'],
        exactIntegers: true,
      };
    },
  };
}

/** The shape-key part of plain field aggregates, or undefined when one is anything else. */
function aggregatesKey(aggregates: Record<string, Expression>): string | undefined {
  let key = 'aggregate';
  for (const name in aggregates) {
    const value = aggregates[name];
    if (!(value instanceof Aggregate) || typeof value.field !== 'string' || value.filter !== undefined) return undefined;
    key += `\u0001${name}=${value.fn}${value.distinct ? 'D' : ''}(${value.field})`;
  }
  return key;
}

function hasKeys(record: object): boolean {
  for (const _ in record) return true;
  return false;
}
