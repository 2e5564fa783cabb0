import type pg from 'pg';
import { LruMap } from '../lru-map.js';

/** Named statements kept per server connection (psycopg's default `prepared_max` is 100 too). */
const STATEMENTS_PER_CLIENT = 100;

/** pg's record of the statements a client has parsed (internal to pg: only pruned, never relied on). */
type ParsedStatements = Record<string, string> | undefined;

function parsedStatements(client: pg.ClientBase): ParsedStatements {
  return (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;
}

/**
 * The named server-side prepared statements of one pg client: each SQL text gets a name the first
 * time, so PostgreSQL parses and plans it once per connection. Names are never reused on a client
 * (a counter), so a statement forgotten here can never be confused with its successor. Forgotten
 * statements are freed with DEALLOCATE before the client's next prepared statement.
 */
class ClientStatements {
  private readonly client: pg.ClientBase;
  private readonly names: LruMap<string>;
  /** How often each not yet prepared SQL text ran (only kept with a prepare threshold). */
  private readonly runs = new LruMap<number>(STATEMENTS_PER_CLIENT * 4);
  private counter = 0;
  /** Names to DEALLOCATE before the next statement. */
  private unused: string[] = [];
  /** The schema generation the names were prepared under. */
  generation: number;

  constructor(client: pg.ClientBase, generation: number) {
    this.client = client;
    this.generation = generation;
    this.names = new LruMap<string>(STATEMENTS_PER_CLIENT, (_sql, name) => this.release([name]));
  }

  /** The statement's name, or undefined while it has run no more than `threshold` times. */
  nameFor(sql: string, threshold: number): string | undefined {
    let name = this.names.get(sql);
    if (name === undefined) {
      if (threshold > 0) {
        const runs = (this.runs.get(sql) ?? 0) + 1;
        if (runs <= threshold) {
          this.runs.set(sql, runs);
          return undefined;
        }
        this.runs.delete(sql);
      }
      name = `manouche_${++this.counter}`;
      this.names.set(sql, name);
    }
    return name;
  }

  /** Drops the statement for `sql` (its plan no longer fits the schema). */
  forget(sql: string): void {
    const name = this.names.get(sql);
    if (name === undefined) return;
    this.names.delete(sql);
    this.release([name]);
  }

  /** Drops every statement (the schema changed). */
  forgetAll(generation: number): void {
    this.generation = generation;
    const names = [...this.names.values()];
    this.names.clear();
    this.release(names);
  }

  /** Frees the forgotten statements on the server; call while the client runs nothing else. */
  async deallocateUnused(): Promise<void> {
    if (this.unused.length === 0) return;
    const names = this.unused;
    this.unused = [];
    try {
      await this.client.query(names.map((name) => `DEALLOCATE ${name}`).join('; '));
    } catch (error) {
      // In an aborted transaction nothing runs until ROLLBACK: try again with the next statement.
      if ((error as { code?: string }).code === '25P02') this.unused.push(...names);
    }
  }

  private release(names: string[]): void {
    const parsed = parsedStatements(this.client);
    // Only statements the server confirmed it prepared: DEALLOCATE of an unknown name fails (and would abort a transaction).
    for (const name of names) {
      if (parsed?.[name] === undefined) continue;
      delete parsed[name];
      this.unused.push(name);
    }
  }
}

/** PostgreSQL's error for a prepared statement whose result columns changed under it (ALTER TABLE). */
export function isStalePlanError(error: unknown): boolean {
  const err = error as { code?: string; message?: string };
  return err?.code === '0A000' && /cached plan must not change result type/i.test(err.message ?? '');
}

/**
 * The prepared statements of every client of one pool. A schema change made through this
 * connection (CREATE, ALTER, DROP) moves the generation on, and each client drops its statements
 * before its next one; a change made elsewhere surfaces as a stale-plan error, after which the
 * statement is prepared again.
 */
export class PreparedStatements {
  private readonly clients = new WeakMap<pg.ClientBase, ClientStatements>();
  private generation = 0;
  private readonly threshold: number;

  /** `threshold`: how many times a statement runs unnamed on a connection before it is prepared (psycopg's prepare_threshold). */
  constructor(threshold: number) {
    this.threshold = threshold;
  }

  /**
   * The name `sql` runs under on `client` (undefined: unnamed, below the threshold), after freeing
   * the statements the client no longer keeps.
   */
  async nameFor(client: pg.ClientBase, sql: string): Promise<string | undefined> {
    let statements = this.clients.get(client);
    if (!statements) {
      statements = new ClientStatements(client, this.generation);
      this.clients.set(client, statements);
    } else if (statements.generation !== this.generation) {
      statements.forgetAll(this.generation);
    }
    const name = statements.nameFor(sql, this.threshold);
    await statements.deallocateUnused();
    return name;
  }

  /** Forgets `sql` on `client`, after PostgreSQL refused its cached plan. */
  forget(client: pg.ClientBase, sql: string): void {
    this.clients.get(client)?.forget(sql);
  }

  /** Notes a statement that ran: DDL makes every client drop its prepared statements. */
  noteStatement(sql: string): void {
    if (SCHEMA_CHANGE.test(sql)) this.generation++;
  }
}

const SCHEMA_CHANGE = /^\s*(CREATE|ALTER|DROP)\b/i;
