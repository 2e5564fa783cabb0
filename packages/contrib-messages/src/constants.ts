/** Message levels (Django's django.contrib.messages.constants): lower is less important. */
export const DEBUG = 10;
export const INFO = 20;
export const SUCCESS = 25;
export const WARNING = 30;
export const ERROR = 40;

/** The levels by name, as templates see them (`it.DEFAULT_MESSAGE_LEVELS.ERROR`). */
export const DEFAULT_MESSAGE_LEVELS: Readonly<Record<'DEBUG' | 'INFO' | 'SUCCESS' | 'WARNING' | 'ERROR', number>> = Object.freeze({
  DEBUG,
  INFO,
  SUCCESS,
  WARNING,
  ERROR,
});

/** The CSS tag of each level; MESSAGE_TAGS adds to or replaces these. */
export const DEFAULT_TAGS: Readonly<Record<number, string>> = Object.freeze({
  [DEBUG]: 'debug',
  [INFO]: 'info',
  [SUCCESS]: 'success',
  [WARNING]: 'warning',
  [ERROR]: 'error',
});
