import type { Expression, OrderBy, QNode } from '../expressions.js';

/** The immutable description of a queryset; every chained call copies it with one change. */
export interface QueryState {
  /**
   * One node per filter()/exclude() call. Joins across multi-valued relations (reverse foreign
   * keys, many-to-many) are shared within a node and separate between nodes, as in Django.
   */
  where: QNode[];
  /** The next filter() joins the last node (related managers: `post.tags.filter(...)` reuses the manager's join). */
  stickyFilter: boolean;
  /** undefined: the model's default ordering; [] after `orderBy()` with no names. */
  ordering: Array<string | OrderBy | Expression> | undefined;
  low: number;
  high: number | undefined;
  distinct: boolean;
  selectRelated: string[];
  prefetch: string[];
  only: string[] | undefined;
  defer: string[];
  annotations: Record<string, Expression>;
  values: { fields: string[]; mode: 'dict' | 'list' | 'flat' } | undefined;
  /** Internal extra columns (prefetching many-to-many): a lookup path selected under a name. */
  extra: Array<{ path: string; as: string }>;
  using: string | undefined;
  none: boolean;
  /** Set by a reverse related manager: rows pointing at this instance get it as their loaded relation (Django's known related objects). */
  knownRelated: { field: string; attname: string; instance: { pk: unknown } } | undefined;
}

/**
 * The empty query every manager's queryset starts from: one frozen object (its lists too), since a
 * state is never changed, only copied with changes, and a queryset is made on every request.
 */
const EMPTY_STATE: QueryState = Object.freeze({
  where: Object.freeze([]) as unknown as QNode[],
  stickyFilter: false,
  ordering: undefined,
  low: 0,
  high: undefined,
  distinct: false,
  selectRelated: Object.freeze([]) as unknown as string[],
  prefetch: Object.freeze([]) as unknown as string[],
  only: undefined,
  defer: Object.freeze([]) as unknown as string[],
  annotations: Object.freeze({}),
  values: undefined,
  extra: Object.freeze([]) as unknown as QueryState['extra'],
  using: undefined,
  none: false,
  knownRelated: undefined,
});

/** An empty query. */
export function emptyState(): QueryState {
  return EMPTY_STATE;
}

/**
 * A copy of `state` with `change` applied and stickyFilter reset (a chained call's new state).
 * Copied field by field: every queryset method clones, and a literal of known fields is far
 * cheaper than spreading two objects.
 */
export function changedState(state: QueryState, change: Partial<QueryState>): QueryState {
  const next: QueryState = {
    where: state.where,
    stickyFilter: false,
    ordering: state.ordering,
    low: state.low,
    high: state.high,
    distinct: state.distinct,
    selectRelated: state.selectRelated,
    prefetch: state.prefetch,
    only: state.only,
    defer: state.defer,
    annotations: state.annotations,
    values: state.values,
    extra: state.extra,
    using: state.using,
    none: state.none,
    knownRelated: state.knownRelated,
  };
  for (const key in change) (next as unknown as Record<string, unknown>)[key] = change[key as keyof QueryState];
  return next;
}
