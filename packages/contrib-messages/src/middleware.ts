import type { Middleware } from '@manouche/core';
import { MessagesNotStored } from './errors.js';
import { attachMessages } from './request-messages.js';
import { defaultStorage } from './storage/default-storage.js';

/**
 * Django's MessageMiddleware: gives each request its message storage (MESSAGE_STORAGE, the cookie
 * with the session as fallback by default) and stores what is left after the view. With DEBUG on,
 * messages that could not be stored are an error.
 *
 * @example
 * // settings: MIDDLEWARE: [..., 'manouche.contrib.sessions.middleware.SessionMiddleware', ...,
 * //   'manouche.contrib.messages.middleware.MessageMiddleware', ...]
 */
export const MessageMiddleware: Middleware = (getResponse, { settings }) => {
  const debug = Boolean(settings.DEBUG);
  return async (request) => {
    const storage = defaultStorage(request, settings);
    attachMessages(request, storage);
    const response = await getResponse(request);
    // Nothing read and nothing added: nothing to store (update would find the same, through a promise).
    if (!storage.used && !storage.addedNew) return response;
    const unstored = await storage.update(response);
    if (unstored.length > 0 && debug) {
      throw new MessagesNotStored(`Not all temporary messages could be stored: ${unstored.length} did not fit in ${storage.constructor.name}.`);
    }
    return response;
  };
};
