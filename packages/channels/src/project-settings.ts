/** The settings of the project Channels serves, given once by the meta-package's setup() (Channels reads django.conf.settings). */
import type { Settings } from '@manouche/contracts';
import type { Logger } from '@manouche/core';
import { configureChannelLayers } from './channel-layers.js';
import { ChannelsConfigurationError } from './errors.js';

let current: Settings | undefined;

/**
 * Configures Channels for a project: CHANNEL_LAYERS, and the settings that AllowedHostsOriginValidator
 * (ALLOWED_HOSTS) and the session/auth middleware (SESSION_*, SECRET_KEY) read when no settings are passed.
 *
 * @example
 * await configureChannels(settings);
 */
export async function configureChannels(settings: Settings, options: { logger?: Logger } = {}): Promise<void> {
  await configureChannelLayers(settings.CHANNEL_LAYERS as Record<string, unknown> | undefined, options);
  current = settings;
}

/** @internal The configured settings, or an error saying how to configure them. */
export function projectSettings(what: string): Settings {
  if (!current) {
    throw new ChannelsConfigurationError(
      `${what} needs the project's settings: pass them explicitly, or serve the project through manouche (setup() calls configureChannels(settings)).`,
    );
  }
  return current;
}
