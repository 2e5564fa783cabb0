/**
 * WebSocket connections served to a gateway application through `ws` (no hand-written framing):
 * `websocket.connect` → accept / close / denial response, messages both ways with backpressure,
 * close codes, ping keepalive and a maximum message size.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as wsModule from 'ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSendValidator, SPEC_VERSIONS, type Headers, type SendEvent, type WebSocketReceiveEvents, type WebSocketScope } from '@manouche/asgi';
import { ClientDisconnectedError } from './errors.js';
import { latin1, nameIs } from './header-bytes.js';
import { buildHttpScope, type HttpContext } from './http-exchange.js';

const KEY_PATTERN = /^[+/0-9A-Za-z]{22}==$/;
const RESOLVED = Promise.resolve();
const SEND_HIGH_WATER = 64 * 1024;
const PAUSE_AT = 32;
const RESUME_AT = 8;
interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}
// ws's public Sender.frame (engine.io relies on it as well); @types/ws does not declare it.
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } };
const TEXT_FRAME: FrameOptions = { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false };

/** A complete unmasked text frame (server to client) in one buffer, so it can be written to many sockets as is. */
function encodeTextFrame(text: string): Buffer {
  const parts = Sender.frame(Buffer.from(text, 'utf8'), TEXT_FRAME);
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** @internal Writes a complete raw HTTP/1.1 response on an upgrade socket and closes it. */
export function writeRawResponse(socket: Duplex, status: number, body = STATUS_CODES[status] ?? ''): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const bytes = Buffer.from(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${bytes.length}\r\n\r\n${body}`,
  );
}

function handshakeIsValid(req: IncomingMessage): boolean {
  const key = req.headers['sec-websocket-key'];
  const version = req.headers['sec-websocket-version'];
  return req.method === 'GET' && typeof key === 'string' && KEY_PATTERN.test(key) && (version === '13' || version === '8');
}

function statusCodeOf(error: Error): number | undefined {
  const key = Object.getOwnPropertySymbols(error).find((symbol) => symbol.description === 'status-code');
  const code = key === undefined ? undefined : (error as unknown as Record<symbol, unknown>)[key];
  return typeof code === 'number' ? code : undefined;
}

/** @internal Every WebSocket connection of one server. */
export class WebSocketHub {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Set<WebSocketSession>();
  private readonly pending = new WeakMap<IncomingMessage, { subprotocol: string | null; headers: Headers }>();
  private readonly pinger: NodeJS.Timeout | undefined;
  // A group message reaches many sockets of this server in a row, within one turn, with the same text: it is encoded once.
  private lastText: string | undefined;
  private lastFrame: Buffer | undefined;
  /** Sockets corked in this event-loop turn: their frames leave together in one write when it ends. */
  private corked: Duplex[] = [];

  constructor(
    private readonly context: HttpContext,
    maxPayload: number,
    pingInterval: number,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload,
      perMessageDeflate: false,
      clientTracking: false,
      handleProtocols: (_protocols, req) => this.pending.get(req)?.subprotocol ?? false,
    });
    this.wss.on('headers', (lines: string[], req: IncomingMessage) => {
      for (const [name, value] of this.pending.get(req)?.headers ?? []) lines.push(`${latin1(name)}: ${latin1(value)}`);
    });
    if (pingInterval > 0) {
      this.pinger = setInterval(() => {
        for (const session of this.sessions) session.keepAlive();
      }, pingInterval);
      this.pinger.unref();
    }
  }

  /** Handles an HTTP upgrade request. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket' || !handshakeIsValid(req)) {
      writeRawResponse(socket, 400);
      return;
    }
    const session = new WebSocketSession(this, req, socket, head);
    this.sessions.add(session);
    session.run();
  }

  /** @internal */
  get ctx(): HttpContext {
    return this.context;
  }

  /** @internal Completes the handshake with the app's subprotocol and headers. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, subprotocol: string | null, headers: Headers, done: (ws: WebSocket | null) => void): void {
    this.pending.set(req, { subprotocol, headers });
    let called = false;
    const onClose = () => {
      if (!called) {
        called = true;
        done(null);
      }
    };
    socket.once('close', onClose);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('close', onClose);
      called = true;
      done(ws);
    });
  }

  /** @internal The frame for `text`, reused while consecutive sends carry the same text. */
  textFrame(text: string): Buffer {
    if (text !== this.lastText || this.lastFrame === undefined) {
      this.lastFrame = encodeTextFrame(text);
      this.lastText = text;
    }
    return this.lastFrame;
  }

  /** @internal Holds a socket's writes until the end of this event-loop turn, so several frames cost one system call. */
  corkUntilTurnEnds(socket: Duplex): void {
    if (socket.writableCorked > 0) return;
    socket.cork();
    if (this.corked.push(socket) === 1) setImmediate(this.uncorkAll);
  }

  private readonly uncorkAll = (): void => {
    const sockets = this.corked;
    this.corked = [];
    // A group message is fanned out within one turn; dropping the frame here bounds what the cache holds.
    this.lastText = undefined;
    this.lastFrame = undefined;
    for (const socket of sockets) socket.uncork();
  };

  /** @internal */
  forget(session: WebSocketSession): void {
    this.sessions.delete(session);
  }

  /** Number of open sessions. */
  get size(): number {
    return this.sessions.size;
  }

  /** Closes every connection with `code` (1001 on shutdown) and waits until they are gone. */
  async closeAll(code: number, reason: string, deadlineMs: number): Promise<void> {
    const sessions = [...this.sessions];
    for (const session of sessions) session.closeFromServer(code, reason);
    const deadline = Date.now() + deadlineMs;
    while (this.sessions.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const session of this.sessions) session.terminate();
    if (this.pinger) clearInterval(this.pinger);
    this.wss.close();
  }
}

const DENIAL_EXTENSION = Object.freeze({ 'websocket.http.response': Object.freeze({}) }) as WebSocketScope['extensions'];

class WebSocketSession {
  private readonly scope: WebSocketScope;
  private readonly check: (event: SendEvent) => void;
  private readonly inbox: WebSocketReceiveEvents[] = [{ type: 'websocket.connect' }];
  private waiter: ((event: WebSocketReceiveEvents) => void) | undefined;
  private ws: WebSocket | null = null;
  private phase: 'connecting' | 'open' | 'denial' | 'closed' = 'connecting';
  private disconnect: WebSocketReceiveEvents | undefined;
  /** Set once the disconnect is queued: later receive() calls get it again. */
  private disconnectDelivered = false;
  private alive = true;
  private denialStarted: { status: number; headers: Headers } | undefined;
  private denialChunked = false;

  constructor(
    private readonly hub: WebSocketHub,
    private readonly req: IncomingMessage,
    private readonly socket: Duplex,
    private readonly head: Buffer,
  ) {
    const http = buildHttpScope(req, false, hub.ctx);
    const { method: _method, type: _type, scheme, extensions: _extensions, ...rest } = http;
    const offered = req.headers['sec-websocket-protocol'];
    this.scope = {
      ...rest,
      asgi: { version: '3.0', spec_version: SPEC_VERSIONS.websocket },
      type: 'websocket',
      scheme: scheme === 'https' ? 'wss' : 'ws',
      subprotocols: offered
        ? offered
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)
        : [],
      // Apps may refuse a handshake with their own HTTP response (websocket.http.response.*): say so.
      extensions: DENIAL_EXTENSION,
    };
    this.check = createSendValidator(this.scope);
    socket.on('error', () => undefined);
    socket.once('close', this.onSocketClosed);
  }

  // Before the handshake the raw socket tells us the client left; after it, ws reports the close code.
  private readonly onSocketClosed = () => this.onClosed(1006, '');

  run(): void {
    Promise.resolve()
      .then(() => this.hub.ctx.app(this.scope, this.receive, this.send))
      .then(this.onAppReturned, this.onAppThrew);
  }

  keepAlive(): void {
    if (this.ws === null || this.phase !== 'open') return;
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  closeFromServer(code: number, reason: string): void {
    if (this.ws !== null && this.phase === 'open') this.ws.close(code, reason);
    else if (this.phase === 'connecting') {
      writeRawResponse(this.socket, 503);
      this.onClosed(code, reason);
    }
  }

  terminate(): void {
    if (this.ws) this.ws.terminate();
    else this.socket.destroy();
  }

  private describe(): string {
    return `WebSocket ${this.scope.path}`;
  }

  private push(event: WebSocketReceiveEvents): void {
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter(event);
      return;
    }
    this.inbox.push(event);
    if (this.ws !== null && this.inbox.length >= PAUSE_AT) this.ws.pause();
  }

  private onClosed(code: number, reason: string): void {
    if (this.disconnect !== undefined) return;
    this.phase = 'closed';
    this.disconnect = { type: 'websocket.disconnect', code, reason };
    this.push(this.disconnect);
    this.disconnectDelivered = true;
    this.hub.forget(this);
  }

  private readonly receive = (): Promise<WebSocketReceiveEvents> => {
    const event = this.inbox.shift();
    if (event !== undefined) {
      if (this.ws !== null && this.inbox.length <= RESUME_AT && this.ws.isPaused) this.ws.resume();
      return Promise.resolve(event);
    }
    if (this.disconnect !== undefined && this.disconnectDelivered) return Promise.resolve(this.disconnect);
    return new Promise<WebSocketReceiveEvents>((resolve) => (this.waiter = resolve));
  };

  private readonly send = (event: SendEvent): Promise<void> => {
    try {
      this.check(event);
    } catch (error) {
      this.hub.ctx.logger.error(`Protocol error in the application for ${this.describe()}: ${(error as Error).message}`, error);
      this.fail();
      return Promise.reject(error);
    }
    switch (event.type) {
      case 'websocket.accept':
        return this.accept(event.subprotocol ?? null, event.headers ?? []);
      case 'websocket.send':
        return this.sendMessage(event.bytes ?? null, event.text ?? null);
      case 'websocket.close':
        if (this.phase === 'connecting') {
          writeRawResponse(this.socket, 403);
          this.onClosed(event.code ?? 1000, event.reason ?? '');
        } else if (this.ws !== null && this.phase === 'open') {
          this.phase = 'closed';
          this.ws.close(event.code ?? 1000, event.reason ?? '');
        }
        return RESOLVED;
      case 'websocket.http.response.start':
        this.phase = 'denial';
        this.denialStarted = { status: event.status, headers: event.headers ?? [] };
        return RESOLVED;
      case 'websocket.http.response.body':
        this.writeDenialBody(event.body ?? new Uint8Array(0), event.more_body === true);
        return RESOLVED;
      default:
        return RESOLVED;
    }
  };

  private accept(subprotocol: string | null, headers: Headers): Promise<void> {
    if (this.phase === 'closed') return RESOLVED;
    return new Promise<void>((resolve) => {
      this.hub.accept(this.req, this.socket, this.head, subprotocol, headers, (ws) => {
        if (ws === null) {
          this.onClosed(1006, '');
          resolve();
          return;
        }
        this.socket.off('close', this.onSocketClosed);
        this.ws = ws;
        this.phase = 'open';
        ws.on('message', (data: Buffer, isBinary: boolean) => {
          this.push(isBinary ? { type: 'websocket.receive', bytes: data } : { type: 'websocket.receive', text: data.toString('utf8') });
        });
        ws.on('pong', () => (this.alive = true));
        // A protocol error (such as a message over maxPayload) closes with its own code (1009, 1007...),
        // which ws reports on the error, not on the close event.
        let errorCode: number | undefined;
        ws.on('error', (error: Error) => (errorCode = statusCodeOf(error)));
        ws.on('close', (code: number, reason: Buffer) => this.onClosed(code === 1006 && errorCode !== undefined ? errorCode : code, reason.toString('utf8')));
        resolve();
      });
    });
  }

  private sendMessage(bytes: Uint8Array | null, text: string | null): Promise<void> {
    const ws = this.ws;
    // The peer left: fail the send so a producing loop stops (the app reads the disconnect from receive()).
    if (ws === null || this.phase !== 'open') return Promise.reject(new ClientDisconnectedError('WebSocket', this.scope.path));
    // Closing (a close frame is out or came in): like ws.send, data frames are dropped.
    if (ws.readyState !== ws.OPEN) return RESOLVED;
    const below = ws.bufferedAmount < SEND_HIGH_WATER;
    this.hub.corkUntilTurnEnds(this.socket);
    // Text goes to the upgraded socket as a ready frame, the same bytes for every socket a group message reaches.
    // ws writes its own frames (bytes, ping, close) to that socket synchronously too, since per-message deflate
    // is off, so the order of frames holds.
    if (bytes === null) {
      const frame = this.hub.textFrame(text!);
      if (below) {
        this.socket.write(frame);
        return RESOLVED;
      }
      return new Promise<void>((resolve) => this.socket.write(frame, () => resolve()));
    }
    if (below) {
      ws.send(bytes, { binary: true });
      return RESOLVED;
    }
    return new Promise<void>((resolve) => ws.send(bytes, { binary: true }, () => resolve()));
  }

  private writeDenialBody(body: Uint8Array, more: boolean): void {
    const socket = this.socket;
    if (this.denialStarted !== undefined) {
      const { status, headers } = this.denialStarted;
      this.denialStarted = undefined;
      let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n`;
      let hasLength = false;
      for (const [name, value] of headers) {
        if (nameIs(name, 'connection') || nameIs(name, 'transfer-encoding')) continue;
        if (nameIs(name, 'content-length')) hasLength = true;
        head += `${latin1(name)}: ${latin1(value)}\r\n`;
      }
      if (!hasLength && !more) head += `content-length: ${body.length}\r\n`;
      else if (!hasLength) {
        head += 'transfer-encoding: chunked\r\n';
        this.denialChunked = true;
      }
      socket.write(`${head}connection: close\r\n\r\n`);
    }
    if (this.denialChunked) {
      if (body.length > 0) {
        socket.write(`${body.length.toString(16)}\r\n`);
        socket.write(body);
        socket.write('\r\n');
      }
      if (!more) socket.write('0\r\n\r\n');
    } else if (body.length > 0) socket.write(body);
    if (!more) {
      socket.end();
      this.onClosed(1000, '');
    }
  }

  /** A failure of the app: 500 before the handshake, 1011 after it. */
  private fail(): void {
    if (this.phase === 'connecting') {
      writeRawResponse(this.socket, 500, 'Internal Server Error');
      this.onClosed(1011, '');
    } else if (this.phase === 'denial') {
      this.socket.destroy();
    } else if (this.ws !== null && this.phase === 'open') {
      this.phase = 'closed';
      this.ws.close(1011, 'Internal error');
    }
  }

  private readonly onAppReturned = (): void => {
    if (this.phase === 'connecting') {
      this.hub.ctx.logger.error(`The application returned without accepting or closing ${this.describe()}`);
      this.fail();
    } else if (this.phase === 'denial') {
      this.hub.ctx.logger.error(`The application returned without completing its denial response for ${this.describe()}`);
      this.fail();
    } else if (this.ws !== null && this.phase === 'open') {
      this.phase = 'closed';
      this.ws.close(1000, '');
    }
  };

  private readonly onAppThrew = (error: unknown): void => {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== 'MANOUCHE_ASGI_PROTOCOL' && code !== 'MANOUCHE_SERVER_CLIENT_DISCONNECTED') {
      this.hub.ctx.logger.error(`Exception in the application for ${this.describe()}`, error);
    }
    this.fail();
  };
}
