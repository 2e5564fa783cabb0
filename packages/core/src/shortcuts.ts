import { isDoesNotExist, isNoReverseMatch, type ReverseOptions } from '@manouche/contracts';
import { Http404, ImproperlyConfigured } from './errors.js';
import { describeValue } from '@manouche/contracts/text';
import { currentContext } from './request-context.js';
import type { HttpRequest } from './request.js';
import { HttpResponsePermanentRedirect, HttpResponseRedirect } from './response-classes.js';
import { HttpResponse } from './response.js';

/**
 * Options of {@link render}.
 *
 * @example
 * return render(request, 'blog/post/form.html', { form }, { status: 422 });
 */
export interface RenderOptions {
  status?: number;
  contentType?: string;
}

/**
 * Renders a template (or the first existing of several) with the application's template engine
 * and returns it as an HttpResponse.
 *
 * @example
 * return render(request, 'blog/post/list.html', { posts }, { status: 200 });
 */
export async function render(
  request: HttpRequest,
  templateName: string | readonly string[],
  context: Record<string, unknown> = {},
  options: RenderOptions = {},
): Promise<HttpResponse> {
  const engine = request.context.templates;
  if (!engine) {
    throw new ImproperlyConfigured(`render('${[templateName].flat().join("', '")}') needs a template engine: pass { templates } to createApplication`);
  }
  const html = await engine.render(templateName, context, request);
  return new HttpResponse(html, { status: options.status, contentType: options.contentType });
}

function requireUrls(what: string) {
  const urls = currentContext()?.urls;
  if (!urls) {
    throw new ImproperlyConfigured(`${what} needs the URLconf: call it while a request is handled by createApplication, or use your UrlResolver's reverse()`);
  }
  return urls;
}

/**
 * Reverses a URL name with the URLconf of the application handling the current request (Django's
 * reverse uses the request's URLconf the same way), so models' `getAbsoluteUrl` need not import routing.
 *
 * @example
 * getAbsoluteUrl() { return reverse('blog:post_detail', { kwargs: { slug: this.slug } }); }
 */
export function reverse(name: string, options?: ReverseOptions): string {
  return requireUrls(`reverse('${name}')`).reverse(name, options);
}

/**
 * Something with a canonical URL, like a model instance with `getAbsoluteUrl()`.
 *
 * @example
 * class Post extends Model implements HasAbsoluteUrl {
 *   getAbsoluteUrl() { return reverse('blog:post_detail', { kwargs: { slug: this.slug } }); }
 * }
 */
export interface HasAbsoluteUrl {
  getAbsoluteUrl(): string;
}

/**
 * A redirect target: a URL, a URL name, or an object with `getAbsoluteUrl()`.
 *
 * @example
 * const next: RedirectTarget = request.query.get('next') ?? 'blog:post_list';
 * return redirect(next);
 */
export type RedirectTarget = string | HasAbsoluteUrl;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Django's resolve_url: `getAbsoluteUrl()` of an object; `./` and `../` URLs as they are; else
 * the string is reversed as a URL name (a single plain-object argument is kwargs, other arguments
 * are positional), and used as a URL when it does not reverse but looks like one (has `/` or `.`).
 *
 * @example
 * resolveUrl('blog:post_detail', [{ slug: 'nuages' }]); // '/blog/nuages/'
 * resolveUrl('/elsewhere/'); // '/elsewhere/'
 */
export function resolveUrl(to: RedirectTarget, args: readonly unknown[] = []): string {
  if (typeof to === 'object' && to !== null && typeof (to as HasAbsoluteUrl).getAbsoluteUrl === 'function') {
    const url = (to as HasAbsoluteUrl).getAbsoluteUrl();
    if (typeof url !== 'string') throw new ImproperlyConfigured(`getAbsoluteUrl() of ${describeValue(to)} returned ${describeValue(url)}, expected a string`);
    return url;
  }
  if (typeof to !== 'string')
    throw new ImproperlyConfigured(`redirect() expects a URL, a URL name or an object with getAbsoluteUrl(), got ${describeValue(to)}`);
  if (to.startsWith('./') || to.startsWith('../')) return to;
  const looksLikeUrl = to.includes('/') || to.includes('.');
  const urls = currentContext()?.urls;
  if (!urls) {
    if (looksLikeUrl) return to;
    return requireUrls(`redirect('${to}')`).reverse(to);
  }
  const options: ReverseOptions = args.length === 1 && isPlainObject(args[0]) ? { kwargs: args[0] } : { args };
  try {
    return urls.reverse(to, options);
  } catch (error) {
    if (isNoReverseMatch(error) && looksLikeUrl) return to;
    throw error;
  }
}

