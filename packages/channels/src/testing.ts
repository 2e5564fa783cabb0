/** Test tools: drive a consumer (or any websocket application) without a socket (Channels' WebsocketCommunicator). */
import { createSendValidator, createWebSocketScope, type AsgiApplication, type ReceiveEvent, type RequestInit, type SendEvent } from '@manouche/asgi';
import { MessageInbox } from './message-inbox.js';

/**
 * What connect() reports: whether the handshake was accepted, and the close code when it was not.
 *
 * @example
 * const { connected, closeCode }: ConnectResult = await communicator.connect();
 * // a consumer that threw DenyConnection: connected false, closeCode 403
 */
export interface ConnectResult {
  connected: boolean;
  /** The chosen subprotocol when accepted; the close code when refused. */
  subprotocol: string | null;
  closeCode: number | null;
}

/**
 * Where a communicator connects, and scope keys to add (`session`, `user`, `url_route`).
 *
 * @example
 * new WebsocketCommunicator(application, '/ws/chat/lobby/', { subprotocols: ['chat.v1'], scope: { user } });
 */
export interface CommunicatorInit extends RequestInit {
  subprotocols?: string[];
  scope?: Record<string, unknown>;
}

/**
 * A WebSocket client for tests, talking to the application in-process through the gateway protocol
 * (every event the application sends is checked against the protocol).
 *
 * @example
 * const communicator = new WebsocketCommunicator(URLRouter(websocketUrlpatterns), '/ws/chat/lobby/');
 * expect((await communicator.connect()).connected).toBe(true);
 * await communicator.sendJsonTo({ message: 'hello' });
 * expect(await communicator.receiveJsonFrom()).toEqual({ message: 'hello' });
 * await communicator.disconnect();
 */
export class WebsocketCommunicator {
  private readonly inbox = new MessageInbox<ReceiveEvent>();
  private readonly outbox = new MessageInbox<SendEvent>();
  private started: Promise<void> | undefined;
  private failure: unknown;
  private readonly init: CommunicatorInit;

  constructor(
    private readonly application: AsgiApplication,
    path: string,
    init: Omit<CommunicatorInit, 'path'> = {},
  ) {
    this.init = { ...init, path };
  }

  /** The application's run; resolves when it returns, rejects with its error. */
  get finished(): Promise<void> {
    return this.start();
  }

  private start(): Promise<void> {
    if (this.started) return this.started;
    const scope = { ...createWebSocketScope(this.init), ...(this.init.scope ?? {}) };
    const check = createSendValidator(createWebSocketScope(this.init));
    this.started = this.application(
      scope,
      () => this.inbox.next(),
      async (event) => {
        check(event);
        this.outbox.push(event);
      },
    ).catch((error: unknown) => {
      this.failure = error;
      throw error;
    });
    this.started.catch(() => undefined);
    return this.started;
  }

  /** The next event, failing after `timeoutMs` or when the application throws or returns first. */
  async receiveOutput(timeoutMs = 1000): Promise<SendEvent> {
    const finished = this.start().then(
      () => {
        throw new Error('the application returned without sending anything more');
      },
      (error: unknown) => {
        throw error;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for the application to send an event`)), timeoutMs);
    });
    try {
      return await Promise.race([this.outbox.next(), finished, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends `websocket.connect`; returns whether the application accepted. */
  async connect(timeoutMs = 1000): Promise<ConnectResult> {
    this.inbox.push({ type: 'websocket.connect' });
    const answer = await this.receiveOutput(timeoutMs);
    if (answer.type === 'websocket.accept') return { connected: true, subprotocol: answer.subprotocol ?? null, closeCode: null };
    if (answer.type === 'websocket.close') return { connected: false, subprotocol: null, closeCode: answer.code ?? 1000 };
    if (answer.type === 'websocket.http.response.start') return { connected: false, subprotocol: null, closeCode: answer.status };
    throw new Error(`expected websocket.accept or websocket.close after connect, got ${answer.type}`);
  }

  /** Sends a text or binary frame to the application. */
  async sendTo(frame: { text?: string; bytes?: Uint8Array }): Promise<void> {
    if ((frame.text === undefined) === (frame.bytes === undefined)) throw new TypeError('sendTo() needs exactly one of text or bytes');
    this.inbox.push(frame.text !== undefined ? { type: 'websocket.receive', text: frame.text } : { type: 'websocket.receive', bytes: frame.bytes! });
  }

  /** Sends `content` as a JSON text frame. */
  async sendJsonTo(content: unknown): Promise<void> {
    await this.sendTo({ text: JSON.stringify(content) });
  }

  /** The next frame the application sends: a string for text, a Uint8Array for bytes. A close instead is an error naming its code. */
  async receiveFrom(timeoutMs = 1000): Promise<string | Uint8Array> {
    const event = await this.receiveOutput(timeoutMs);
    if (event.type === 'websocket.send') return event.text ?? event.bytes!;
    if (event.type === 'websocket.close') throw new Error(`the application closed the connection with ${event.code ?? 1000} instead of sending a frame`);
    throw new Error(`expected websocket.send, got ${event.type}`);
  }

  /** The next frame, parsed as JSON. */
  async receiveJsonFrom(timeoutMs = 1000): Promise<unknown> {
    const frame = await this.receiveFrom(timeoutMs);
    if (typeof frame !== 'string') throw new Error('expected a JSON text frame, got a binary frame');
    return JSON.parse(frame);
  }

  /** The close the application sends next (its code and reason); any frame first is an error. */
  async receiveClose(timeoutMs = 1000): Promise<{ code: number; reason: string }> {
    const event = await this.receiveOutput(timeoutMs);
    if (event.type !== 'websocket.close') throw new Error(`expected websocket.close, got ${event.type}`);
    return { code: event.code ?? 1000, reason: event.reason ?? '' };
  }

  /** Whether the application sent nothing within `timeoutMs` (Channels' receive_nothing). */
  async receiveNothing(timeoutMs = 100): Promise<boolean> {
    try {
      const event = await this.receiveOutput(timeoutMs);
      this.outbox.unshift(event);
      return false;
    } catch (error) {
      if (this.failure !== undefined) throw error;
      return /timed out/.test((error as Error).message);
    }
  }

  /** Tells the application the client left, and waits for it to return. */
  async disconnect(code = 1000): Promise<void> {
    this.inbox.push({ type: 'websocket.disconnect', code });
    await this.start();
  }
}
