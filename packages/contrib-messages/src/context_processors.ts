import { HttpRequest } from '@manouche/core';
import { DEFAULT_MESSAGE_LEVELS } from './constants.js';
import { messagesOf } from './request-messages.js';

/**
 * The `messages` context processor (`manouche.contrib.messages.context_processors.messages` in
 * TEMPLATES): `it.messages`, loaded so a template can loop over it (which marks them shown), and
 * `it.DEFAULT_MESSAGE_LEVELS`.
 *
 * @example
 * // <% for (const message of it.messages) { %><li class="<%= message.tags %>"><%= message %></li><% } %>
 */
export async function messages(request: unknown): Promise<Record<string, unknown>> {
  const storage = request instanceof HttpRequest ? messagesOf(request) : undefined;
  return { messages: storage ? (storage.loadedWithoutReading() ?? (await storage.load())) : [], DEFAULT_MESSAGE_LEVELS };
}
