import type { QueryState } from './query-state.js';
import type { SqlCompiler } from './compiler.js';
import { compileSelect } from './select.js';

/**
 * The WHERE of an UPDATE or DELETE on the compiler's model for a queryset's filters. Filters that
 * need joins (or annotations: GROUP BY/HAVING) become `pk IN (SELECT * FROM (SELECT pk ...) subquery)`:
 * UPDATE/DELETE cannot join portably, and MySQL refuses a direct subquery on the table being changed.
 */
export function pkFilteredWhere(compiler: SqlCompiler, state: QueryState): string {
  const meta = compiler.model._meta;
  const pk = compiler.q(meta.pk.column);
  if (Object.keys(state.annotations).length > 0) {
    // The select list starts with the primary key (`c0`), then the annotations the filters need.
    const sub = compiler.subCompiler(compiler.model);
    const inner = compileSelect(sub, { ...state, values: { fields: ['pk'], mode: 'flat' }, ordering: [], low: 0, high: undefined, distinct: false });
    return `${pk} IN (SELECT ${compiler.q('c0')} FROM (${inner.sql}) ${compiler.q('subquery')})`;
  }
  const probe = compiler.subCompiler(compiler.model);
  const probeParams = probe.params.length;
  probe.where(state.where);
  const needsJoins = probe.hasJoins();
  probe.params.length = probeParams;
  if (!needsJoins) return compiler.where(state.where);
  const sub = compiler.subCompiler(compiler.model);
  const subWhere = sub.where(state.where);
  return `${pk} IN (SELECT * FROM (SELECT ${sub.column(sub.baseAlias, meta.pk.column)} FROM ${sub.fromSql()}${subWhere ? ` WHERE ${subWhere}` : ''}) ${compiler.q('subquery')})`;
}
