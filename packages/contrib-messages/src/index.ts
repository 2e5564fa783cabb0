/**
 * `manouche.contrib.messages`: Django's messages framework — one-time notices ("Saved.") that
 * survive a redirect, in a signed cookie, the session, or both.
 */
import { addMessage, debug, error, getLevel, getMessages, info, setLevel, success, warning } from './api.js';

/**
 * The app as INSTALLED_APPS loads it (`manouche.contrib.messages`, label `messages`).
 *
 * @example
 * // settings: INSTALLED_APPS: ['manouche.contrib.sessions', 'manouche.contrib.messages', 'blog']
 */
export const appConfig = {
  label: 'messages',
  verboseName: 'Messages',
};

/** Adding and reading messages. */
export { addMessage, getMessages, getLevel, setLevel, debug, info, success, warning, error, type AddMessageOptions } from './api.js';
/**
 * The API as one object, for `messages.success(request, 'Saved.')`.
 *
 * @example
 * import { messages } from '@manouche/contrib-messages';
 * messages.success(request, 'Profile details updated.');
 */
export const messages = { addMessage, getMessages, getLevel, setLevel, debug, info, success, warning, error };
/** Levels and their CSS tags. */
export { DEBUG, INFO, SUCCESS, WARNING, ERROR, DEFAULT_MESSAGE_LEVELS, DEFAULT_TAGS } from './constants.js';
/** One message. */
export { Message } from './message.js';
/** The storages. */
export { BaseStorage, type RetrievedMessages } from './storage/base-storage.js';
export { CookieStorage } from './storage/cookie-storage.js';
export { SessionStorage, type MessageSessionStore } from './storage/session-storage.js';
export { FallbackStorage } from './storage/fallback-storage.js';
export { defaultStorage, MESSAGE_STORAGES } from './storage/default-storage.js';
/** The middleware and the context processor. */
export { MessageMiddleware } from './middleware.js';
export { messages as messagesContextProcessor } from './context_processors.js';
/** The form-view mixin. */
export { SuccessMessageMixin, formatSuccessMessage, type SuccessMessageMembers, type FormValidHandler, type ValidatedForm } from './success-message-mixin.js';
/** Errors, each with a stable code. */
export { MessageFailure, MessagesConfigurationError, MessagesNotStored, SuccessMessageFormatError } from './errors.js';
