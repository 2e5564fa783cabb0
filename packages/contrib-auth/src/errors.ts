/**
 * A PASSWORD_HASHERS or AUTHENTICATION_BACKENDS entry, or AUTH_USER_MODEL, is wrong.
 *
 * @example
 * getBackends({ ...authSettings(), AUTHENTICATION_BACKENDS: [] });
 * // AuthConfigurationError: No authentication backends have been defined. Does AUTHENTICATION_BACKENDS contain anything?
 */
export class AuthConfigurationError extends Error {
  readonly code = 'MANOUCHE_AUTH_IMPROPERLY_CONFIGURED';
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigurationError';
  }
}

/**
 * A password cannot be hashed: not a string, or longer than the 4096 characters Manouche accepts.
 *
 * @example
 * await makePassword('x'.repeat(5000)); // InvalidPasswordError: The password is 5000 characters long; at most 4096 are accepted.
 */
export class InvalidPasswordError extends Error {
  readonly code = 'MANOUCHE_AUTH_INVALID_PASSWORD';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPasswordError';
  }
}

/**
 * A stored password names a hasher that PASSWORD_HASHERS does not list, or is not in any hasher's format.
 *
 * @example
 * identifyHasher('md5$abc$def'); // UnknownPasswordHasher: Unknown password hashing algorithm 'md5'. Did you specify it in the PASSWORD_HASHERS setting?
 */
export class UnknownPasswordHasher extends Error {
  readonly code = 'MANOUCHE_AUTH_UNKNOWN_HASHER';
  constructor(message: string) {
    super(message);
    this.name = 'UnknownPasswordHasher';
  }
}

/**
 * A password failed AUTH_PASSWORD_VALIDATORS: `messages` holds every reason, in validator order.
 *
 * @example
 * try { await validatePassword('1234', user); }
 * catch (error) { if (error instanceof PasswordValidationError) form.addError('password', error.messages); }
 */
export class PasswordValidationError extends Error {
  readonly code = 'MANOUCHE_AUTH_PASSWORD_INVALID';
  constructor(readonly messages: string[]) {
    super(messages.join(' '));
    this.name = 'PasswordValidationError';
  }
}

/**
 * `request.user` was read before the session's user was loaded (Django raises SynchronousOnlyOperation for the same in async code).
 *
 * @example
 * const user = await request.auser(); // load it first: reading request.user before this throws UserNotLoadedError
 */
export class UserNotLoadedError extends Error {
  readonly code = 'MANOUCHE_AUTH_USER_NOT_LOADED';
  constructor(path: string) {
    super(
      `request.user was read while handling "${path}" before the session's user was loaded. The user is loaded lazily: call \`const user = await request.auser()\` first (loginRequired, permissionRequired, userPassesTest, the access mixins and the auth context processor do it for you).`,
    );
    this.name = 'UserNotLoadedError';
  }
}
