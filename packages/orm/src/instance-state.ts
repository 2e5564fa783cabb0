/**
 * Per-instance bookkeeping (Django's `_state`). Its maps are made on first use: most instances a
 * query reads never load a relation, and two maps per row were a large part of reading a row.
 *
 * @example
 * const post = new Post({ title: 'Draft' });
 * post._state.adding; // true until saved
 * await post.save(); // post._state.adding false, post._state.db 'default'
 */
export class InstanceState {
  /** True until the instance is saved or loaded from the database. */
  adding: boolean;
  /** The alias the instance was loaded from or saved to. */
  db: string | undefined;
  #relations: Map<string, unknown> | undefined;
  #prefetched: Map<string, unknown[]> | undefined;

  constructor(adding: boolean, db: string | undefined) {
    this.adding = adding;
    this.db = db;
  }

  /** Loaded related objects (forward relations), by field name. */
  get relations(): Map<string, unknown> {
    this.#relations ??= new Map();
    return this.#relations;
  }
  set relations(map: Map<string, unknown>) {
    this.#relations = map;
  }

  /** Prefetched related lists (reverse and many-to-many), by accessor name. */
  get prefetched(): Map<string, unknown[]> {
    this.#prefetched ??= new Map();
    return this.#prefetched;
  }
  set prefetched(map: Map<string, unknown[]>) {
    this.#prefetched = map;
  }
}
