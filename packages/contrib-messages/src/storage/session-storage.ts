import type { HttpRequest, HttpResponseBase } from '@manouche/core';
import { MessagesConfigurationError } from '../errors.js';
import type { Message } from '../message.js';
import { deserializeMessages, serializeMessages } from '../message-serializer.js';
import { BaseStorage, type RetrievedMessages } from './base-storage.js';

/** What the session storage needs of `request.session` (the sessions app provides it). */
export interface MessageSessionStore {
  get(key: string): Promise<unknown> | unknown;
  set(key: string, value: unknown): Promise<unknown> | unknown;
  delete(key: string): Promise<unknown> | unknown;
}

/** @internal The request's session, or the configuration error naming the middleware that is missing. */
export function messageSessionOf(request: HttpRequest): MessageSessionStore {
  const session = (request as unknown as { session?: MessageSessionStore }).session;
  if (!session || typeof session.get !== 'function' || typeof session.set !== 'function' || typeof session.delete !== 'function') {
    throw new MessagesConfigurationError(
      "The session-based message storage needs request.session: add 'manouche.contrib.sessions' to INSTALLED_APPS and put " +
        "'manouche.contrib.sessions.middleware.SessionMiddleware' before 'manouche.contrib.messages.middleware.MessageMiddleware' in MIDDLEWARE.",
    );
  }
  return session;
}

/**
 * Keeps messages in the session under `_messages` (Django's SessionStorage): no size limit. Needs
 * SessionMiddleware before MessageMiddleware in MIDDLEWARE.
 *
 * @example
 * // settings: MESSAGE_STORAGE: 'manouche.contrib.messages.storage.session.SessionStorage'
 * messages.info(request, 'Saved.'); // kept in request.session under '_messages'
 */
export class SessionStorage extends BaseStorage {
  /** The session key the messages are kept under. */
  sessionKey = '_messages';

  private session(): MessageSessionStore {
    return messageSessionOf(this.request);
  }

  /** Fails early when there is no session, as Django's does on creation. */
  checkSession(): void {
    this.session();
  }

  /** @internal */
  async retrieve(): Promise<RetrievedMessages> {
    const stored = await this.session().get(this.sessionKey);
    const messages = typeof stored === 'string' ? deserializeMessages(stored) : undefined;
    return { messages: messages?.filter((item): item is Message => typeof item !== 'string'), allRetrieved: true };
  }

  /** @internal */
  async persist(messages: Message[], _response: HttpResponseBase): Promise<Message[]> {
    const session = this.session();
    if (messages.length > 0) await session.set(this.sessionKey, serializeMessages(messages));
    else if ((await session.get(this.sessionKey)) !== undefined) await session.delete(this.sessionKey);
    return [];
  }
}
