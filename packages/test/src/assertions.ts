/** Django's TestCase assertions on responses, forms, querysets and queries. */
import { AssertionError } from 'node:assert';
import type { Database } from '@manouche/contracts';
import { canonicalHtml } from './html-compare.js';
import { testProject } from './test-environment.js';
import type { TestResponse } from './test-response.js';

function fail(message: string, ...values: [actual?: unknown, expected?: unknown]): never {
  const error = new AssertionError({ message, operator: 'fail', stackStartFn: fail });
  if (values.length === 2) Object.assign(error, { actual: values[0], expected: values[1] });
  throw error;
}

function countOccurrences(haystack: string, needle: string): number {
  if (needle === '') return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/**
 * Options of assertContains / assertNotContains.
 *
 * @example
 * assertContains(response, 'Not found', { status: 404, msgPrefix: 'unknown poll' });
 */
export interface ContainsOptions {
  /** Exactly this many occurrences. */
  count?: number;
  /** The expected status (200). */
  status?: number;
  /** Compare as HTML: whitespace and attribute order do not matter. */
  html?: boolean;
  msgPrefix?: string;
}

function occurrences(response: TestResponse, text: string, options: ContainsOptions): number {
  const prefix = options.msgPrefix ? `${options.msgPrefix}: ` : '';
  if (response.status !== (options.status ?? 200)) {
    fail(
      `${prefix}Couldn't retrieve content: response code was ${response.status} (expected ${options.status ?? 200})`,
      response.status,
      options.status ?? 200,
    );
  }
  const content = response.text;
  return options.html ? countOccurrences(canonicalHtml(content), canonicalHtml(text)) : countOccurrences(content, String(text));
}

/**
 * The response has the expected status and contains `text` (at least once, or exactly `count` times).
 *
 * @example
 * assertContains(response, 'No polls are available.');
 * assertContains(response, '<li>What is up?</li>', { html: true, count: 1 });
 */
export function assertContains(response: TestResponse, text: string, options: ContainsOptions = {}): void {
  const found = occurrences(response, text, options);
  const prefix = options.msgPrefix ? `${options.msgPrefix}: ` : '';
  if (options.count !== undefined) {
    if (found !== options.count) fail(`${prefix}Found ${found} instances of '${text}' in response (expected ${options.count})`, found, options.count);
  } else if (found === 0) {
    fail(`${prefix}Couldn't find '${text}' in the following response\n${response.text.slice(0, 2000)}`);
  }
}

/**
 * The response has the expected status and does not contain `text`.
 *
 * @example
 * assertNotContains(await client.get('/polls/'), 'Future question.');
 */
export function assertNotContains(response: TestResponse, text: string, options: Omit<ContainsOptions, 'count'> = {}): void {
  const found = occurrences(response, text, options);
  if (found !== 0)
    fail(`${options.msgPrefix ? `${options.msgPrefix}: ` : ''}'${text}' unexpectedly found in the following response\n${response.text.slice(0, 2000)}`);
}

/**
 * Options of assertRedirects.
 *
 * @example
 * await assertRedirects(response, '/accounts/login/?next=/polls/', { status: 302, fetchRedirectResponse: false });
 */
export interface RedirectOptions {
  /** The redirect's status (302). */
  status?: number;
  /** The status of the page redirected to (200). */
  targetStatus?: number;
  /** Request the target to check its status (true); it is fetched with the same client. */
  fetchRedirectResponse?: boolean;
}

/**
 * The response redirected (directly, or through the chain when it was requested with `follow`) to
 * `expectedUrl`, with `status`, and that page answers `targetStatus`.
 *
 * @example
 * assertRedirects(await client.post('/polls/1/vote/', { choice: 1 }), '/polls/1/results/');
 */
export async function assertRedirects(response: TestResponse, expectedUrl: string, options: RedirectOptions = {}): Promise<void> {
  const status = options.status ?? 302;
  const targetStatus = options.targetStatus ?? 200;
  if (response.redirectChain.length > 0) {
    const [, firstStatus] = response.redirectChain[0]!;
    if (firstStatus !== status)
      fail(`Initial response didn't redirect as expected: response code was ${firstStatus} (expected ${status})`, firstStatus, status);
    const [finalUrl] = response.redirectChain[response.redirectChain.length - 1]!;
    if (!sameUrl(finalUrl, expectedUrl)) fail(`Response redirected to '${finalUrl}', expected '${expectedUrl}'`, finalUrl, expectedUrl);
    if (response.status !== targetStatus)
      fail(`Response didn't redirect as expected: final response code was ${response.status} (expected ${targetStatus})`, response.status, targetStatus);
    return;
  }
  if (response.status !== status)
    fail(`Response didn't redirect as expected: response code was ${response.status} (expected ${status})`, response.status, status);
  const location = response.url ?? '';
  if (!sameUrl(location, expectedUrl)) fail(`Response redirected to '${location}', expected '${expectedUrl}'`, location, expectedUrl);
  if (options.fetchRedirectResponse !== false && response.client) {
    const target = await response.client.get(location);
    if (target.status !== targetStatus)
      fail(`Couldn't retrieve redirection page '${location}': response code was ${target.status} (expected ${targetStatus})`, target.status, targetStatus);
  }
}

function sameUrl(actual: string, expected: string): boolean {
  const normalize = (url: string) => {
    const parsed = new URL(url, 'http://testserver');
    return parsed.host === 'testserver' ? `${parsed.pathname}${parsed.search}` : parsed.toString();
  };
  return normalize(actual) === normalize(expected);
}

/**
 * The response rendered the template `name` (exactly `count` times when given).
 *
 * @example
 * assertTemplateUsed(response, 'polls/index.html');
 */
export function assertTemplateUsed(response: TestResponse, name: string, options: { count?: number } = {}): void {
  const used = response.templates.filter((template) => template === name).length;
  if (options.count !== undefined && used !== options.count)
    fail(`Template '${name}' was expected to be rendered ${options.count} time(s) but was actually rendered ${used} time(s).`, used, options.count);
  if (used === 0) {
    fail(
      response.templates.length === 0
        ? `No templates used to render the response (expected '${name}')`
        : `Template '${name}' was not a template used to render the response. Actual template(s) used: ${response.templates.join(', ')}`,
    );
  }
}

/**
 * The response did not render the template `name`.
 *
 * @example
 * assertTemplateNotUsed(await client.get('/polls/'), 'polls/detail.html');
 */
export function assertTemplateNotUsed(response: TestResponse, name: string): void {
  if (response.templates.includes(name)) fail(`Template '${name}' was used unexpectedly in rendering the response`);
}

/**
 * A form whose errors can be read: a Manouche form after `isValid()`, or `{ errors: { field: [messages] } }`.
 *
 * @example
 * assertFormError({ errors: { email: ['Enter a valid email address.'] } }, 'email', 'Enter a valid email address.');
 */
export interface FormWithErrors {
  readonly errors: unknown;
}

function fieldMessages(form: FormWithErrors, field: string | null): string[] {
  const errors = form.errors as { get?: (field: string) => unknown } & Record<string, unknown>;
  const key = field ?? '__all__';
  const entry = typeof errors?.get === 'function' ? errors.get(key) : errors?.[key];
  if (entry === undefined || entry === null) return [];
  if (Array.isArray(entry)) return entry.map(String);
  const messages = (entry as { messages?: unknown }).messages;
  if (Array.isArray(messages)) return messages.map(String);
  return [...(entry as Iterable<unknown>)].map(String);
}

/**
 * The form has exactly these errors on `field` (`null` for non-field errors).
 *
 * @example
 * assertFormError(response.context!.form as Form, 'choice', ['This field is required.']);
 */
export function assertFormError(form: FormWithErrors | undefined, field: string | null, errors: string | string[]): void {
  if (!form) fail('The form is undefined: was it in the context of the response?');
  const expected = Array.isArray(errors) ? errors : [errors];
  const actual = fieldMessages(form, field);
  if (actual.length !== expected.length || actual.some((message, i) => message !== expected[i])) {
    fail(
      `The errors of ${field === null ? 'the form (non-field)' : `field '${field}'`} are ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
      actual,
      expected,
    );
  }
}

/**
 * A queryset (or anything awaitable to a list) equals `values`, after `transform` (String by default
 * when the values are strings), in order unless `ordered: false`.
 *
 * @example
 * await assertQuerysetEqual(Question.objects.all(), [question], { transform: (q) => q });
 */
export async function assertQuerysetEqual<T>(
  queryset: PromiseLike<readonly T[]> | readonly T[],
  values: readonly unknown[],
  options: { transform?: (item: T) => unknown; ordered?: boolean } = {},
): Promise<void> {
  const items = [...(await queryset)];
  const transform = options.transform ?? ((item: T) => item);
  const same = (a: unknown, b: unknown) =>
    a === b || (isModelLike(a) && isModelLike(b) && a.constructor === b.constructor && a.pk === b.pk) || JSON.stringify(a) === JSON.stringify(b);
  const actual = items.map(transform);
  if (options.ordered === false) {
    const remaining = [...values];
    for (const item of actual) {
      const index = remaining.findIndex((value) => same(item, value));
      if (index === -1) fail(`Queryset item ${describe(item)} is not among the expected values`, actual, values);
      remaining.splice(index, 1);
    }
    if (remaining.length) fail(`Expected values missing from the queryset: ${remaining.map(describe).join(', ')}`, actual, values);
    return;
  }
  if (actual.length !== values.length || actual.some((item, i) => !same(item, values[i]))) {
    fail(`Queryset [${actual.map(describe).join(', ')}] != [${values.map(describe).join(', ')}]`, actual, values);
  }
}

function isModelLike(value: unknown): value is { pk: unknown; constructor: unknown } {
  return typeof value === 'object' && value !== null && 'pk' in value;
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'pk' in value) return `<${value.constructor.name}: ${String(value)}>`;
  return JSON.stringify(value) ?? String(value);
}

/**
 * `fn` runs exactly `count` SQL statements on `database` (the project's default when run by
 * `manouche test`).
 *
 * @example
 * await assertNumQueries(1, () => Question.objects.filter({ pubDate__lte: now }).fetch());
 */
export async function assertNumQueries<T>(count: number, fn: () => Promise<T> | T, database: Database = testProject().databases.get()): Promise<T> {
  const listenable = database as Database & { addQueryListener?: (listener: (event: { sql: string }) => void) => () => void };
  if (typeof listenable.addQueryListener !== 'function')
    fail(`The database "${database.alias}" does not report its queries, so assertNumQueries cannot count them.`);
  const queries: string[] = [];
  const stop = listenable.addQueryListener((event) => queries.push(event.sql));
  let result: T;
  try {
    result = await fn();
  } finally {
    stop();
  }
  if (queries.length !== count) {
    fail(
      `${queries.length} queries executed, ${count} expected\nCaptured queries were:\n${queries.map((sql, i) => `${i + 1}. ${sql}`).join('\n')}`,
      queries.length,
      count,
    );
  }
  return result;
}
