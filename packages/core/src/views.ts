import { ImproperlyConfigured } from './errors.js';
import type { HttpRequest } from './request.js';
import { HttpResponseGone, HttpResponseNotAllowed, HttpResponsePermanentRedirect, HttpResponseRedirect } from './response-classes.js';
import { HttpResponse, type HttpResponseBase } from './response.js';
import { render } from './shortcuts.js';

/**
 * A view: called with the request and the URL's converted keyword (and positional) arguments.
 *
 * @example
 * export const postDetail: ViewFunction = async (request, { slug }) =>
 *   render(request, 'blog/post/detail.html', { post: await getObjectOr404(Post, { slug }) });
 */
export type ViewFunction = (request: HttpRequest, kwargs: Record<string, unknown>, args?: unknown[]) => HttpResponseBase | Promise<HttpResponseBase>;

/**
 * The HTTP methods a class-based view can answer, by handler name.
 *
 * @example
 * HTTP_METHOD_NAMES.includes('patch'); // true: a View's patch() answers PATCH
 */
export const HTTP_METHOD_NAMES = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;

type Handler = (request: HttpRequest, kwargs: Record<string, unknown>) => HttpResponseBase | Promise<HttpResponseBase>;

/**
 * Django's class-based View: one instance per request, dispatching to the method named after
 * the HTTP method (`get`, `post`, …); others get 405 with an Allow header, OPTIONS lists them.
 *
 * @example
 * class Hello extends View {
 *   greeting = 'Hello';
 *   get(request: HttpRequest) { return new HttpResponse(`${this.greeting}, ${request.query.get('name') ?? 'world'}`); }
 * }
 * path('hello/', Hello.asView({ greeting: 'Hi' }));
 */
export class View {
  /** The request being handled. */
  request!: HttpRequest;
  /** Keyword arguments from the URL. */
  kwargs: Record<string, unknown> = {};
  /** Positional arguments from the URL. */
  args: unknown[] = [];

  /**
   * A view function creating one instance per request with `initkwargs` assigned; only
   * attributes the class already has are accepted.
   */
  static asView<T extends typeof View>(this: T, initkwargs: Partial<InstanceType<T>> = {}): ViewFunction & { viewClass: T } {
    const probe = new this() as unknown as Record<string, unknown>;
    for (const key of Object.keys(initkwargs)) {
      if ((HTTP_METHOD_NAMES as readonly string[]).includes(key)) {
        throw new ImproperlyConfigured(`The method name ${key} is not accepted as a keyword argument to ${this.name}.asView().`);
      }
      if (!(key in probe)) {
        throw new ImproperlyConfigured(
          `${this.name}.asView() received an invalid keyword '${key}'. asView only accepts arguments that are already attributes of the class.`,
        );
      }
    }
    const view = (request: HttpRequest, kwargs: Record<string, unknown>, args: unknown[] = []) => {
      const instance = new this();
      Object.assign(instance, initkwargs);
      instance.setup(request, kwargs, args);
      return instance.dispatch(request, kwargs);
    };
    Object.defineProperty(view, 'name', { value: this.name });
    return Object.assign(view, { viewClass: this });
  }

  /** Stores the request and arguments; HEAD falls back to GET when there is no head handler. */
  setup(request: HttpRequest, kwargs: Record<string, unknown>, args: unknown[] = []): void {
    this.request = request;
    this.kwargs = kwargs;
    this.args = args;
  }

  private handlerFor(method: string): Handler | undefined {
    const name = method.toLowerCase();
    if (!(HTTP_METHOD_NAMES as readonly string[]).includes(name)) return undefined;
    const self = this as unknown as Record<string, unknown>;
    const handler = self[name] ?? (name === 'head' ? self.get : undefined);
    return typeof handler === 'function' ? (handler as Handler).bind(this) : undefined;
  }

  /** Calls the handler for the request's method, or {@link httpMethodNotAllowed}. */
  async dispatch(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    const handler = this.handlerFor(request.method);
    return handler ? handler(request, kwargs) : this.httpMethodNotAllowed(request);
  }

  /** 405 with the Allow header. */
  httpMethodNotAllowed(_request: HttpRequest): HttpResponseBase {
    return new HttpResponseNotAllowed(this.allowedMethods());
  }

