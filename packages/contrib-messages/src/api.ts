import type { HttpRequest } from '@manouche/core';
import { DEBUG, ERROR, INFO, SUCCESS, WARNING } from './constants.js';
import { MessageFailure } from './errors.js';
import type { Message } from './message.js';
import { messagesOf } from './request-messages.js';
import type { BaseStorage } from './storage/base-storage.js';

/**
 * Options of {@link addMessage} and the level shortcuts.
 *
 * @example
 * messages.warning(request, 'Disk almost full.', { extraTags: 'sticky', failSilently: true });
 */
export interface AddMessageOptions {
  /** Extra CSS tags, before the level's tag in `message.tags`. */
  extraTags?: string;
  /** Do nothing (instead of throwing MessageFailure) when MessageMiddleware is not installed. */
  failSilently?: boolean;
}

function storageOf(request: HttpRequest, failSilently: boolean): BaseStorage | undefined {
  if (request === null || typeof request !== 'object' || !('cookies' in request)) {
    throw new TypeError(`add a message to the request given to the view, got ${request === null ? 'null' : typeof request}`);
  }
  const storage = messagesOf(request);
  if (!storage && !failSilently) {
    throw new MessageFailure(
      "You cannot add messages without installing 'manouche.contrib.messages.middleware.MessageMiddleware' in MIDDLEWARE (after SessionMiddleware).",
    );
  }
  return storage;
}

/**
 * Adds a message for the visitor, shown by the next page that lists messages (Django's add_message).
 *
 * @example
 * addMessage(request, INFO, 'Over 9000!', { extraTags: 'dragonball' });
 */
export function addMessage(request: HttpRequest, level: number, message: unknown, options: AddMessageOptions = {}): void {
  storageOf(request, options.failSilently ?? false)?.add(level, message, options.extraTags ?? '');
}

/**
 * The request's messages (Django's get_messages): iterate with `for await`, which marks them
 * used; an empty list when MessageMiddleware is not installed.
 *
 * @example
 * for await (const message of getMessages(request)) console.log(message.tags, String(message));
 */
export function getMessages(request: HttpRequest): BaseStorage | Message[] {
  return messagesOf(request) ?? [];
}

/**
 * The minimum level recorded for this request (MESSAGE_LEVEL unless changed with {@link setLevel}).
 *
 * @example
 * if (getLevel(request) <= DEBUG) messages.debug(request, `Query took ${ms} ms.`);
 */
export function getLevel(request: HttpRequest): number {
  return messagesOf(request)?.level ?? INFO;
}

/**
 * Sets the minimum level recorded for this request (undefined: back to MESSAGE_LEVEL); false without MessageMiddleware.
 *
 * @example
 * setLevel(request, DEBUG); // this request records debug messages too
 */
export function setLevel(request: HttpRequest, level: number | undefined): boolean {
  const storage = messagesOf(request);
  if (!storage) return false;
  storage.level = level;
  return true;
}

/**
 * Adds a DEBUG message (dropped at the default MESSAGE_LEVEL, INFO).
 *
 * @example
 * messages.debug(request, '3 SQL statements were executed.');
 */
export function debug(request: HttpRequest, message: unknown, options?: AddMessageOptions): void {
  addMessage(request, DEBUG, message, options);
}

/**
 * Adds an INFO message.
 *
 * @example
 * messages.info(request, 'Three credits remain in your account.');
 */
export function info(request: HttpRequest, message: unknown, options?: AddMessageOptions): void {
  addMessage(request, INFO, message, options);
}

/**
 * Adds a SUCCESS message.
 *
 * @example
 * messages.success(request, 'Profile details updated.');
 */
export function success(request: HttpRequest, message: unknown, options?: AddMessageOptions): void {
  addMessage(request, SUCCESS, message, options);
}

/**
 * Adds a WARNING message.
 *
 * @example
 * messages.warning(request, 'Your account expires in three days.');
 */
export function warning(request: HttpRequest, message: unknown, options?: AddMessageOptions): void {
  addMessage(request, WARNING, message, options);
}

/**
 * Adds an ERROR message.
 *
 * @example
 * messages.error(request, 'Document deleted.', { extraTags: 'alert' });
 */
export function error(request: HttpRequest, message: unknown, options?: AddMessageOptions): void {
  addMessage(request, ERROR, message, options);
}
