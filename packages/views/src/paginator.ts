/** Django's Paginator and Page: split a list or a queryset into pages, one COUNT and one LIMIT/OFFSET query per page. */
import { EmptyPage, PageNotAnInteger } from './errors.js';

/**
 * Something that can be paginated: an array, or a queryset (counted with COUNT, sliced with LIMIT/OFFSET).
 *
 * @example
 * new Paginator(['a', 'b', 'c'] satisfies Paginatable<string>, 2); // an array
 * new Paginator(Post.objects.filter({ draft: false }), 10); // a queryset: COUNT, then LIMIT/OFFSET
 */
export type Paginatable<T> = readonly T[] | QueryLike<T>;

/**
 * The part of a QuerySet the paginator uses.
 *
 * @example
 * const tags: QueryLike<string> = { count: async () => 2, slice: async (start, end) => ['web', 'python'].slice(start, end) };
 * await new Paginator(tags, 1).page(2); // ['python']
 */
export interface QueryLike<T> {
  count(): Promise<number>;
  slice(start: number, end?: number): PromiseLike<T[]>;
}

/**
 * Options of a Paginator.
 *
 * @example
 * new Paginator(Post.objects.all(), 10, { orphans: 3, allowEmptyFirstPage: false });
 */
export interface PaginatorOptions {
  /** Fold a last page of this many items or fewer into the page before (default 0). */
  orphans?: number;
  /** Whether page 1 of an empty list is valid (default true). */
  allowEmptyFirstPage?: boolean;
}

function isArray<T>(list: Paginatable<T>): list is readonly T[] {
  return Array.isArray(list);
}

/**
 * Django's Paginator. With a queryset, the first `page()` counts the rows once and each page
 * reads only its rows; `count`, `numPages` and `pageRange` are available once counted.
 *
 * @example
 * const paginator = new Paginator(Post.published.all(), 3);
 * const page = await paginator.getPage(request.query.get('page')); // never throws
 * page.objectList; page.hasNext(); paginator.numPages;
 */
export class Paginator<T> {
  /** The ellipsis `getElidedPageRange()` puts in gaps. */
  static readonly ELLIPSIS = '…';
  readonly perPage: number;
  readonly orphans: number;
  readonly allowEmptyFirstPage: boolean;
  private countCache: number | undefined;

