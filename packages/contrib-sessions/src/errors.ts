import { BadRequest } from '@manouche/core';

/**
 * The session was deleted by another request (a logout in another tab) while this one changed
 * it: answered 400, as Django's SessionInterrupted, rather than silently bringing it back.
 *
 * @example
 * // a request saves its session after a concurrent logout deleted it:
 * await request.session.set('cart', [42]); // the response is a 400 (SessionInterrupted)
 */
export class SessionInterrupted extends BadRequest {
  override readonly code = 'MANOUCHE_SESSION_INTERRUPTED';
  constructor(message = "The request's session was deleted before the request completed. The user may have logged out in a concurrent request, for example.") {
    super(message);
    this.name = 'SessionInterrupted';
  }
}

/**
 * SESSION_ENGINE names no known session store.
 *
 * @example
 * sessionEngine({ ...settings, SESSION_ENGINE: 'django.contrib.sessions.backends.db' }); // UnknownSessionEngine: Write 'manouche.contrib.sessions.backends.db' …
 */
export class UnknownSessionEngine extends Error {
  readonly code = 'MANOUCHE_SESSION_UNKNOWN_ENGINE';
  constructor(message: string) {
    super(message);
    this.name = 'UnknownSessionEngine';
  }
}

/** A session store could not write a new session (the key was taken). @internal */
export class SessionCreateError extends Error {
  readonly code = 'MANOUCHE_SESSION_CREATE_ERROR';
}
