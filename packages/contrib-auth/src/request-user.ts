import type { AnonymousUser } from './anonymous-user.js';
import type { AbstractBaseUser } from './models.js';

declare module '@manouche/core' {
  interface HttpRequest {
    /** The logged-in user or AnonymousUser, set by AuthenticationMiddleware. */
    user: AbstractBaseUser | AnonymousUser;
    /** The user, loaded on first call and cached (Django's `request.auser()`). */
    auser: () => Promise<AbstractBaseUser | AnonymousUser>;
  }
}
