/**
 * Every error @manouche/core raises. The HTTP ones (Http404, PermissionDenied, BadRequest,
 * SuspiciousOperation and its kinds) are turned into responses by the application; the rest
 * are configuration or programming errors that name what was wrong and where.
 */

/**
 * Raised by a view (or the resolver) to answer 404 Not Found.
 *
 * @example
 * if (!post) throw new Http404('No Post matches the given query.');
 */
export class Http404 extends Error {
  readonly code: string = 'MANOUCHE_CORE_HTTP404';
  /** Set by the application when nothing in the URLconf matched (the DEBUG page then lists the patterns tried). */
  resolverFailed = false;
  constructor(message = 'Not Found') {
    super(message);
    this.name = 'Http404';
  }
}

/**
 * Raised to answer 403 Forbidden.
 *
 * @example
 * if (!request.user.isStaff) throw new PermissionDenied('Staff only.');
 */
export class PermissionDenied extends Error {
  readonly code: string = 'MANOUCHE_CORE_PERMISSION_DENIED';
  constructor(message = 'Permission denied') {
    super(message);
    this.name = 'PermissionDenied';
  }
}

/**
 * Raised to answer 400 Bad Request for a request the client got wrong.
 *
 * @example
 * if (!Number.isInteger(page)) throw new BadRequest('page must be a whole number');
 */
export class BadRequest extends Error {
  readonly code: string = 'MANOUCHE_CORE_BAD_REQUEST';
  constructor(message = 'Bad Request') {
    super(message);
    this.name = 'BadRequest';
  }
}

/**
 * A request that looks like an attack or misuse; answered with 400 (some kinds with a more precise status).
 *
 * @example
 * if (filename.includes('..')) throw new SuspiciousOperation(`Path traversal in upload name ${filename}`);
 * // answered 400 and logged as a warning, as Django's security logger does
 */
export class SuspiciousOperation extends Error {
  readonly code: string = 'MANOUCHE_CORE_SUSPICIOUS_OPERATION';
  /** The status the application answers with. */
  readonly status: number = 400;
  constructor(message: string) {
    super(message);
    this.name = 'SuspiciousOperation';
  }
}

/**
 * The Host header is not in ALLOWED_HOSTS (or is not a valid host at all).
 *
 * @example
 * request.getHost(); // DisallowedHost: Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to ALLOWED_HOSTS.
 */
export class DisallowedHost extends SuspiciousOperation {
  override readonly code = 'MANOUCHE_CORE_DISALLOWED_HOST';
  constructor(message: string) {
    super(message);
    this.name = 'DisallowedHost';
  }
}

/**
 * A redirect to a URL with a scheme other than http, https or ftp.
 *
 * @example
 * new HttpResponseRedirect('javascript:alert(1)'); // DisallowedRedirect: Unsafe redirect to URL with protocol 'javascript'
 */
export class DisallowedRedirect extends SuspiciousOperation {
  override readonly code = 'MANOUCHE_CORE_DISALLOWED_REDIRECT';
  constructor(message: string) {
    super(message);
    this.name = 'DisallowedRedirect';
  }
}

/**
 * The request body is larger than DATA_UPLOAD_MAX_MEMORY_SIZE. Django answers 400; Manouche
 * answers 413 Payload Too Large, the precise status for it.
 *
 * @example
 * await request.post(); // RequestDataTooBig (413) when the body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE
 */
export class RequestDataTooBig extends SuspiciousOperation {
  override readonly code = 'MANOUCHE_CORE_REQUEST_DATA_TOO_BIG';
  override readonly status = 413;
  constructor(message: string) {
    super(message);
    this.name = 'RequestDataTooBig';
  }
}

/**
 * More form fields (or files) than DATA_UPLOAD_MAX_NUMBER_FIELDS / DATA_UPLOAD_MAX_NUMBER_FILES.
 *
 * @example
 * await request.post(); // TooManyFieldsSent (400) for a form with more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields
 */
export class TooManyFieldsSent extends SuspiciousOperation {
  override readonly code = 'MANOUCHE_CORE_TOO_MANY_FIELDS';
  constructor(message: string) {
    super(message);
    this.name = 'TooManyFieldsSent';
  }
}

