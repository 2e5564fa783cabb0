/**
 * The requests in flight on one server, for graceful shutdown. The list is linked through its entries:
 * a Set cost an identity hash, a hash lookup and its rehashing on every request.
 */

/** @internal The links an entry carries for the list it is on. */
export interface InFlightEntry<T> {
  inFlightPrevious: T | null;
  inFlightNext: T | null;
  inFlight: boolean;
}

/** @internal Entries added and deleted in any order; deleting an entry that is not on the list does nothing. */
export class InFlightList<T extends InFlightEntry<T>> {
  private head: T | null = null;

  add(entry: T): void {
    if (entry.inFlight) return;
    entry.inFlight = true;
    entry.inFlightPrevious = null;
    entry.inFlightNext = this.head;
    if (this.head !== null) this.head.inFlightPrevious = entry;
    this.head = entry;
  }

  delete(entry: T): void {
    if (!entry.inFlight) return;
    entry.inFlight = false;
    const { inFlightPrevious: previous, inFlightNext: next } = entry;
    if (previous === null) this.head = next;
    else previous.inFlightNext = next;
    if (next !== null) next.inFlightPrevious = previous;
    entry.inFlightPrevious = null;
    entry.inFlightNext = null;
  }

  /** The entries now on the list, newest first. */
  snapshot(): T[] {
    const entries: T[] = [];
    for (let entry = this.head; entry !== null; entry = entry.inFlightNext) entries.push(entry);
    return entries;
  }
}
