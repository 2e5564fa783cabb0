/**
 * @internal Runs a handler on each message in arrival order, one at a time, as a consumer handles its
 * messages: synchronously while handlers finish synchronously, after a handler's promise settles otherwise.
 * A group message thus reaches an idle consumer in the same call that delivers it, with no promise turn.
 */
export class SerialDispatch<T> {
  private readonly items: T[] = [];
  /** A handler is running or its promise is pending (or a failure is being handled): new items wait. */
  private running = false;
  private ended = false;
  /** The item whose handler's promise is pending. */
  private current: T | undefined;

  constructor(
    private readonly handle: (item: T) => unknown,
    /** A handler threw or rejected: whether to go on with the next item. */
    private readonly onFailure: (error: unknown, item: T) => boolean | Promise<boolean>,
    /** Called once, when onFailure says to stop (or itself fails: with its error). Items still waiting are dropped. */
    private readonly onEnd: (error?: unknown) => void,
  ) {}

  push(item: T): void {
    if (this.ended) return;
    this.items.push(item);
    if (!this.running) this.drain();
  }

  private drain(): void {
    this.running = true;
    while (!this.ended) {
      if (this.items.length === 0) {
        this.running = false;
        return;
      }
      const item = this.items.shift()!;
      let result: unknown;
      try {
        result = this.handle(item);
      } catch (error) {
        this.fail(error, item);
        return;
      }
      if (typeof (result as PromiseLike<unknown> | null)?.then === 'function') {
        this.current = item;
        (result as PromiseLike<unknown>).then(this.resume, this.failCurrent);
        return;
      }
    }
  }

  // Bound once: a pending handler costs no new closures.
  private readonly resume = (): void => {
    this.current = undefined;
    this.drain();
  };

  private readonly failCurrent = (error: unknown): void => {
    const item = this.current as T;
    this.current = undefined;
    this.fail(error, item);
  };

  private fail(error: unknown, item: T): void {
    let goOn: boolean | Promise<boolean>;
    try {
      goOn = this.onFailure(error, item);
    } catch (failure) {
      this.end(failure);
      return;
    }
    if (typeof goOn === 'boolean') {
      if (goOn) this.drain();
      else this.end();
      return;
    }
    goOn.then(
      (proceed) => (proceed ? this.drain() : this.end()),
      (failure: unknown) => this.end(failure),
    );
  }

  private end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.items.length = 0;
    this.onEnd(error);
  }
}
