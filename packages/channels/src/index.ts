/** Consumers: the base one, WebSocket and JSON WebSocket. */
export { AsyncConsumer, type ConsumerOptions, type ConsumerScope } from './consumer.js';
export { WebsocketConsumer, SEND_BUFFER_OVERFLOW_CLOSE_CODE, INTERNAL_ERROR_CLOSE_CODE } from './websocket-consumer.js';
export { JsonWebsocketConsumer, INVALID_JSON_CLOSE_CODE, UNSUPPORTED_DATA_CLOSE_CODE } from './json-websocket-consumer.js';
/** Routing by protocol and by path (the URLconf's path() syntax and converters). */
export { ProtocolTypeRouter, type ProtocolRoutes, type ProtocolTypeRouterApplication } from './protocol-type-router.js';
export { URLRouter } from './url-router.js';
export { path, rePath, include } from './route.js';
/** Origin checks: refuse handshakes from other sites. */
export { AllowedHostsOriginValidator, OriginValidator } from './origin-validation.js';
/** Configures Channels for a project (CHANNEL_LAYERS and the settings the validators and middleware read). */
export { configureChannels } from './project-settings.js';
/** CHANNEL_LAYERS and getChannelLayer(). */
export {
  configureChannelLayers,
  getChannelLayer,
  closeChannelLayers,
  registerChannelLayerBackend,
  type ChannelLayerSetting,
  type ChannelLayerFactory,
} from './channel-layers.js';
/** The layer interface and the two layers. */
export type { ChannelLayer, ChannelLayerOptions } from './layers/channel-layer.js';
export { InMemoryChannelLayer } from './layers/in-memory.js';
export { RedisChannelLayer, type RedisChannelLayerOptions } from './layers/redis.js';
/** Names: group/channel validation and the message-type → handler mapping. */
export { validateGroupName, validateChannelName, handlerName, MAX_NAME_LENGTH, type ChannelMessage } from './names.js';
/** Errors. */
export { ChannelFull, InvalidChannelName, InvalidMessage, ChannelsConfigurationError, MessageLost, StopConsumer, DenyConnection } from './errors.js';
