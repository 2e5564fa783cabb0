import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { BadSignature, sign, unsign, type HttpResponseBase } from '@manouche/core';
import type { Message } from '../message.js';
import { deserializeMessages, serializeMessages } from '../message-serializer.js';
import { BaseStorage, type RetrievedMessages } from './base-storage.js';

/** Stands last in the cookie when the rest of the messages went to another storage. */
const NOT_FINISHED = '__messagesnotfinished__';
const SALT = 'manouche.contrib.messages';

/**
 * Keeps messages in a signed cookie, `messages` (Django's CookieStorage): tampering is detected and
 * the cookie dropped. A cookie over 2048 bytes loses its oldest messages (they are returned as not
 * stored, so FallbackStorage puts them in the session). The cookie takes the SESSION_COOKIE_DOMAIN,
 * _SECURE, _HTTPONLY and _SAMESITE settings.
 *
 * @example
 * // settings: MESSAGE_STORAGE: 'manouche.contrib.messages.storage.cookie.CookieStorage'
 * messages.info(request, 'Saved.'); // sent back in the signed `messages` cookie
 */
export class CookieStorage extends BaseStorage {
  /** The cookie's name. */
  cookieName = 'messages';
  /** The largest cookie value stored, in bytes as sent; 0 for no limit. */
  maxCookieSize = 2048;

  /** @internal */
  /** @internal */
  override storesNothing(): boolean {
    return this.request.cookies[this.cookieName] === undefined;
  }

  async retrieve(): Promise<RetrievedMessages> {
    const messages = this.decode(this.request.cookies[this.cookieName]);
    if (messages === undefined) return { messages: undefined, allRetrieved: true };
    const last = messages[messages.length - 1];
    const allRetrieved = last !== NOT_FINISHED;
    if (!allRetrieved) messages.pop();
    return { messages: messages.filter((item): item is Message => typeof item !== 'string'), allRetrieved };
  }

  /** @internal */
  async persist(messages: Message[], response: HttpResponseBase, removeOldest = true): Promise<Message[]> {
    const kept = [...messages];
    const unstored: Message[] = [];
    let encoded = this.encode(kept, false);
    if (this.maxCookieSize) {
      while (encoded !== undefined && encodeURIComponent(encoded).length > this.maxCookieSize) {
        if (removeOldest) unstored.push(kept.shift()!);
        else unstored.unshift(kept.pop()!);
        encoded = this.encode([...kept, NOT_FINISHED], unstored.length > 0);
      }
    }
    this.updateCookie(encoded, response);
    return unstored;
  }

  private updateCookie(encoded: string | undefined, response: HttpResponseBase): void {
    const domain = (this.settings.SESSION_COOKIE_DOMAIN as string | null | undefined) ?? undefined;
    const sameSite = (this.settings.SESSION_COOKIE_SAMESITE as 'Lax' | 'Strict' | 'None' | null | undefined) ?? undefined;
    if (encoded !== undefined) {
      response.setCookie(this.cookieName, encoded, {
        domain,
        secure: Boolean(this.settings.SESSION_COOKIE_SECURE) || undefined,
        httpOnly: this.settings.SESSION_COOKIE_HTTPONLY === undefined ? true : Boolean(this.settings.SESSION_COOKIE_HTTPONLY) || undefined,
        sameSite,
      });
    } else if (this.cookieName in this.request.cookies) {
      response.deleteCookie(this.cookieName, { domain, sameSite });
    }
  }

  /** The signed cookie value for `messages` (compressed when that is shorter); undefined for none unless `encodeEmpty`. @internal */
  encode(messages: ReadonlyArray<Message | string>, encodeEmpty: boolean): string | undefined {
    if (messages.length === 0 && !encodeEmpty) return undefined;
    const json = Buffer.from(serializeMessages(messages));
    const compressed = deflateRawSync(json);
    const payload = compressed.length + 1 < json.length ? `.${compressed.toString('base64url')}` : json.toString('base64url');
    return sign(payload, { key: this.settings.SECRET_KEY, salt: SALT });
  }

  /** The messages in a cookie value; a missing, tampered or unreadable cookie gives undefined (and is dropped). @internal */
  decode(data: string | undefined): Array<Message | string> | undefined {
    if (data === undefined) return undefined;
    try {
      const payload = unsign(data, { key: this.settings.SECRET_KEY, salt: SALT });
      const bytes = payload.startsWith('.') ? inflateRawSync(Buffer.from(payload.slice(1), 'base64url')) : Buffer.from(payload, 'base64url');
      const messages = deserializeMessages(bytes.toString('utf8'));
      if (messages !== undefined) return messages;
    } catch (error) {
      if (!(error instanceof BadSignature) && !(error instanceof Error && 'errno' in error)) throw error;
    }
    // Something was wrong with the data: mark it used, so the cookie is replaced or removed.
    this.used = true;
    return undefined;
  }
}
