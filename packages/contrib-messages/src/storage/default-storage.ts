import type { Settings } from '@manouche/contracts';
import type { HttpRequest } from '@manouche/core';
import { MessagesConfigurationError } from '../errors.js';
import type { BaseStorage } from './base-storage.js';
import { CookieStorage } from './cookie-storage.js';
import { FallbackStorage } from './fallback-storage.js';
import { SessionStorage } from './session-storage.js';

/**
 * The storages MESSAGE_STORAGE can name.
 *
 * @example
 * Object.keys(MESSAGE_STORAGES); // ['manouche.contrib.messages.storage.fallback.FallbackStorage', …]
 */
export const MESSAGE_STORAGES: Readonly<Record<string, new (request: HttpRequest, settings?: Settings) => BaseStorage>> = {
  'manouche.contrib.messages.storage.fallback.FallbackStorage': FallbackStorage,
  'manouche.contrib.messages.storage.cookie.CookieStorage': CookieStorage,
  'manouche.contrib.messages.storage.session.SessionStorage': SessionStorage,
};

/**
 * The default storage for MESSAGE_STORAGE (FallbackStorage when unset), created for `request`.
 *
 * @example
 * const storage = defaultStorage(request); // a FallbackStorage unless MESSAGE_STORAGE says otherwise
 */
export function defaultStorage(request: HttpRequest, settings: Settings = request.settings): BaseStorage {
  const name = (settings.MESSAGE_STORAGE as string | undefined) ?? 'manouche.contrib.messages.storage.fallback.FallbackStorage';
  const Storage = MESSAGE_STORAGES[name];
  if (Storage) return new Storage(request, settings);
  const djangoName = name.startsWith('django.contrib.messages.') ? `manouche.${name.slice('django.'.length)}` : undefined;
  if (djangoName && djangoName in MESSAGE_STORAGES)
    throw new MessagesConfigurationError(`MESSAGE_STORAGE '${name}' is Django's name: write '${djangoName}' instead.`);
  throw new MessagesConfigurationError(`MESSAGE_STORAGE '${name}' is not a message storage: expected one of ${Object.keys(MESSAGE_STORAGES).join(', ')}.`);
}
