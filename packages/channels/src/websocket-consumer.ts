/** The WebSocket consumer (Channels' AsyncWebsocketConsumer), with a bounded send buffer per connection. */
import type { Headers, SendEvent } from '@manouche/asgi';
import { DenyConnection, StopConsumer } from './errors.js';
import { AsyncConsumer } from './consumer.js';
import type { ChannelMessage } from './names.js';

/**
 * Close code sent when a client reads too slowly and its send buffer passes `sendBufferLimit` (1013, "try again later").
 *
 * @example
 * class TickerConsumer extends WebsocketConsumer { static override sendBufferLimit = 64 * 1024; }
 * // a client more than 64 KiB behind is closed with SEND_BUFFER_OVERFLOW_CLOSE_CODE (1013)
 */
export const SEND_BUFFER_OVERFLOW_CLOSE_CODE = 1013;
/**
 * Close code after an exception in a handler (1011, "internal error").
 *
 * @example
 * expect((await communicator.receiveClose()).code).toBe(INTERNAL_ERROR_CLOSE_CODE); // receive() threw: 1011
 */
export const INTERNAL_ERROR_CLOSE_CODE = 1011;

const RESOLVED = Promise.resolve();
const ignore = (): void => undefined;

/**
 * A WebSocket consumer: override `connect()` (accepts by default), `receive(text, bytes)` and
 * `disconnect(code)`; call `accept()`, `sendText()`, `sendBytes()` and `close()`. Channels listed in
 * static `groups` are joined on connect and left on disconnect. An exception in a handler is logged and
 * closes the socket with 1011. Frames queue in a send buffer; a client that reads so slowly that more
 * than `sendBufferLimit` bytes wait is disconnected with 1013, so it cannot grow the server's memory.
 *
 * @example
 * class EchoConsumer extends WebsocketConsumer {
 *   async receive(text?: string) { if (text !== undefined) await this.sendText(text); }
 * }
 * export const websocketUrlpatterns = [path('ws/echo/', EchoConsumer.asAsgi())];
 */
export class WebsocketConsumer extends AsyncConsumer {
  /** Groups joined on connect and left on disconnect. */
  static groups: string[] = [];
  /** Bytes of frames waiting for a slow client before the connection is closed with 1013. Default 4 MiB. */
  static sendBufferLimit = 4 * 1024 * 1024;

  private accepted = false;
  private closing = false;
  /** Set once a close went out past the queue: frames still queued are dropped. */
  private closeSent = false;
  private queuedBytes = 0;
  private sendChain: Promise<void> = Promise.resolve();
  /** Sizes of the events handed to sendChain whose send has not settled yet, oldest first (they settle in order). */
  private readonly pendingSizes: number[] = [];

  private get groupNames(): string[] {
    return (this.constructor as typeof WebsocketConsumer).groups;
  }

  /** @internal */
  async websocketConnect(): Promise<void> {
    if (this.channelLayer && this.channelName) for (const group of this.groupNames) await this.channelLayer.groupAdd(group, this.channelName);
    try {
      await this.connect();
    } catch (error) {
      if (error instanceof DenyConnection) {
        await this.close();
        return;
      }
      throw error;
    }
  }

  /** Called on the handshake; accepts it by default. Throw DenyConnection (or call close()) to refuse it. */
  async connect(): Promise<void> {
    await this.accept();
  }

  /** Accepts the handshake, optionally choosing one of `scope.subprotocols` and adding response headers. */
  async accept(subprotocol: string | null = null, headers?: Headers): Promise<void> {
    this.accepted = true;
    await this.enqueue({ type: 'websocket.accept', subprotocol, ...(headers ? { headers } : {}) }, 0);
  }

  /** @internal */
  async websocketReceive(message: ChannelMessage): Promise<void> {
    const text = typeof message.text === 'string' ? message.text : undefined;
    const bytes = message.bytes instanceof Uint8Array ? message.bytes : undefined;
    await this.receive(text, bytes);
  }

  /** Called with each frame: `text` for a text frame, `bytes` for a binary one. */
  async receive(_text?: string, _bytes?: Uint8Array): Promise<void> {}