  /** Answers OPTIONS with the allowed methods and an empty body. */
  options(_request: HttpRequest, _kwargs?: Record<string, unknown>): HttpResponseBase | Promise<HttpResponseBase> {
    const response = new HttpResponse('');
    response.headers.set('allow', this.allowedMethods().join(', '));
    response.headers.set('content-length', '0');
    return response;
  }

  /** The upper-case methods this view has handlers for. */
  allowedMethods(): string[] {
    return HTTP_METHOD_NAMES.filter((name) => this.handlerFor(name)).map((name) => name.toUpperCase());
  }
}

/**
 * Renders `templateName` with the URL's kwargs, `extraContext` and `getContextData()`.
 *
 * @example
 * path('about/', TemplateView.asView({ templateName: 'about.html' }));
 */
export class TemplateView extends View {
  templateName: string | null = null;
  extraContext: Record<string, unknown> | null = null;
  /** Content type of the rendered page; `text/html; charset=utf-8` when null. */
  contentType: string | null = null;

  /** The templates to try, in order. */
  getTemplateNames(): string[] {
    if (!this.templateName) {
      throw new ImproperlyConfigured(`${this.constructor.name} requires either a definition of 'templateName' or an implementation of 'getTemplateNames()'`);
    }
    return [this.templateName];
  }

  /** The template context: the URL kwargs, `view` and `extraContext`. Override to add more. */
  getContextData(kwargs: Record<string, unknown>): Record<string, unknown> | Promise<Record<string, unknown>> {
    return { ...kwargs, view: this, ...this.extraContext };
  }

  async get(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    return render(request, this.getTemplateNames(), await this.getContextData(kwargs), this.contentType ? { contentType: this.contentType } : {});
  }
}

/**
 * Redirects to `url` (with `%(name)s` placeholders filled from the URL kwargs) or to the URL named
 * `patternName` reversed with the same arguments; 410 Gone when neither gives a URL.
 *
 * @example
 * path('old-blog/<slug:slug>/', RedirectView.asView({ patternName: 'blog:post_detail', permanent: true }));
 */
export class RedirectView extends View {
  url: string | null = null;
  patternName: string | null = null;
  permanent = false;
  /** Pass the query string on to the redirect target. */
  queryString = false;

  /** The target URL, or null for 410 Gone. */
  getRedirectUrl(kwargs: Record<string, unknown>, args: unknown[]): string | null {
    let url: string;
    if (this.url) {
      url = this.url.replace(/%\((\w+)\)s/g, (_, key: string) => {
        if (!(key in kwargs)) {
          throw new ImproperlyConfigured(
            `RedirectView url '${this.url}' needs the URL argument '${key}'; the pattern gave: ${Object.keys(kwargs).join(', ') || 'none'}`,
          );
        }
        return String(kwargs[key]);
      });
    } else if (this.patternName) {
      const urls = this.request.context.urls;
      url = Object.keys(kwargs).length > 0 ? urls.reverse(this.patternName, { kwargs }) : urls.reverse(this.patternName, { args });
    } else {
      return null;
    }
    const query = new TextDecoder().decode(this.request.scope.query_string);
    return this.queryString && query ? `${url}?${query}` : url;
  }

  get(request: HttpRequest, kwargs: Record<string, unknown>): HttpResponseBase {
    const url = this.getRedirectUrl(kwargs, this.args);
    if (url === null) return new HttpResponseGone();
    return this.permanent ? new HttpResponsePermanentRedirect(url) : new HttpResponseRedirect(url);
  }

  head(request: HttpRequest, kwargs: Record<string, unknown>): HttpResponseBase {
    return this.get(request, kwargs);
  }
  post(request: HttpRequest, kwargs: Record<string, unknown>): HttpResponseBase {
    return this.get(request, kwargs);
  }
  override options(request: HttpRequest, kwargs: Record<string, unknown> = {}): HttpResponseBase {
    return this.get(request, kwargs);
  }
  delete(request: HttpRequest, kwargs: Record<string, unknown>): HttpResponseBase {
    return this.get(request, kwargs);
  }
  put(request: HttpRequest, kwargs: Record<string, unknown>): HttpResponseBase {
    return this.get(request, kwargs);
  }
  patch(request: HttpRequest, kwargs: Record<string, unknown>): HttpResponseBase {
    return this.get(request, kwargs);
  }
}
