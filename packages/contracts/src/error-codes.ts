/**
 * Error identity across layers. A layer recognises another layer's error by its stable `code`
 * (through the guards below), never by its class, name or message: the layers never import
 * each other, so `instanceof` cannot work and a message is free to change.
 */

/**
 * The stable codes of errors one layer raises and another must recognise.
 *
 * @example
 * export class NoReverseMatch extends Error {
 *   readonly code = ErrorCodes.noReverseMatch;
 * }
 */
export const ErrorCodes = {
  /** routing's `NoReverseMatch`: no URL pattern fits a name and arguments. */
  noReverseMatch: 'MANOUCHE_NO_REVERSE_MATCH',
  /** The ORM's `DoesNotExist` (and every `Model.DoesNotExist`): `get()` found no row. */
  doesNotExist: 'MANOUCHE_ORM_DOES_NOT_EXIST',
  /** `ImproperlyConfigured`: the project's settings or wiring are wrong. */
  improperlyConfigured: 'MANOUCHE_IMPROPERLY_CONFIGURED',
  /** The CLI's project loader found no file for a module name. */
  projectModuleNotFound: 'MANOUCHE_CLI_MODULE_NOT_FOUND',
  /** A bundled project (`manouche build`) has no such module. */
  moduleNotBundled: 'MANOUCHE_MODULE_NOT_BUNDLED',
} as const;

/**
 * One of the {@link ErrorCodes}.
 *
 * @example
 * const code: ErrorCode = ErrorCodes.noReverseMatch; // 'MANOUCHE_NO_REVERSE_MATCH'
 */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * An error that carries a stable `code`.
 *
 * @example
 * class QuotaExceeded extends Error implements CodedError<'MYAPP_QUOTA'> { readonly code = 'MYAPP_QUOTA'; }
 */
export interface CodedError<Code extends string = string> extends Error {
  readonly code: Code;
}

/**
 * An error saying a module does not exist: it names the module it was asked for in `specifier`,
 * so a caller can tell "this module is missing" from "a module it imports is missing".
 *
 * @example
 * try { await project.importModule('blog.admin'); }
 * catch (error) { if (!isModuleNotFound(error, 'blog.admin')) throw error; } // an app without admin.ts
 */
export interface ModuleNotFound extends CodedError<typeof ErrorCodes.projectModuleNotFound | typeof ErrorCodes.moduleNotBundled | 'ERR_MODULE_NOT_FOUND'> {
  readonly specifier?: string;
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/**
 * Whether `error` is routing's `NoReverseMatch`.
 *
 * @example
 * try { return urls.reverse(to); } catch (error) { if (isNoReverseMatch(error) && to.includes('/')) return to; throw error; }
 */
export function isNoReverseMatch(error: unknown): error is CodedError<typeof ErrorCodes.noReverseMatch> {
  return error instanceof Error && codeOf(error) === ErrorCodes.noReverseMatch;
}

/**
 * Whether `error` is the ORM's `DoesNotExist` (any model's).
 *
 * @example
 * try { return await Post.objects.get({ slug }); } catch (error) { if (isDoesNotExist(error)) throw new Http404(); throw error; }
 */
export function isDoesNotExist(error: unknown): error is CodedError<typeof ErrorCodes.doesNotExist> {
  return error instanceof Error && codeOf(error) === ErrorCodes.doesNotExist;
}

/**
 * Whether `error` is an `ImproperlyConfigured` (the one class the contracts declare).
 *
 * @example
 * if (isImproperlyConfigured(error)) console.error(error.message);
 */
export function isImproperlyConfigured(error: unknown): error is CodedError<typeof ErrorCodes.improperlyConfigured> {
  return error instanceof Error && codeOf(error) === ErrorCodes.improperlyConfigured;
}

/**
 * Whether `error` says a module does not exist; given `specifier`, only when that very module
 * is the missing one (a module found but failing on a missing import of its own is another error).
 *
 * @example
 * try { return await importModule('blog.models'); }
 * catch (error) { if (isModuleNotFound(error, 'blog.models')) return null; throw error; }
 */
export function isModuleNotFound(error: unknown, specifier?: string): error is ModuleNotFound {
  const code = codeOf(error);
  if (code !== ErrorCodes.projectModuleNotFound && code !== ErrorCodes.moduleNotBundled && code !== 'ERR_MODULE_NOT_FOUND') return false;
  return specifier === undefined || (error as { specifier?: unknown }).specifier === specifier;
}

/**
 * The settings or the project's wiring are wrong (Django's `ImproperlyConfigured`): one class for
 * every layer, so an error from any of them is the same thing to catch.
 *
 * @example
 * if (!settings.SECRET_KEY) throw new ImproperlyConfigured('The SECRET_KEY setting must not be empty.');
 */
export class ImproperlyConfigured extends Error {
  readonly code: typeof ErrorCodes.improperlyConfigured = ErrorCodes.improperlyConfigured;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImproperlyConfigured';
  }
}
