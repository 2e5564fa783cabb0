/** The base consumer (Channels' AsyncConsumer): one instance per connection, messages dispatched to methods by type. */
import type { AsgiApplication, Receive, ReceiveEvent, Scope, Send, SendEvent } from '@manouche/asgi';
import { stderrLogger, type Logger } from '@manouche/core';
import { StopConsumer } from './errors.js';
import { getChannelLayer } from './channel-layers.js';
import type { ChannelLayer } from './layers/channel-layer.js';
import { isListenable, listenToChannel } from './layers/channel-listener.js';
import { handlerName, type ChannelMessage } from './names.js';
import { SerialDispatch } from './serial-dispatch.js';

/**
 * What asAsgi() accepts.
 *
 * @example
 * path('ws/chat/<str:roomName>/', ChatConsumer.asAsgi({ channelLayer: null, initkwargs: { greeting: 'hello' } }));
 */
export interface ConsumerOptions {
  /** The layer to use instead of CHANNEL_LAYERS[channelLayerAlias] (null: no layer). */
  channelLayer?: ChannelLayer | null;
  /** Where errors and warnings go; stderr by default. */
  logger?: Logger;
  /** Extra properties set on each instance (Channels' as_asgi(**initkwargs)). */
  initkwargs?: Record<string, unknown>;
}

/**
 * The scope a consumer sees: the connection's scope plus what routing and middleware add.
 *
 * @example
 * const roomName = this.scope.url_route?.kwargs.roomName; // from path('ws/chat/<str:roomName>/', …)
 */
export type ConsumerScope = Scope & {
  /** What URLRouter matched: the route's kwargs (converted) and positional args. */
  url_route?: { kwargs: Record<string, unknown>; args: unknown[] };
  [key: string]: unknown;
};

type ConsumerClass<C extends AsyncConsumer> = (new () => C) & typeof AsyncConsumer;

/**
 * A consumer: an object per connection whose methods handle messages by type. A message
 * `{ type: 'chat.message' }` from the channel layer calls `chatMessage(message)` (Channels' dots become
 * camelCase). Subclass WebsocketConsumer or JsonWebsocketConsumer for WebSockets.
 *
 * @example
 * class NotifyConsumer extends AsyncConsumer {
 *   async notifyUser(message: ChannelMessage) { console.log(message.text); } // handles { type: 'notify.user' }
 * }
 */
export class AsyncConsumer {
  /** Which CHANNEL_LAYERS entry this consumer uses; null for none. */
  static channelLayerAlias: string | null = 'default';

  /** The connection's scope (with `url_route`, `session`, `user` when routing/middleware set them). */
  scope!: ConsumerScope;
  /** The channel layer, or null when none is configured. */
  channelLayer: ChannelLayer | null = null;
  /** This consumer's own channel on the layer (send to it to reach this connection), or null without a layer. */
  channelName: string | null = null;
  /** @internal */
  protected logger: Logger = stderrLogger;
  /** @internal The server's send. */
  protected baseSend!: Send;

  /**
   * The gateway application that runs one instance of this consumer per connection.
   *
   * @example
   * path('ws/chat/<str:roomName>/', ChatConsumer.asAsgi())
   */
  static asAsgi<C extends AsyncConsumer>(this: ConsumerClass<C>, options: ConsumerOptions = {}): AsgiApplication {
    const app: AsgiApplication = async (scope, receive, send) => {
      const consumer = new this();
      Object.assign(consumer, options.initkwargs ?? {});
      consumer.scope = { ...scope } as ConsumerScope;
      consumer.logger = options.logger ?? stderrLogger;
      consumer.channelLayer =
        options.channelLayer !== undefined ? options.channelLayer : this.channelLayerAlias === null ? null : getChannelLayer(this.channelLayerAlias);
      await consumer.run(receive, send);
    };
    Object.defineProperty(app, 'name', { value: `${this.name}.asAsgi` });
    return app;
  }

