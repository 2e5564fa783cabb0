import type { SessionStore } from './session-base.js';

declare module '@manouche/core' {
  interface HttpRequest {
    /** The visitor's session, set by SessionMiddleware (`manouche.contrib.sessions.middleware.SessionMiddleware`). */
    session: SessionStore;
  }
}
