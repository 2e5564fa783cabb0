/**
 * Message levels (Django's django.contrib.messages.constants): lower is less important. DEBUG (10) is
 * below the default MESSAGE_LEVEL, so dropped unless the level is lowered.
 *
 * @example
 * addMessage(request, DEBUG, 'Cache miss for the front page.');
 */
export const DEBUG = 10;
/**
 * The INFO level (20), the default MESSAGE_LEVEL.
 *
 * @example
 * addMessage(request, INFO, 'Three credits remain in your account.');
 */
export const INFO = 20;
/**
 * The SUCCESS level (25).
 *
 * @example
 * addMessage(request, SUCCESS, 'Profile details updated.');
 */
export const SUCCESS = 25;
/**
 * The WARNING level (30).
 *
 * @example
 * addMessage(request, WARNING, 'Your account expires in three days.');
 */
export const WARNING = 30;
/**
 * The ERROR level (40).
 *
 * @example
 * addMessage(request, ERROR, 'Document deleted.');
 */
export const ERROR = 40;

/**
 * The levels by name, as templates see them (`it.DEFAULT_MESSAGE_LEVELS.ERROR`).
 *
 * @example
 * // <% if (message.level === it.DEFAULT_MESSAGE_LEVELS.ERROR) { %>Important: <% } %><%= message %>
 * DEFAULT_MESSAGE_LEVELS.WARNING; // 30
 */
export const DEFAULT_MESSAGE_LEVELS: Readonly<Record<'DEBUG' | 'INFO' | 'SUCCESS' | 'WARNING' | 'ERROR', number>> = Object.freeze({
  DEBUG,
  INFO,
  SUCCESS,
  WARNING,
  ERROR,
});

/**
 * The CSS tag of each level; MESSAGE_TAGS adds to or replaces these.
 *
 * @example
 * DEFAULT_TAGS[ERROR]; // 'error'
 * // settings: MESSAGE_TAGS: { [ERROR]: 'danger' } for Bootstrap's alert-danger
 */
export const DEFAULT_TAGS: Readonly<Record<number, string>> = Object.freeze({
  [DEBUG]: 'debug',
  [INFO]: 'info',
  [SUCCESS]: 'success',
  [WARNING]: 'warning',
  [ERROR]: 'error',
});
