/**
 * The lifespan protocol from the server side: startup before the port opens, shutdown after
 * the last connection closed, and the `state` the app fills for every request scope.
 */
import {
  createSendValidator,
  SPEC_VERSIONS,
  type AsgiApplication,
  type LifespanReceiveEvent,
  type LifespanScope,
  type LifespanState,
  type SendEvent,
} from '@manouche/asgi';
import { LifespanShutdownError, LifespanStartupError } from './errors.js';
import type { ServerLogger } from './logger.js';

type Outcome = { kind: 'event'; event: SendEvent } | { kind: 'returned' } | { kind: 'threw'; error: unknown };

/** @internal Runs one application's lifespan. */
export class LifespanRunner {
  /** The state the app filled during startup; `null` when the app does not speak lifespan or it is off. */
  state: LifespanState | null = null;
  private readonly inbox: LifespanReceiveEvent[] = [];
  private wakeReceive: (() => void) | undefined;
  private outcomes: Outcome[] = [];
  private wakeOutcome: (() => void) | undefined;
  private running = false;

  constructor(
    private readonly app: AsgiApplication,
    private readonly mode: 'auto' | 'on' | 'off',
    private readonly logger: ServerLogger,
  ) {}

  /** Sends `lifespan.startup`; rejects with {@link LifespanStartupError} when the app reports a failure. */
  async startup(): Promise<void> {
    if (this.mode === 'off') return;
    const state: LifespanState = {};
    const scope: LifespanScope = { type: 'lifespan', asgi: { version: '3.0', spec_version: SPEC_VERSIONS.lifespan }, state };
    const check = createSendValidator(scope);
    const receive = async (): Promise<LifespanReceiveEvent> => {
      while (this.inbox.length === 0) await new Promise<void>((resolve) => (this.wakeReceive = resolve));
      return this.inbox.shift()!;
    };
    const send = async (event: SendEvent): Promise<void> => {
      try {
        check(event);
      } catch (error) {
        this.logger.error(`Protocol error in the application's lifespan: ${errorMessage(error)}`, error);
        throw error;
      }
      this.push({ kind: 'event', event });
    };
    this.running = true;
    Promise.resolve()
      .then(() => this.app(scope, receive, send))
      .then(
        () => this.push({ kind: 'returned' }),
        (error: unknown) => this.push({ kind: 'threw', error }),
      )
      .finally(() => (this.running = false));
    this.deliver({ type: 'lifespan.startup' });
    const outcome = await this.nextOutcome();
    if (outcome.kind === 'event' && outcome.event.type === 'lifespan.startup.complete') {
      this.state = state;
      return;
    }
    if (outcome.kind === 'event') {
      throw new LifespanStartupError((outcome.event as { message?: string }).message || 'the application sent lifespan.startup.failed without a message');
    }
    if (this.mode === 'on') {
      const reason = outcome.kind === 'threw' ? errorMessage(outcome.error) : 'the application returned without answering lifespan.startup';
      throw new LifespanStartupError(reason);
    }
    if (outcome.kind === 'threw') this.logger.info(`Lifespan is not supported by the application (${errorMessage(outcome.error)}); continuing without it.`);
  }

  /** Sends `lifespan.shutdown` and waits for the answer. */
  async shutdown(): Promise<void> {
    if (this.state === null || !this.running) return;
    this.deliver({ type: 'lifespan.shutdown' });
    const outcome = await this.nextOutcome();
    if (outcome.kind === 'event' && outcome.event.type === 'lifespan.shutdown.complete') return;
    if (outcome.kind === 'event') throw new LifespanShutdownError((outcome.event as { message?: string }).message || 'lifespan.shutdown.failed');
    if (outcome.kind === 'threw') throw new LifespanShutdownError(errorMessage(outcome.error));
    throw new LifespanShutdownError('the application returned without answering lifespan.shutdown');
  }

  private deliver(event: LifespanReceiveEvent): void {
    this.inbox.push(event);
    const wake = this.wakeReceive;
    this.wakeReceive = undefined;
    wake?.();
  }

  private push(outcome: Outcome): void {
    this.outcomes.push(outcome);
    const wake = this.wakeOutcome;
    this.wakeOutcome = undefined;
    wake?.();
  }

  private async nextOutcome(): Promise<Outcome> {
    while (this.outcomes.length === 0) await new Promise<void>((resolve) => (this.wakeOutcome = resolve));
    return this.outcomes.shift()!;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
