/** Every error @manouche/channels raises, each with a stable code. */

/** A channel's queue is at its capacity: the message was not sent (Channels' ChannelFull). */
export class ChannelFull extends Error {
  readonly code = 'MANOUCHE_CHANNELS_CHANNEL_FULL';
  constructor(message: string) {
    super(message);
    this.name = 'ChannelFull';
  }
}

/** A channel name, group name or message type is not one the layer accepts (Channels' TypeError/ValueError). */
export class InvalidChannelName extends Error {
  readonly code = 'MANOUCHE_CHANNELS_INVALID_NAME';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidChannelName';
  }
}

/** A message is not a plain object with a string `type`, or cannot be serialized for the layer. */
export class InvalidMessage extends Error {
  readonly code = 'MANOUCHE_CHANNELS_INVALID_MESSAGE';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessage';
  }
}

/** CHANNEL_LAYERS, a routing table or a consumer is configured in a way that cannot work. */
export class ChannelsConfigurationError extends Error {
  readonly code = 'MANOUCHE_CHANNELS_IMPROPERLY_CONFIGURED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChannelsConfigurationError';
  }
}

/** The connection to Redis broke while a message was on its way: it may not have arrived and is not retried, so it is never duplicated. */
export class MessageLost extends Error {
  readonly code = 'MANOUCHE_CHANNELS_MESSAGE_LOST';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MessageLost';
  }
}

/** Thrown inside a consumer to stop it (Channels' StopConsumer); the consumer returns quietly. */
export class StopConsumer extends Error {
  readonly code = 'MANOUCHE_CHANNELS_STOP_CONSUMER';
  constructor() {
    super('The consumer stopped.');
    this.name = 'StopConsumer';
  }
}

/** Thrown from `connect()` to refuse the handshake (Channels' DenyConnection): the client gets 403. */
export class DenyConnection extends Error {
  readonly code = 'MANOUCHE_CHANNELS_DENY_CONNECTION';
  constructor(message = 'The consumer refused the connection.') {
    super(message);
    this.name = 'DenyConnection';
  }
}
