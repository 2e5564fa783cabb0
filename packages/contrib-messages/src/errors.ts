/** Every error the messages app raises, each with a stable code. */

/**
 * A message was added to a request that MessageMiddleware did not handle (Django's MessageFailure).
 *
 * @example
 * messages.success(request, 'Saved.'); // MessageFailure when MessageMiddleware is not in MIDDLEWARE
 * messages.success(request, 'Saved.', { failSilently: true }); // does nothing instead
 */
export class MessageFailure extends Error {
  readonly code = 'MANOUCHE_MESSAGES_FAILURE';
  constructor(message: string) {
    super(message);
    this.name = 'MessageFailure';
  }
}

/**
 * MESSAGE_STORAGE, MESSAGE_LEVEL or the middleware order cannot work.
 *
 * @example
 * // MESSAGE_STORAGE: 'django.contrib.messages.storage.cookie.CookieStorage'
 * // MessagesConfigurationError: … is Django's name: write 'manouche.contrib.messages.storage.cookie.CookieStorage' instead.
 */
export class MessagesConfigurationError extends Error {
  readonly code = 'MANOUCHE_MESSAGES_IMPROPERLY_CONFIGURED';
  constructor(message: string) {
    super(message);
    this.name = 'MessagesConfigurationError';
  }
}

/**
 * With DEBUG on, some messages did not fit in their storage (a cookie over its size limit without a session to fall back to).
 *
 * @example
 * // DEBUG on, MESSAGE_STORAGE the cookie storage, and 3 kB of messages added in one request:
 * // MessagesNotStored names how many messages were dropped
 */
export class MessagesNotStored extends Error {
  readonly code = 'MANOUCHE_MESSAGES_NOT_STORED';
  constructor(message: string) {
    super(message);
    this.name = 'MessagesNotStored';
  }
}

/**
 * A SuccessMessageMixin's successMessage names a value the form's cleaned data does not have.
 *
 * @example
 * formatSuccessMessage('%(title)s was created', { name: 'Post' }, 'PostCreateView'); // SuccessMessageFormatError naming "title"
 */
export class SuccessMessageFormatError extends Error {
  readonly code = 'MANOUCHE_MESSAGES_SUCCESS_MESSAGE_FORMAT';
  constructor(message: string) {
    super(message);
    this.name = 'SuccessMessageFormatError';
  }
}
