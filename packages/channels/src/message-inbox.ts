/** @internal One queue for everything a consumer handles, fed by the connection and by its channel. */
export class MessageInbox<T> {
  private readonly items: T[] = [];
  private waiter: ((item: T) => void) | undefined;

  push(item: T): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter(item);
    } else this.items.push(item);
  }

  /** Puts an item back at the front. */
  unshift(item: T): void {
    if (this.waiter) this.push(item);
    else this.items.unshift(item);
  }

  /** The next item if one is waiting, without a promise. */
  shift(): T | undefined {
    return this.items.shift();
  }

  next(): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve) => (this.waiter = resolve));
  }
}