/**
 * A 302 to a URL, a URL name (reversed with `args`), or an object's `getAbsoluteUrl()`.
 *
 * @example
 * return redirect('blog:post_detail', { slug: post.slug });
 * return redirect(post);
 * return redirect('/blog/');
 */
export function redirect(to: RedirectTarget, ...args: unknown[]): HttpResponseRedirect {
  return new HttpResponseRedirect(resolveUrl(to, args));
}

/**
 * As {@link redirect}, with 301 Moved Permanently.
 *
 * @example
 * return permanentRedirect('blog:post_detail', { slug: post.slug });
 */
export function permanentRedirect(to: RedirectTarget, ...args: unknown[]): HttpResponsePermanentRedirect {
  return new HttpResponsePermanentRedirect(resolveUrl(to, args));
}

/**
 * What getObjectOr404 accepts, as the ORM's QuerySet, Manager or Model (via `objects`) provide it:
 * `get(filter)` resolves to the single match and rejects with an error whose `code` is
 * `MANOUCHE_ORM_DOES_NOT_EXIST` (the contracts' `isDoesNotExist`) when there is none.
 *
 * @example
 * const post = await getObjectOr404(Post.objects.filter({ status: 'published' }), { slug: kwargs.slug });
 */
export interface GettableSource<T> {
  get(filter: never): PromiseLike<T> | T;
}

/**
 * What getListOr404 accepts: `filter(filter)` returning an awaitable array (or an iterable).
 *
 * @example
 * const posts = await getListOr404(Post, { author__username: kwargs.username }); // 404 when empty
 */
export interface FilterableSource<T> {
  filter(filter: never): PromiseLike<Iterable<T>> | Iterable<T> | AsyncIterable<T>;
}

type Source<S> = S | { objects: S; name?: string };

function pick<S>(source: unknown, method: 'get' | 'filter', caller: string): S {
  const candidate = source as Record<string, unknown> | null;
  if (candidate && typeof candidate[method] === 'function') return candidate as S;
  const objects = candidate?.objects as Record<string, unknown> | undefined;
  if (objects && typeof objects[method] === 'function') return objects as S;
  throw new ImproperlyConfigured(`First argument to ${caller}() must be a Model, Manager or QuerySet with ${method}(filter), not ${describeValue(source)}.`);
}

function modelName(source: unknown, error?: unknown): string {
  const s = source as { model?: { name?: unknown }; name?: unknown; objects?: unknown } | null;
  const fromSource = s?.model?.name ?? (typeof source === 'function' || s?.objects ? s?.name : undefined);
  if (typeof fromSource === 'string' && fromSource) return fromSource;
  const errorName = (error as { name?: unknown } | undefined)?.name;
  if (typeof errorName === 'string' && errorName.endsWith('DoesNotExist')) {
    const model = errorName.replace(/\.?DoesNotExist$/, '');
    if (model) return model;
  }
  return 'object';
}

/**
 * The single object matching `filter`, or Http404 when there is none.
 *
 * @example
 * const post = await getObjectOr404(Post.objects.filter({ status: 'published' }), { slug: kwargs.slug });
 */
export async function getObjectOr404<T>(source: Source<GettableSource<T>>, filter?: unknown): Promise<T> {
  const queryset = pick<GettableSource<T>>(source, 'get', 'getObjectOr404');
  try {
    return await (filter === undefined ? (queryset.get as () => PromiseLike<T> | T).call(queryset) : queryset.get(filter as never));
  } catch (error) {
    if (isDoesNotExist(error)) throw new Http404(`No ${modelName(source, error)} matches the given query.`);
    throw error;
  }
}

/**
 * The objects matching `filter` as an array, or Http404 when there are none.
 *
 * @example
 * const posts = await getListOr404(Post.objects, { author__username: kwargs.username });
 */
export async function getListOr404<T>(source: Source<FilterableSource<T>>, filter?: unknown): Promise<T[]> {
  const queryset = pick<FilterableSource<T>>(source, 'filter', 'getListOr404');
  const result = await (filter === undefined
    ? (queryset.filter as () => ReturnType<FilterableSource<T>['filter']>).call(queryset)
    : queryset.filter(filter as never));
  const list: T[] = [];
  if (result && typeof (result as AsyncIterable<T>)[Symbol.asyncIterator] === 'function') {
    for await (const item of result as AsyncIterable<T>) list.push(item);
  } else {
    list.push(...(result as Iterable<T>));
  }
  if (list.length === 0) throw new Http404(`No ${modelName(source)} matches the given query.`);
  return list;
}
