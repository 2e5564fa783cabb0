import type { HttpRequest } from '@manouche/core';
import type { BaseStorage } from './storage/base-storage.js';

// A symbol-keyed property rather than a WeakMap keyed by request: a WeakMap entry for every short-lived
// request costs the garbage collector far more than the property (about 0.8 µs per request).
const STORAGE = Symbol('manouche.messages.storage');

type WithStorage = HttpRequest & { [STORAGE]?: BaseStorage };

/** Gives `request` its message storage (MessageMiddleware does). @internal */
export function attachMessages(request: HttpRequest, storage: BaseStorage): void {
  (request as WithStorage)[STORAGE] = storage;
}

/** The storage MessageMiddleware gave `request`, if it did. @internal */
export function messagesOf(request: HttpRequest): BaseStorage | undefined {
  return (request as WithStorage)[STORAGE];
}
