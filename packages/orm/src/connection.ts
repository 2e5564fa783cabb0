import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Dialect, ExecuteResult } from '@manouche/contracts';
import { ConnectionClosedError, TransactionError } from './errors.js';

/** One place SQL can run: the pool/connection itself, or a connection held by a transaction. */
export interface DriverSession {
  execute(sql: string, params: readonly unknown[]): Promise<ExecuteResult>;
  query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /**
   * A SELECT's rows as arrays in select-list order: the ORM reads its own queries by position, not by name.
   * `exactIntegers` false: no column needs integers beyond 2^53 exactly (a driver may then skip BigInt).
   */
  queryArrays(sql: string, params: readonly unknown[], exactIntegers?: boolean): Promise<unknown[][]>;
}

/** What each dialect folder provides: a session for single statements, and dedicated sessions for transactions. */
export interface DriverAdapter {
  readonly vendor: string;
  /** Runs statements outside any transaction. */
  readonly direct: DriverSession;
  /** A session held until `release()`; transactions run on it. */
  acquire(): Promise<{ session: DriverSession; release(): void }>;
  /** The statement that opens a transaction. */
  readonly beginSql: string;
  /** A synchronous driver's rows at once, like `direct.queryArrays`; undefined when the statement must wait (a transaction holds the connection). */
  queryArraysNow?(sql: string, params: readonly unknown[], exactIntegers: boolean): unknown[][] | undefined;
  close(): Promise<void>;
}

/** What a dialect tells the connection before it connects. */
export interface DialectInfo {
  dialect: Dialect;
  supportsTransactionalDdl: boolean;
  quoteName(name: string): string;
  /** The vendor to report before the first statement ran. */
  defaultVendor: string;
}

/**
 * Called with every SQL statement a connection runs (after it ran).
 *
 * @example
 * const log: QueryListener = ({ alias, sql }) => console.debug(`[${alias}] ${sql}`);
 * const stop = connection().addQueryListener(log);
 */
export type QueryListener = (event: { alias: string; sql: string; params: readonly unknown[] }) => void;

interface TransactionState {
  session: DriverSession;
  savepointCounter: number;
  callbacks: Array<() => unknown>;
}

const activeTransactions = new AsyncLocalStorage<Map<Connection, TransactionDatabase>>();

/**
 * A connection to one DATABASES alias. Statements run inside `transaction()` (in the same async
 * context) reach the transaction's connection automatically, so the ORM and user code can keep
 * using the root object.
 *
 * @example
 * const db: Connection = connection();
 * await db.query('SELECT title FROM blog_post WHERE id = ?', [1]);
 * db.dialect; // 'sqlite'
 */
export class Connection implements Database {
  readonly alias: string;
  readonly dialect: Dialect;
  readonly supportsTransactionalDdl: boolean;
  private readonly info: DialectInfo;
  private readonly openAdapter: () => Promise<DriverAdapter>;
  private adapter: DriverAdapter | undefined;
  private opening: Promise<DriverAdapter> | undefined;
  private closed = false;
  private readonly listeners = new Set<QueryListener>();
  private readonly quoted = new Map<string, string>();

  constructor(alias: string, info: DialectInfo, openAdapter: () => Promise<DriverAdapter>) {
    this.alias = alias;
    this.info = info;
    this.dialect = info.dialect;
    this.supportsTransactionalDdl = info.supportsTransactionalDdl;
    this.openAdapter = openAdapter;
  }

  /** `mariadb` or `mysql` on MySQL-family servers (known once connected), else the dialect. */
  get vendor(): string {
    return this.adapter?.vendor ?? this.info.defaultVendor;
  }

  /** Opens the driver connection now (it otherwise opens on the first statement). Resolves to this connection. */
  async connect(): Promise<this> {
    await this.ready();
    return this;
  }