  /** Queues a text frame. */
  sendText(text: string): Promise<void> {
    // Not async: a group message calls this once per consumer, and a frame rarely waits.
    try {
      return this.enqueue({ type: 'websocket.send', text }, Buffer.byteLength(text, 'utf8'));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Queues a binary frame. */
  sendBytes(bytes: Uint8Array): Promise<void> {
    try {
      return this.enqueue({ type: 'websocket.send', bytes }, bytes.byteLength);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Closes the connection (after the frames already queued); before accept() this refuses the handshake (403). */
  async close(code = 1000, reason?: string): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.enqueue({ type: 'websocket.close', code, ...(reason !== undefined ? { reason } : {}) }, 0, true);
  }

  /** @internal */
  async websocketDisconnect(message: ChannelMessage): Promise<void> {
    this.closing = true;
    if (this.channelLayer && this.channelName) for (const group of this.groupNames) await this.channelLayer.groupDiscard(group, this.channelName);
    await this.disconnect(typeof message.code === 'number' ? message.code : 1006);
    throw new StopConsumer();
  }

  /** Called once the connection is gone, with its close code. */
  async disconnect(_code: number): Promise<void> {}

  /** Sends a raw event through the send buffer. */
  override async send(event: SendEvent): Promise<void> {
    const size = event.type === 'websocket.send' ? (event.bytes?.byteLength ?? Buffer.byteLength(event.text ?? '', 'utf8')) : 0;
    await this.enqueue(event, size, event.type === 'websocket.close');
  }

  /** Bytes of frames waiting for the client. */
  get bufferedBytes(): number {
    return this.queuedBytes;
  }

  /** Not async (see sendText): a frame's promise is resolved at once; accept's and close's when they are sent. */
  private enqueue(event: SendEvent, size: number, isClose = false): Promise<void> {
    if (this.closing && !isClose) return RESOLVED;
    const limit = (this.constructor as typeof WebsocketConsumer).sendBufferLimit;
    if (size > 0 && this.queuedBytes + size > limit) {
      this.logger.warn(
        `${this.describe()}: the client reads too slowly (${this.queuedBytes} bytes waiting, sendBufferLimit ${limit}); closing with ${SEND_BUFFER_OVERFLOW_CLOSE_CODE}.`,
      );
      this.closing = true;
      this.closeSent = true;
      // Not behind the stuck frames: the server queues the close frame itself and drops the peer if it never reads it.
      return this.baseSend({ type: 'websocket.close', code: SEND_BUFFER_OVERFLOW_CLOSE_CODE, reason: 'send buffer full' }).then(ignore, ignore);
    }
    this.queuedBytes += size;
    // Nothing queued: hand the event to the server now rather than one promise turn later (a group message
    // reaches every consumer of the group; the turns add up).
    const sent = this.pendingSizes.length === 0 ? this.sendNow(event) : this.sendChain.then(() => (this.closeSent ? undefined : this.baseSend(event)));
    this.pendingSizes.push(size);
    this.sendChain = sent.then(this.onSent, this.onSendFailed);
    // accept and close are awaited so ordering with the handshake is observable; frames only wait when the buffer is empty.
    return event.type === 'websocket.send' ? RESOLVED : this.sendChain;
  }

  // Bound once: a frame costs no new closures.
  private readonly onSent = (): void => {
    this.queuedBytes -= this.pendingSizes.shift()!;
  };

  private readonly onSendFailed = (): void => {
    // The peer left: the disconnect arrives through receive(); later frames are dropped.
    this.queuedBytes -= this.pendingSizes.shift()!;
    this.closing = true;
  };

  private sendNow(event: SendEvent): Promise<void> {
    if (this.closeSent) return Promise.resolve();
    try {
      return this.baseSend(event);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** @internal */
  protected override async handleException(error: unknown, message: ChannelMessage): Promise<boolean> {
    this.logger.error(`Exception in ${this.describe()} while handling "${message.type}"; closing with ${INTERNAL_ERROR_CLOSE_CODE}`, error);
    if (!this.closing) {
      this.closing = true;
      this.closeSent = true;
      await this.baseSend({ type: 'websocket.close', code: this.accepted ? INTERNAL_ERROR_CLOSE_CODE : 1000 }).catch(() => undefined);
    }
    return false;
  }
}