  constructor(
    readonly objectList: Paginatable<T>,
    perPage: number,
    options: PaginatorOptions = {},
  ) {
    if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`Paginator: perPage must be a whole number of at least 1, got ${String(perPage)}.`);
    this.perPage = perPage;
    this.orphans = options.orphans ?? 0;
    this.allowEmptyFirstPage = options.allowEmptyFirstPage ?? true;
    if (isArray(objectList)) this.countCache = objectList.length;
  }

  /** Counts the objects (one COUNT query for a queryset, cached). */
  async loadCount(): Promise<number> {
    this.countCache ??= await (this.objectList as QueryLike<T>).count();
    return this.countCache;
  }

  /** The number of objects; for a queryset, after `loadCount()` or a page has been read. */
  get count(): number {
    if (this.countCache === undefined) throw new Error('Paginator.count is not known yet: await paginator.loadCount() (or a page) first.');
    return this.countCache;
  }

  /** The number of pages (at least 1 when an empty first page is allowed). */
  get numPages(): number {
    if (this.count === 0 && !this.allowEmptyFirstPage) return 0;
    const hits = Math.max(1, this.count - this.orphans);
    return Math.ceil(hits / this.perPage);
  }

  /** `[1, 2, …, numPages]`. */
  get pageRange(): number[] {
    return Array.from({ length: this.numPages }, (_, i) => i + 1);
  }

  /** The page number as a whole number ≥ 1 within range; throws PageNotAnInteger or EmptyPage. */
  async validateNumber(number: unknown): Promise<number> {
    let n: number;
    if (typeof number === 'number') n = number;
    else if (typeof number === 'string' && /^\s*[+-]?\d+\s*$/.test(number)) n = Number.parseInt(number, 10);
    else throw new PageNotAnInteger();
    if (!Number.isInteger(n)) throw new PageNotAnInteger();
    if (n < 1) throw new EmptyPage('That page number is less than 1');
    await this.loadCount();
    if (n > this.numPages) throw new EmptyPage('That page contains no results');
    return n;
  }

  /** Page `number`; throws PageNotAnInteger or EmptyPage. */
  async page(number: unknown): Promise<Page<T>> {
    const n = await this.validateNumber(number);
    const bottom = (n - 1) * this.perPage;
    let top = bottom + this.perPage;
    if (top + this.orphans >= this.count) top = this.count;
    const items = isArray(this.objectList) ? this.objectList.slice(bottom, top) : top > bottom ? await this.objectList.slice(bottom, top) : [];
    return new Page(items, n, this);
  }

  /** Page `number`, or the first page for a non-number, or the last page past the end (never throws for bad numbers). */
  async getPage(number: unknown): Promise<Page<T>> {
    try {
      return await this.page(number ?? 1);
    } catch (error) {
      if (error instanceof PageNotAnInteger) return this.page(1);
      if (error instanceof EmptyPage) return this.page(Math.max(1, this.numPages));
      throw error;
    }
  }

  /**
   * Page numbers around `number` with `…` in the gaps: `[1, 2, '…', 7, 8, 9, 10, 11, '…', 49, 50]`.
   */
  getElidedPageRange(number: unknown = 1, options: { onEachSide?: number; onEnds?: number } = {}): Array<number | string> {
    const onEachSide = options.onEachSide ?? 3;
    const onEnds = options.onEnds ?? 2;
    const numPages = this.numPages;
    const n = typeof number === 'number' ? number : Number.parseInt(String(number), 10) || 1;
    if (numPages <= (onEachSide + onEnds) * 2) return this.pageRange;
    const out: Array<number | string> = [];
    const range = (from: number, to: number) => {
      for (let i = from; i < to; i += 1) out.push(i);
    };
    if (n > 1 + onEachSide + onEnds + 1) {
      range(1, onEnds + 1);
      out.push(Paginator.ELLIPSIS);
      range(n - onEachSide, n + 1);
    } else {
      range(1, n + 1);
    }
    if (n < numPages - onEachSide - onEnds - 1) {
      range(n + 1, n + onEachSide + 1);
      out.push(Paginator.ELLIPSIS);
      range(numPages - onEnds + 1, numPages + 1);
    } else {
      range(n + 1, numPages + 1);
    }
    return out;
  }
}

/**
 * One page of a Paginator (Django's Page): its objects and where it sits.
 *
 * @example
 * const page = await new Paginator(posts, 10).page(2);
 * page.hasNext(); page.startIndex(); // true, 11 (1-based, as in Django)
 */
export class Page<T> implements Iterable<T> {
  constructor(
    readonly objectList: T[],
    readonly number: number,
    readonly paginator: Paginator<T>,
  ) {}

  get length(): number {
    return this.objectList.length;
  }
  hasNext(): boolean {
    return this.number < this.paginator.numPages;
  }
  hasPrevious(): boolean {
    return this.number > 1;
  }
  hasOtherPages(): boolean {
    return this.hasNext() || this.hasPrevious();
  }
  /** The next page's number; throws EmptyPage on the last page. */
  nextPageNumber(): number {
    if (!this.hasNext()) throw new EmptyPage('That page contains no results');
    return this.number + 1;
  }
  /** The previous page's number; throws EmptyPage on the first page. */
  previousPageNumber(): number {
    if (!this.hasPrevious()) throw new EmptyPage('That page number is less than 1');
    return this.number - 1;
  }
  /** The 1-based index of the first object on this page (0 for an empty list). */
  startIndex(): number {
    if (this.paginator.count === 0) return 0;
    return this.paginator.perPage * (this.number - 1) + 1;
  }
  /** The 1-based index of the last object on this page. */
  endIndex(): number {
    if (this.number === this.paginator.numPages) return this.paginator.count;
    return this.number * this.paginator.perPage;
  }
  [Symbol.iterator](): Iterator<T> {
    return this.objectList[Symbol.iterator]();
  }
  toString(): string {
    return `<Page ${this.number} of ${this.paginator.numPages}>`;
  }
}