  /** @internal Where messages come from until the consumer stops. */
  protected async run(receive: Receive, send: Send): Promise<void> {
    this.baseSend = send;
    const layer = this.channelLayer;
    const channel = layer ? await layer.newChannel() : null;
    this.channelName = channel;
    let stopListening: (() => void) | undefined;
    let stopReceiving: AbortController | undefined;
    let finished!: (error?: unknown) => void;
    const stopped = new Promise<void>((resolve, reject) => (finished = (error) => (error === undefined ? resolve() : reject(error))));
    // A subclass's own dispatch() is honoured; the built-in one runs without its promise.
    const handle =
      this.dispatch === AsyncConsumer.prototype.dispatch
        ? (message: ChannelMessage) => this.dispatchNow(message)
        : (message: ChannelMessage) => this.dispatch(message);
    const messages = new SerialDispatch<ChannelMessage>(
      handle,
      (error, message) => !(error instanceof StopConsumer) && this.handleException(error, message),
      (error) => {
        stopListening?.();
        stopReceiving?.abort(new StopConsumer());
        if (layer && channel) layer.discardChannel(channel);
        finished(error);
      },
    );
    let connectionOpen = true;
    void (async () => {
      while (connectionOpen) {
        const event = await receive();
        messages.push(event as unknown as ChannelMessage);
        if (isDisconnect(event)) connectionOpen = false;
      }
    })();
    if (layer && channel) {
      if (isListenable(layer)) stopListening = layer[listenToChannel](channel, (message) => messages.push(message));
      else {
        const stop = (stopReceiving = new AbortController());
        void (async () => {
          while (!stop.signal.aborted) {
            try {
              messages.push(await layer.receive(channel, stop.signal));
            } catch (error) {
              if (stop.signal.aborted) return;
              this.logger.error(`${this.describe()}: receiving from channel ${channel} failed`, error);
              await new Promise((resolve) => setTimeout(resolve, 1000));
            }
          }
        })();
      }
    }
    await stopped;
  }

  /**
   * Calls the method named after `message.type`; a type without a method is logged and dropped
   * (Channels raises "No handler for message type"; a bad broadcast must not close every socket of a group).
   */
  async dispatch(message: ChannelMessage): Promise<void> {
    await this.dispatchNow(message);
  }

  /** @internal dispatch() without a promise of its own: what the handler returned (its promise when it is async). */
  protected dispatchNow(message: ChannelMessage): unknown {
    let name: string;
    try {
      name = handlerName(message.type);
    } catch (error) {
      this.logger.warn(`${this.describe()}: ${(error as Error).message} The message was dropped.`);
      return undefined;
    }
    const handler = (this as unknown as Record<string, unknown>)[name];
    if (typeof handler !== 'function') {
      this.logger.warn(
        `${this.describe()}: no handler for message type "${message.type}": define a method ${name}(message) on ${this.constructor.name}. The message was dropped.`,
      );
      return undefined;
    }
    return (handler as (message: ChannelMessage) => unknown).call(this, message);
  }

  /** @internal An exception from a handler: logged; returns whether to keep running. */
  protected async handleException(error: unknown, message: ChannelMessage): Promise<boolean> {
    this.logger.error(`Exception in ${this.describe()} while handling "${message.type}"`, error);
    return false;
  }

  /** Sends an event to the server (websocket.accept, websocket.send, ...). */
  async send(event: SendEvent): Promise<void> {
    await this.baseSend(event);
  }

  /** @internal Consumer name and path, for log lines. */
  protected describe(): string {
    const path = 'path' in this.scope ? ` ${this.scope.path}` : '';
    return `${this.constructor.name} (${this.scope.type}${path})`;
  }
}

function isDisconnect(event: ReceiveEvent): boolean {
  return event.type === 'websocket.disconnect' || event.type === 'http.disconnect';
}
