/**
 * The last promise seen fulfilled on the response path. A settled promise never changes, so when a
 * gateway's `send` hands back the same one again (a server may answer every accepted event with one
 * resolved promise), the path goes on at once instead of waiting a tick for a reaction: a page answered
 * synchronously then costs no promise reaction at all. A gateway that returns fresh promises pays what it did.
 */
let lastFulfilled: Promise<unknown> | undefined;

/** Whether `promise` is known to be fulfilled already. */
export function isKnownFulfilled(promise: Promise<unknown>): boolean {
  return promise === lastFulfilled;
}

/** Records `promise` as fulfilled; call it from the promise's own fulfilment reaction. */
export function rememberFulfilled(promise: Promise<unknown>): void {
  lastFulfilled = promise;
}