  quoteName(name: string): string {
    let quoted = this.quoted.get(name);
    if (quoted === undefined) {
      quoted = this.info.quoteName(name);
      if (this.quoted.size > 5000) this.quoted.clear();
      this.quoted.set(name, quoted);
    }
    return quoted;
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<ExecuteResult> {
    const tx = this.currentTransaction();
    if (tx) return tx.execute(sql, params);
    const adapter = this.adapter ?? (await this.ready());
    const result = await adapter.direct.execute(sql, params);
    this.notify(sql, params);
    return result;
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const tx = this.currentTransaction();
    if (tx) return tx.query<Row>(sql, params);
    const adapter = this.adapter ?? (await this.ready());
    const rows = await adapter.direct.query<Row>(sql, params);
    this.notify(sql, params);
    return rows;
  }

  /** @internal A SELECT's rows as arrays in select-list order (what querysets read). */
  async queryArrays(sql: string, params: readonly unknown[], exactIntegers = true): Promise<unknown[][]> {
    const tx = this.currentTransaction();
    if (tx) return tx.queryArrays(sql, params, exactIntegers);
    const adapter = this.adapter ?? (await this.ready());
    const rows = await adapter.direct.queryArrays(sql, params, exactIntegers);
    this.notify(sql, params);
    return rows;
  }

  /**
   * @internal A SELECT's rows run at once, skipping the awaits of queryArrays, when the driver is
   * synchronous, already open and free, and no transaction of this context holds it; undefined otherwise
   * (then call queryArrays).
   */
  queryArraysNow(sql: string, params: readonly unknown[], exactIntegers: boolean): unknown[][] | undefined {
    const adapter = this.adapter;
    if (adapter?.queryArraysNow === undefined || this.currentTransaction()) return undefined;
    const rows = adapter.queryArraysNow(sql, params, exactIntegers);
    if (rows !== undefined) this.notify(sql, params);
    return rows;
  }

  async transaction<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const tx = this.currentTransaction();
    if (tx) return tx.transaction(fn);
    const adapter = await this.ready();
    const { session, release } = await adapter.acquire();
    const state: TransactionState = { session, savepointCounter: 0, callbacks: [] };
    const txDb = new TransactionDatabase(this, state);
    const outer = activeTransactions.getStore();
    const store = new Map(outer ?? []);
    store.set(this, txDb);
    let result: T;
    try {
      await session.execute(adapter.beginSql, []);
      this.notify(adapter.beginSql, []);
      try {
        result = await activeTransactions.run(store, () => fn(txDb));
      } catch (error) {
        await session.execute('ROLLBACK', []);
        this.notify('ROLLBACK', []);
        throw error;
      }
      await session.execute('COMMIT', []);
      this.notify('COMMIT', []);
    } finally {
      txDb.finished = true;
      release();
    }
    // Callbacks run after the commit, outside the transaction's context.
    await activeTransactions.run(outer ?? new Map(), async () => {
      for (const callback of state.callbacks) await callback();
    });
    return result;
  }

  /**
   * Runs `fn` after the current transaction on this connection commits; at once when there is none.
   * Callbacks registered inside a savepoint that rolls back are dropped.
   */
  async onCommit(fn: () => unknown): Promise<void> {
    const tx = this.currentTransaction();
    if (tx) tx.state.callbacks.push(fn);
    else await fn();
  }

  /** Whether the current async context is inside a transaction on this connection. */
  inTransaction(): boolean {
    return this.currentTransaction() !== undefined;
  }

  /** Subscribes to every statement this connection runs; returns the unsubscribe function. */
  addQueryListener(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const adapter = this.adapter ?? (this.opening ? await this.opening.catch(() => undefined) : undefined);
    this.adapter = undefined;
    if (adapter) await adapter.close();
  }

  /** @internal */
  notify(sql: string, params: readonly unknown[]): void {
    if (this.listeners.size === 0) return;
    for (const listener of this.listeners) listener({ alias: this.alias, sql, params });
  }

  /** @internal The driver adapter, opened on first use. */
  async ready(): Promise<DriverAdapter> {
    if (this.closed) throw new ConnectionClosedError(this.alias);
    if (this.adapter) return this.adapter;
    this.opening ??= this.openAdapter().then(
      (adapter) => {
        if (this.closed) {
          void adapter.close();
          throw new ConnectionClosedError(this.alias);
        }
        this.adapter = adapter;
        return adapter;
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  private currentTransaction(): TransactionDatabase | undefined {
    const store = activeTransactions.getStore();
    if (!store) return undefined;
    const tx = store.get(this);
    return tx && !tx.finished ? tx : undefined;
  }
}

/** The connection handed to a transaction's callback; nested `transaction()` calls make savepoints. */
class TransactionDatabase implements Database {
  finished = false;
  readonly state: TransactionState;
  private readonly root: Connection;

  constructor(root: Connection, state: TransactionState) {
    this.root = root;
    this.state = state;
  }

  get alias(): string {
    return this.root.alias;
  }
  get dialect(): Dialect {
    return this.root.dialect;
  }
  get vendor(): string {
    return this.root.vendor;
  }
  get supportsTransactionalDdl(): boolean {
    return this.root.supportsTransactionalDdl;
  }
  quoteName(name: string): string {
    return this.root.quoteName(name);
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<ExecuteResult> {
    this.assertOpen();
    const result = await this.state.session.execute(sql, params);
    this.root.notify(sql, params);
    return result;
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    this.assertOpen();
    const rows = await this.state.session.query<Row>(sql, params);
    this.root.notify(sql, params);
    return rows;
  }

  /** @internal */
  async queryArrays(sql: string, params: readonly unknown[], exactIntegers = true): Promise<unknown[][]> {
    this.assertOpen();
    const rows = await this.state.session.queryArrays(sql, params, exactIntegers);
    this.root.notify(sql, params);
    return rows;
  }

  async transaction<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    this.assertOpen();
    const name = this.root.quoteName(`s${++this.state.savepointCounter}`);
    const callbacksBefore = this.state.callbacks.length;
    await this.execute(`SAVEPOINT ${name}`);
    let result: T;
    try {
      result = await fn(this);
    } catch (error) {
      await this.execute(`ROLLBACK TO SAVEPOINT ${name}`);
      this.state.callbacks.length = callbacksBefore;
      throw error;
    }
    await this.execute(`RELEASE SAVEPOINT ${name}`);
    return result;
  }

  async close(): Promise<void> {
    throw new TransactionError(`Cannot close the "${this.alias}" connection from inside a transaction.`);
  }

  private assertOpen(): void {
    if (this.finished) {
      throw new TransactionError(`The transaction on "${this.alias}" has already finished; use the connection passed to the current transaction.`);
    }
  }
}
