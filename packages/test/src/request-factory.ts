/** RequestFactory (Django's): requests to pass straight to a view function, without middleware or URL resolving. */
import { createHttpScope } from '@manouche/asgi';
import { HttpRequest } from '@manouche/core';
import { encodeBody, encodeQuery } from './request-body.js';
import { testProject } from './test-environment.js';

type RequestContext = ConstructorParameters<typeof HttpRequest>[2];

/**
 * Options of one built request.
 *
 * @example
 * const request = factory.post('/api/posts/', { title: 'Hi' }, { contentType: 'application/json', secure: true, headers: { 'x-forwarded-for': '10.0.0.1' } });
 */
export interface FactoryRequestOptions {
  headers?: Record<string, string>;
  contentType?: string;
  secure?: boolean;
}

/**
 * Builds HttpRequest objects for calling views directly.
 *
 * @example
 * const factory = await RequestFactory.forProject();
 * const response = await indexView(factory.get('/polls/'));
 */
export class RequestFactory {
  constructor(private readonly context: RequestContext) {}

  /** A factory for the project `manouche test` set up (its settings, URLconf and templates). */
  static async forProject(): Promise<RequestFactory> {
    const project = testProject();
    return new RequestFactory({
      settings: project.settings,
      urls: await project.urls(),
      templates: await project.templates(),
      apps: project.apps,
      importModule: project.importModule,
    });
  }

  get(path: string, data?: Record<string, unknown>, options: FactoryRequestOptions = {}): HttpRequest {
    const query = encodeQuery(data);
    return this.build('GET', query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path, undefined, options);
  }

  head(path: string, options: FactoryRequestOptions = {}): HttpRequest {
    return this.build('HEAD', path, undefined, options);
  }

  post(path: string, data: unknown = {}, options: FactoryRequestOptions = {}): HttpRequest {
    return this.build('POST', path, data, options);
  }

  put(path: string, data?: unknown, options: FactoryRequestOptions = {}): HttpRequest {
    return this.build('PUT', path, data, { contentType: 'application/octet-stream', ...options });
  }

  patch(path: string, data?: unknown, options: FactoryRequestOptions = {}): HttpRequest {
    return this.build('PATCH', path, data, { contentType: 'application/octet-stream', ...options });
  }

  delete(path: string, data?: unknown, options: FactoryRequestOptions = {}): HttpRequest {
    return this.build('DELETE', path, data, { contentType: 'application/octet-stream', ...options });
  }

  options(path: string, options: FactoryRequestOptions = {}): HttpRequest {
    return this.build('OPTIONS', path, undefined, options);
  }

  private build(method: string, path: string, data: unknown, options: FactoryRequestOptions): HttpRequest {
    const headers: Array<[string, string]> = [
      ['host', 'testserver'],
      ...Object.entries(options.headers ?? {}).map(([k, v]): [string, string] => [k.toLowerCase(), v]),
    ];
    let body: Uint8Array = new Uint8Array();
    if (data !== undefined) {
      const encoded = encodeBody(data, options.contentType);
      body = encoded.body;
      headers.push(['content-type', encoded.contentType], ['content-length', String(body.length)]);
    }
    const scope = createHttpScope({
      method,
      path,
      headers,
      scheme: options.secure ? 'https' : 'http',
      client: ['127.0.0.1', 50000],
      server: ['testserver', 80],
    });
    let sent = false;
    return new HttpRequest(
      scope,
      async () => {
        if (sent) return { type: 'http.disconnect' };
        sent = true;
        return { type: 'http.request', body, more_body: false };
      },
      this.context,
    );
  }
}
