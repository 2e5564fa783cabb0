/**
 * @internal Hands messages to listening consumers a slice of consumers per event-loop turn, each consumer
 * taking everything that waits for it at once.
 *
 * Why: a group message reaches every consumer of a process. Handing it to all of them in one turn keeps the
 * loop from reading its sockets (the replies that let a producer send the next message) until every
 * frame is written, one write per socket per message. In slices, the loop reads between slices; under a
 * burst, messages pile up for the consumers not yet served, and each of those then sends them together, in
 * one write. A single message still reaches everyone within a few turns.
 */
import type { ChannelMessage } from '../names.js';

/** @internal Consumers served per turn. */
export const CONSUMERS_PER_TURN = 64;

/** @internal One listening channel: where its messages wait, and who takes them. */
export interface HandOffTarget {
  listener: ((message: ChannelMessage) => void) | undefined;
  /** Messages waiting for the next slice that includes this channel, in arrival order. */
  handOff: ChannelMessage[];
}

/** @internal */
export class SlicedHandOff {
  /** Targets with messages waiting, served in the order they first got one (a Set keeps insertion order). */
  private readonly ready = new Set<HandOffTarget>();
  private scheduled = false;

  add(target: HandOffTarget, message: ChannelMessage): void {
    target.handOff.push(message);
    this.ready.add(target);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.serveSlice);
    }
  }

  /** Drops what waits for `target` (its channel is gone). */
  forget(target: HandOffTarget): void {
    this.ready.delete(target);
    target.handOff.length = 0;
  }

  clear(): void {
    for (const target of this.ready) target.handOff.length = 0;
    this.ready.clear();
  }

  private readonly serveSlice = (): void => {
    this.scheduled = false;
    let served = 0;
    for (const target of this.ready) {
      this.ready.delete(target);
      const messages = target.handOff;
      // By index: a listener may hand this target more (they are taken in the same go).
      for (let i = 0; i < messages.length && target.listener; i += 1) target.listener(messages[i]!);
      messages.length = 0;
      if (++served === CONSUMERS_PER_TURN) break;
    }
    if (this.ready.size > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(this.serveSlice);
    }
  };
}