/**
 * The client went away before the request body was read.
 *
 * @example
 * try { await request.body(); } catch (error) { if (error instanceof RequestAborted) return; throw error; } // the client left
 */
export class RequestAborted extends Error {
  readonly code = 'MANOUCHE_CORE_REQUEST_ABORTED';
  constructor(message = 'The client disconnected before the request body was read') {
    super(message);
    this.name = 'RequestAborted';
  }
}

/**
 * A signed value whose signature does not match (tampered with, or signed with another key or salt).
 *
 * @example
 * try { request.getSignedCookie('theme'); } catch (error) { if (error instanceof BadSignature) return redirect('login'); throw error; }
 */
export class BadSignature extends Error {
  readonly code: string = 'MANOUCHE_CORE_BAD_SIGNATURE';
  constructor(message: string) {
    super(message);
    this.name = 'BadSignature';
  }
}

/**
 * A signed value whose signature is valid but older than the allowed max age.
 *
 * @example
 * unsign(token, { key: settings.SECRET_KEY, maxAge: 3600 }); // SignatureExpired when signed more than an hour ago
 */
export class SignatureExpired extends BadSignature {
  override readonly code = 'MANOUCHE_CORE_SIGNATURE_EXPIRED';
  constructor(message: string) {
    super(message);
    this.name = 'SignatureExpired';
  }
}

/** The project is configured in a way core cannot work with (MIDDLEWARE entry, missing engine, …): the contracts' one class. */
export { ImproperlyConfigured } from '@manouche/contracts';

/**
 * INSTALLED_APPS cannot be turned into an app registry (unknown app, duplicate label, bad appConfig).
 *
 * @example
 * await createAppRegistry(['blog', 'blog'], options); // AppRegistryError: Application names aren't unique, duplicates: blog …
 */
export class AppRegistryError extends Error {
  readonly code = 'MANOUCHE_CORE_APP_REGISTRY';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppRegistryError';
  }
}

/**
 * APPEND_SLASH would have to redirect a POST/PUT/PATCH in DEBUG, losing its body (Django's RuntimeError).
 *
 * @example
 * // APPEND_SLASH and DEBUG on: POST /contact (the URLconf has contact/) raises AppendSlashError
 * // instead of redirecting and losing the form: post to /contact/ instead
 */
export class AppendSlashError extends Error {
  readonly code = 'MANOUCHE_CORE_APPEND_SLASH';
  constructor(message: string) {
    super(message);
    this.name = 'AppendSlashError';
  }
}

/**
 * The raw body was asked for after the form parser had streamed it (Django's RawPostDataException).
 *
 * @example
 * await request.post();
 * await request.body(); // RawPostDataException: the form parser already streamed the body
 */
export class RawPostDataException extends Error {
  readonly code = 'MANOUCHE_CORE_BODY_CONSUMED';
  constructor(message = 'You cannot read the request body after its form data was parsed from the stream; call request.body() before request.formData()') {
    super(message);
    this.name = 'RawPostDataException';
  }
}

/**
 * A response was built wrongly: bad cookie options, a non-object JsonResponse without `safe: false`, a view returning no response.
 *
 * @example
 * new JsonResponse([1, 2, 3]); // InvalidResponse: … set the safe option to false.
 */
export class InvalidResponse extends Error {
  readonly code = 'MANOUCHE_CORE_INVALID_RESPONSE';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidResponse';
  }
}

/**
 * Thrown by a middleware factory to take itself out of the chain (Django's MiddlewareNotUsed).
 *
 * @example
 * export const debugOnly: Middleware = (getResponse, { settings }) => { if (!settings.DEBUG) throw new MiddlewareNotUsed(); return getResponse; };
 */
export class MiddlewareNotUsed extends Error {
  readonly code = 'MANOUCHE_CORE_MIDDLEWARE_NOT_USED';
  constructor(message = 'Middleware not used') {
    super(message);
    this.name = 'MiddlewareNotUsed';
  }
}
