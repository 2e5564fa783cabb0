import type { Settings } from '@manouche/contracts';
import type { HttpRequest, HttpResponseBase } from '@manouche/core';
import type { Message } from '../message.js';
import { BaseStorage, type RetrievedMessages } from './base-storage.js';
import { CookieStorage } from './cookie-storage.js';
import { messageSessionOf, SessionStorage } from './session-storage.js';

/** The storages FallbackStorage reads and writes through, in order. */
type InnerStorage = CookieStorage | SessionStorage;

/**
 * The default storage (Django's FallbackStorage): the cookie first, and the session for what does
 * not fit in it. Needs SessionMiddleware before MessageMiddleware.
 *
 * @example
 * // settings: MESSAGE_STORAGE: 'manouche.contrib.messages.storage.fallback.FallbackStorage' (the default)
 * messages.info(request, 'Saved.'); // in the cookie, or the session when the cookie is full
 */
export class FallbackStorage extends BaseStorage {
  // Made on first read or write: most requests neither show nor add a message.
  private inner: readonly InnerStorage[] | undefined;
  private usedStorages: Set<InnerStorage> | undefined;

  constructor(request: HttpRequest, settings: Settings = request.settings) {
    super(request, settings);
    // Fails on creation without a session, as Django's does.
    messageSessionOf(request);
  }

  /** The cookie storage, then the session storage. */
  get storages(): readonly InnerStorage[] {
    this.inner ??= [new CookieStorage(this.request, this.settings), new SessionStorage(this.request, this.settings)];
    return this.inner;
  }

  /** @internal */
  /** @internal Nothing in the first storage means nothing was ever written to the later ones (as retrieve reads them). */
  override storesNothing(): boolean {
    return this.storages[0]!.storesNothing();
  }

  async retrieve(): Promise<RetrievedMessages> {
    const all: Message[] = [];
    let allRetrieved = true;
    for (const storage of this.storages) {
      const found = await storage.retrieve();
      allRetrieved = found.allRetrieved;
      // A storage that holds nothing at all was never written to, so the later ones were not either.
      if (storage.used) {
        // The storage found unreadable data: rewrite (or remove) it at the end of the request.
        (this.usedStorages ??= new Set()).add(storage);
        this.used = true;
      }
      if (found.messages === undefined) break;
      if (found.messages.length > 0) (this.usedStorages ??= new Set()).add(storage);
      all.push(...found.messages);
      if (allRetrieved) break;
    }
    return { messages: all, allRetrieved };
  }

  /** @internal */
  async persist(messages: Message[], response: HttpResponseBase): Promise<Message[]> {
    let remaining = messages;
    for (const storage of this.storages) {
      if (remaining.length > 0) remaining = await storage.persist(remaining, response, false);
      else if (this.usedStorages?.has(storage)) await storage.persist([], response);
    }
    return remaining;
  }
}
