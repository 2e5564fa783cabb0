/** Builds the gateway application of a project. */
export { createApplication, type ApplicationOptions, type LifespanHook } from './application.js';
/** The incoming request. */
export { HttpRequest, escapeUriPath, type SignedCookieOptions } from './request.js';
/** Case-insensitive request headers. */
export { RequestHeaders } from './request-headers.js';
/** Multi-valued query and form data. */
export { QueryDict, MultiValueDict } from './query-dict.js';
/** A file from a multipart upload. */
export { UploadedFile } from './uploaded-file.js';
/** Upload limits read from settings, and parsed form data. */
export { readUploadLimits, type UploadLimits, type FormData } from './form-parser.js';
/** Responses with a body known up front or streamed. */
export {
  HttpResponseBase,
  HttpResponse,
  StreamingHttpResponse,
  type ResponseInit,
  type HeadersInit,
  type CookieOptions,
  type SignedCookieSetOptions,
} from './response.js';
/** A response's case-insensitive headers, in the order they were set. */
export { ResponseHeaders } from './response-headers.js';
/** Django's patch_vary_headers and has_vary_header. */
export { patchVaryHeaders, hasVaryHeader } from './vary-header.js';
/** Redirects, status responses and JSON. */
export {
  HttpResponseRedirect,
  HttpResponsePermanentRedirect,
  HttpResponseNotModified,
  HttpResponseBadRequest,
  HttpResponseForbidden,
  HttpResponseNotFound,
  HttpResponseNotAllowed,
  HttpResponseGone,
  HttpResponseServerError,
  JsonResponse,
  type JsonResponseInit,
} from './response-classes.js';
/** A file from disk, with Range requests. */
export { FileResponse, type FileResponseInit } from './file-response.js';
/** Middleware types, the built-ins by name, and the loader. */
export {
  BUILTIN_MIDDLEWARE,
  loadMiddleware,
  manoucheMiddlewareName,
  type Middleware,
  type MiddlewareHandler,
  type MiddlewareHooks,
  type MiddlewareContext,
  type MiddlewareEntry,
  type GetResponse,
  type ImportModule,
} from './middleware.js';
/** Django's SecurityMiddleware. */
export { SecurityMiddleware } from './middleware/security.js';
/** Django's CommonMiddleware (ALLOWED_HOSTS, APPEND_SLASH, PREPEND_WWW, DISALLOWED_USER_AGENTS) and @no_append_slash. */
export { CommonMiddleware, noAppendSlash } from './middleware/common.js';
/** Django's XFrameOptionsMiddleware and its per-response exemption. */
export { XFrameOptionsMiddleware, xframeOptionsExempt } from './middleware/clickjacking.js';
/** Django's CSRF protection: the middleware and its view decorators. */
export { CsrfViewMiddleware, csrfExempt, csrfProtect, ensureCsrfCookie, requiresCsrfToken } from './middleware/csrf.js';
/** CSRF tokens for forms and AJAX, and rotation at login. */
export { getToken, rotateToken } from './csrf/csrf-state.js';
/** The CSRF template values (`csrf_token`, `csrfToken()`, `csrfInput()`). */
export { csrfContextProcessor, LazyCsrfToken, type CsrfContextOptions } from './csrf/csrf-context.js';
/** The default CSRF failure view (CSRF_FAILURE_VIEW) and the template that replaces its page. */
export { csrfFailure, CSRF_FAILURE_TEMPLATE_NAME } from './csrf/csrf-failure.js';
/** The CSRF form field, and the session key with CSRF_USE_SESSIONS. */
export { CSRF_FORM_FIELD } from './csrf/csrf-protection.js';
export { CSRF_SESSION_KEY, type CsrfSessionStore } from './csrf/csrf-storage.js';
/** Class-based views and the view function type. */
export { View, TemplateView, RedirectView, HTTP_METHOD_NAMES, type ViewFunction } from './views.js';
/** Shortcuts for views. */
export {
  render,
  redirect,
  permanentRedirect,
  reverse,
  resolveUrl,
  getObjectOr404,
  getListOr404,
  type RenderOptions,
  type RedirectTarget,
  type HasAbsoluteUrl,
  type GettableSource,
  type FilterableSource,
} from './shortcuts.js';
/** HMAC-SHA256 signing with timestamps (signed cookies use it). */
export { sign, unsign, type SigningOptions } from './signing.js';
/** Host validation against ALLOWED_HOSTS (HTTP requests and WebSocket handshakes). */
export { isAllowedHost, splitDomainPort, effectiveAllowedHosts, scopeHost, disallowedHostMessage } from './host-validation.js';
/** The Origin check for WebSocket handshakes (Channels' OriginValidator / AllowedHostsOriginValidator). */
export { originValidator, allowedHostsOriginValidator } from './origin-validator.js';
/** Secret masking as the DEBUG pages do it. */
export { cleanseValue, HIDDEN_SETTINGS, CLEANSED_SUBSTITUTE } from './sensitive-data.js';
/** Where core logs errors. */
export { stderrLogger, type Logger } from './exception-response.js';
export { gotRequestException, type RequestExceptionListener } from './request-exception-signal.js';
/** The app registry built from INSTALLED_APPS. */
export { createAppRegistry, type AppRegistryOptions, type AppConfigOverrides } from './app-registry.js';
/** Every error core raises. */
export {
  Http404,
  PermissionDenied,
  BadRequest,
  SuspiciousOperation,
  DisallowedHost,
  DisallowedRedirect,
  RequestDataTooBig,
  TooManyFieldsSent,
  RequestAborted,
  RawPostDataException,
  BadSignature,
  SignatureExpired,
  ImproperlyConfigured,
  AppRegistryError,
  AppendSlashError,
  InvalidResponse,
  MiddlewareNotUsed,
} from './errors.js';
