/** Every error @manouche/channels raises, each with a stable code. */

/**
 * A channel's queue is at its capacity: the message was not sent (Channels' ChannelFull).
 *
 * @example
 * await layer.send('worker.queue', { type: 'task.run' }); // ChannelFull once `capacity` messages are waiting
 */
export class ChannelFull extends Error {
  readonly code = 'MANOUCHE_CHANNELS_CHANNEL_FULL';
  constructor(message: string) {
    super(message);
    this.name = 'ChannelFull';
  }
}

/**
 * A channel name, group name or message type is not one the layer accepts (Channels' TypeError/ValueError).
 *
 * @example
 * await layer.groupAdd('chat lobby', this.channelName!); // InvalidChannelName: spaces are not allowed
 */
export class InvalidChannelName extends Error {
  readonly code = 'MANOUCHE_CHANNELS_INVALID_NAME';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidChannelName';
  }
}

/**
 * A message is not a plain object with a string `type`, or cannot be serialized for the layer.
 *
 * @example
 * await layer.send('worker.queue', { text: 'no type' } as never); // InvalidMessage: a message needs a string `type`
 */
export class InvalidMessage extends Error {
  readonly code = 'MANOUCHE_CHANNELS_INVALID_MESSAGE';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessage';
  }
}

/**
 * CHANNEL_LAYERS, a routing table or a consumer is configured in a way that cannot work.
 *
 * @example
 * await configureChannelLayers({ default: { BACKEND: 'channels_redis.core.RedisChannelLayer' } });
 * // ChannelsConfigurationError naming the Manouche backend to write instead
 */
export class ChannelsConfigurationError extends Error {
  readonly code = 'MANOUCHE_CHANNELS_IMPROPERLY_CONFIGURED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChannelsConfigurationError';
  }
}

/**
 * The connection to Redis broke while a message was on its way: it may not have arrived and is not retried, so it is never duplicated.
 *
 * @example
 * try { await layer.send(channel, message); } catch (error) { if (error instanceof MessageLost) retryLater(message); }
 */
export class MessageLost extends Error {
  readonly code = 'MANOUCHE_CHANNELS_MESSAGE_LOST';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MessageLost';
  }
}

/**
 * Thrown inside a consumer to stop it (Channels' StopConsumer); the consumer returns quietly.
 *
 * @example
 * async websocketDisconnect() { throw new StopConsumer(); } // the consumer's run ends quietly
 */
export class StopConsumer extends Error {
  readonly code = 'MANOUCHE_CHANNELS_STOP_CONSUMER';
  constructor() {
    super('The consumer stopped.');
    this.name = 'StopConsumer';
  }
}

/**
 * Thrown from `connect()` to refuse the handshake (Channels' DenyConnection): the client gets 403.
 *
 * @example
 * override async connect() {
 *   if (!this.scope.user) throw new DenyConnection(); // the client's handshake gets a 403
 * }
 */
export class DenyConnection extends Error {
  readonly code = 'MANOUCHE_CHANNELS_DENY_CONNECTION';
  constructor(message = 'The consumer refused the connection.') {
    super(message);
    this.name = 'DenyConnection';
  }
}
