import type { HttpRequest } from '@manouche/core';
import type { BaseStorage } from './storage/base-storage.js';

const storages = new WeakMap<HttpRequest, BaseStorage>();

/** Gives `request` its message storage (MessageMiddleware does). @internal */
export function attachMessages(request: HttpRequest, storage: BaseStorage): void {
  storages.set(request, storage);
}

/** The storage MessageMiddleware gave `request`, if it did. @internal */
export function messagesOf(request: HttpRequest): BaseStorage | undefined {
  return storages.get(request);
}
