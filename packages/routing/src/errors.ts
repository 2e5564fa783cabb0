import { ErrorCodes } from '@manouche/contracts';

/**
 * One pattern reverse() considered for a name, and why it did not produce a URL.
 *
 * @example
 * catch (error) { if (error instanceof NoReverseMatch) for (const { route, reason } of error.candidates) console.log(route, reason); }
 */
export interface ReverseCandidate {
  /** The full route as written (`blog/<int:year>/<slug:slug>/`). */
  route: string;
  /** Why this pattern did not fit the arguments. */
  reason: string;
}

/**
 * Raised by `reverse()` when no pattern fits the name and arguments. The message lists every
 * candidate pattern and why it did not fit, or the closest known names when the name is unknown.
 *
 * @example
 * try { resolver.reverse('blog:post_detial'); } catch (error) { if (error instanceof NoReverseMatch) console.log(error.candidates); }
 */
export class NoReverseMatch extends Error {
  /** The contracts' code, so core recognises it (`isNoReverseMatch`) without importing routing. */
  readonly code: typeof ErrorCodes.noReverseMatch = ErrorCodes.noReverseMatch;
  constructor(
    message: string,
    /** The name as passed to reverse (`blog:post_detail`). */
    readonly viewName: string,
    /** The patterns tried, in the order reverse tried them. */
    readonly candidates: readonly ReverseCandidate[] = [],
  ) {
    super(message);
    this.name = 'NoReverseMatch';
  }
}

/**
 * A route string or regex that cannot be parsed: unbalanced `<`, a bad parameter name, an invalid regex.
 *
 * @example
 * await createResolver([path('blog/<int:year/', view)]); // throws RouteSyntaxError naming the route
 */
export class RouteSyntaxError extends Error {
  readonly code = 'MANOUCHE_ROUTING_ROUTE_SYNTAX';
  constructor(
    message: string,
    /** The route or regex source as written. */
    readonly route: string,
  ) {
    super(message);
    this.name = 'RouteSyntaxError';
  }
}

/**
 * A route names a converter that is neither built in, registered, nor passed to `createResolver`.
 *
 * @example
 * await createResolver([path('<itn:year>/', view)]); // UnknownConverterError: ... Did you mean "int"?
 */
export class UnknownConverterError extends Error {
  readonly code = 'MANOUCHE_ROUTING_UNKNOWN_CONVERTER';
  constructor(
    message: string,
    /** The route as written. */
    readonly route: string,
    /** The converter name the route used. */
    readonly converter: string,
  ) {
    super(message);
    this.name = 'UnknownConverterError';
  }
}

/**
 * A converter registration that cannot be used: a taken name or a regex that does not compile.
 *
 * @example
 * registerConverter('int', { regex: '[0-9]+', toValue: Number, toUrl: String }); // ConverterRegistrationError: "int" is already registered
 */
export class ConverterRegistrationError extends Error {
  readonly code = 'MANOUCHE_ROUTING_CONVERTER_REGISTRATION';
  constructor(
    message: string,
    /** The converter name being registered. */
    readonly converter: string,
  ) {
    super(message);
    this.name = 'ConverterRegistrationError';
  }
}

/**
 * Two includes at the same level claim one instance namespace.
 *
 * @example
 * await createResolver([path('a/', include(blogUrls)), path('b/', include(blogUrls))]); // both claim "blog": pass { namespace } to one
 */
export class DuplicateNamespaceError extends Error {
  readonly code = 'MANOUCHE_ROUTING_DUPLICATE_NAMESPACE';
  constructor(
    message: string,
    /** The instance namespace claimed twice. */
    readonly namespace: string,
  ) {
    super(message);
    this.name = 'DuplicateNamespaceError';
  }
}

/**
 * An `include()` or URLconf that cannot be loaded or holds something other than patterns.
 *
 * @example
 * await createResolver([path('blog/', include('blog.urls'))], { importModule }); // UrlconfError when blog/urls.ts cannot be loaded
 */
export class UrlconfError extends Error {
  readonly code = 'MANOUCHE_ROUTING_URLCONF';
  constructor(
    message: string,
    /** The module specifier or route where the problem is. */
    readonly where: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UrlconfError';
  }
}
