/** What a Client request returns: status, headers, body, and what rendered it. */
import type { RenderedTemplate } from './template-capture.js';

/**
 * A response as the test Client saw it.
 *
 * @example
 * const response: TestResponse = await client.get('/polls/');
 * expect(response.statusCode).toBe(200);
 * expect(response.context?.latestQuestionList).toEqual([]);
 */
export class TestResponse {
  /** The client that made the request (assertRedirects fetches the target with it). */
  client?: { get(path: string): Promise<TestResponse> };
  /** What the view threw when it became this 500, for a Client made with `raiseRequestException: false` (Django's `exc_info`). */
  exception?: unknown;
  /** `[url, status]` for every redirect followed to reach this response (`follow: true`). */
  redirectChain: Array<[string, number]> = [];

  constructor(
    readonly status: number,
    /** Header pairs, names lower-case, in the order sent. */
    readonly headerList: ReadonlyArray<[string, string]>,
    /** The body bytes. */
    readonly content: Buffer,
    /** Templates rendered while answering, in order, with their contexts. */
    readonly renderedTemplates: readonly RenderedTemplate[],
    /** The request that produced this response. */
    readonly request: { method: string; path: string; url: string },
  ) {}

  /** Django's `status_code`. */
  get statusCode(): number {
    return this.status;
  }

  /** The first value of a header (case-insensitive), or undefined. */
  header(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.headerList.find(([key]) => key === lower)?.[1];
  }

  /** Every value of a header. */
  headerAll(name: string): string[] {
    const lower = name.toLowerCase();
    return this.headerList.filter(([key]) => key === lower).map(([, value]) => value);
  }

  /** The body as UTF-8 text. */
  get text(): string {
    return this.content.toString('utf8');
  }

  /** The body parsed as JSON. */
  json<T = unknown>(): T {
    return JSON.parse(this.text) as T;
  }

  /** The Location header of a redirect. */
  get url(): string | undefined {
    return this.header('location');
  }

  /** Names of the templates rendered (Django's `response.templates`). */
  get templates(): string[] {
    return this.renderedTemplates.map((template) => template.name);
  }

  /**
   * The context of the rendered templates (Django's `response.context`): the first template's,
   * where a key missing from it is looked up in the later ones; undefined when none rendered.
   */
  get context(): Record<string, unknown> | undefined {
    if (this.renderedTemplates.length === 0) return undefined;
    return Object.assign({}, ...[...this.renderedTemplates].reverse().map((template) => template.context)) as Record<string, unknown>;
  }
}
