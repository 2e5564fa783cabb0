/** CHANNEL_LAYERS: the layers of a project by alias (Channels' `channel_layers` / `get_channel_layer()`). */
import type { Logger } from '@manouche/core';
import { ChannelsConfigurationError } from './errors.js';
import type { ChannelLayer } from './layers/channel-layer.js';
import { InMemoryChannelLayer } from './layers/in-memory.js';
import { RedisChannelLayer } from './layers/redis.js';

/**
 * One CHANNEL_LAYERS entry.
 *
 * @example
 * export const CHANNEL_LAYERS: Record<string, ChannelLayerSetting> = {
 *   default: { BACKEND: 'manouche.channels.layers.RedisChannelLayer', CONFIG: { hosts: ['redis://127.0.0.1:6379/0'], capacity: 1500 } },
 * };
 */
export interface ChannelLayerSetting {
  /** `manouche.channels.layers.InMemoryChannelLayer`, `manouche.channels.layers.RedisChannelLayer` or a registered name. */
  BACKEND: string;
  /** The layer's options (camelCase or Channels' snake_case names). */
  CONFIG?: Record<string, unknown>;
}

/**
 * Builds a layer from its CONFIG.
 *
 * @example
 * const inMemory: ChannelLayerFactory = (config) => new InMemoryChannelLayer(config);
 * registerChannelLayerBackend('myproject.layers.Local', inMemory);
 */
export type ChannelLayerFactory = (config: Record<string, unknown>, context: { alias: string; logger?: Logger }) => ChannelLayer;

const BACKENDS = new Map<string, ChannelLayerFactory>([
  ['manouche.channels.layers.InMemoryChannelLayer', (config) => new InMemoryChannelLayer(config)],
  ['manouche.channels.layers.RedisChannelLayer', (config, { alias, logger }) => new RedisChannelLayer({ ...config, alias, ...(logger ? { logger } : {}) })],
]);
const DJANGO_NAMES: Record<string, string> = {
  'channels.layers.InMemoryChannelLayer': 'manouche.channels.layers.InMemoryChannelLayer',
  'channels_redis.core.RedisChannelLayer': 'manouche.channels.layers.RedisChannelLayer',
  'channels_redis.pubsub.RedisPubSubChannelLayer': 'manouche.channels.layers.RedisChannelLayer',
};

let configured: Record<string, ChannelLayerSetting> = {};
const layers = new Map<string, ChannelLayer>();
let configuredLogger: Logger | undefined;

/**
 * Makes a channel-layer backend available under a BACKEND name.
 *
 * @example
 * registerChannelLayerBackend('myproject.layers.NatsLayer', (config) => new NatsLayer(config));
 */
export function registerChannelLayerBackend(name: string, factory: ChannelLayerFactory): void {
  BACKENDS.set(name, factory);
}

function checkSetting(alias: string, entry: unknown): ChannelLayerSetting {
  if (typeof entry !== 'object' || entry === null || typeof (entry as ChannelLayerSetting).BACKEND !== 'string') {
    throw new ChannelsConfigurationError(
      `CHANNEL_LAYERS['${alias}'] must be an object with a BACKEND, such as { BACKEND: 'manouche.channels.layers.InMemoryChannelLayer' }.`,
    );
  }
  const { BACKEND, CONFIG } = entry as ChannelLayerSetting;
  if (!BACKENDS.has(BACKEND)) {
    const manouche = DJANGO_NAMES[BACKEND];
    const hint = manouche ? ` Write '${manouche}': the Python name is not used in Manouche.` : '';
    throw new ChannelsConfigurationError(
      `CHANNEL_LAYERS['${alias}'].BACKEND '${BACKEND}' is not a known channel layer.${hint} Known backends: ${[...BACKENDS.keys()].join(', ')}.`,
    );
  }
  if (CONFIG !== undefined && (typeof CONFIG !== 'object' || CONFIG === null || Array.isArray(CONFIG))) {
    throw new ChannelsConfigurationError(`CHANNEL_LAYERS['${alias}'].CONFIG must be an object of layer options.`);
  }
  return { BACKEND, ...(CONFIG ? { CONFIG } : {}) };
}

/**
 * Reads CHANNEL_LAYERS (the meta-package's setup() calls this); layers are created on first use.
 * Layers of a previous configuration are closed.
 *
 * @example
 * await configureChannelLayers({ default: { BACKEND: 'manouche.channels.layers.RedisChannelLayer', CONFIG: { hosts: ['redis://127.0.0.1:6379/0'] } } });
 */
export async function configureChannelLayers(setting: Record<string, unknown> | undefined, options: { logger?: Logger } = {}): Promise<void> {
  const next: Record<string, ChannelLayerSetting> = {};
  for (const [alias, entry] of Object.entries(setting ?? {})) next[alias] = checkSetting(alias, entry);
  await closeChannelLayers();
  configured = next;
  configuredLogger = options.logger;
}

/**
 * The layer CHANNEL_LAYERS names `alias`, or null when there is no such entry (Channels' get_channel_layer()).
 *
 * @example
 * await getChannelLayer()?.groupSend('chat_lobby', { type: 'chat.message', message: 'hi from a view' });
 */
export function getChannelLayer(alias = 'default'): ChannelLayer | null {
  const existing = layers.get(alias);
  if (existing) return existing;
  const entry = configured[alias];
  if (!entry) return null;
  const layer = BACKENDS.get(entry.BACKEND)!(entry.CONFIG ?? {}, { alias, ...(configuredLogger ? { logger: configuredLogger } : {}) });
  layers.set(alias, layer);
  return layer;
}

/**
 * Closes every layer created so far (a project's close() calls this).
 *
 * @example
 * afterAll(async () => { await closeChannelLayers(); }); // closes the Redis connections of every alias
 */
export async function closeChannelLayers(): Promise<void> {
  const open = [...layers.values()];
  layers.clear();
  await Promise.all(open.map((layer) => layer.close()));
}
