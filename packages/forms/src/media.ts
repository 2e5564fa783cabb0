/**
 * Django's form assets (`Media`): the CSS and JavaScript a widget or form needs, merged in a
 * stable order (each list's own order is kept) and printed as `<link>` and `<script>` tags.
 */
import { escapeHtml, markSafe, SafeHtml, type SafeString } from './safe-html.js';

/**
 * What a `static media` class property declares (Django's `class Media`).
 *
 * @example
 * class CalendarWidget extends TextInput {
 *   static override media: MediaDefinition = { css: { all: ['pretty.css'] }, js: ['animations.js'], extend: true };
 * }
 */
export interface MediaDefinition {
  /** Style sheets by media type: `{ all: ['pretty.css'], print: ['print.css'] }`. */
  css?: Record<string, readonly string[]>;
  /** Scripts, in the order they must load. */
  js?: readonly string[];
  /** Whether the parent class's media is kept (default true, as in Django). */
  extend?: boolean;
}

/**
 * Turns a relative asset path into a URL (the project's `static()`; default `/static/<path>`).
 *
 * @example
 * const resolver: StaticResolver = (path) => `https://cdn.example.com/static/${path}`;
 */
export type StaticResolver = (path: string) => string;

let staticResolver: StaticResolver = (path) => `/static/${path}`;

/**
 * Sets how relative asset paths become URLs: the meta-package passes the templates' `static()`.
 *
 * @example
 * setMediaStatic((path) => `https://cdn.example.com/static/${path}`);
 * `${form.media}`; // <script src="https://cdn.example.com/static/calendar.js"></script>
 */
export function setMediaStatic(resolver: StaticResolver): void {
  staticResolver = resolver;
}

/**
 * Merges lists keeping the relative order of every list (Django's Media.merge): an item that
 * follows another in some list follows it in the result. Lists that disagree keep first-seen order.
 *
 * @example
 * mergeMediaLists([['jquery.js', 'a.js'], ['jquery.js', 'b.js', 'a.js']]); // ['jquery.js', 'b.js', 'a.js']
 */
export function mergeMediaLists(lists: ReadonlyArray<readonly string[]>): string[] {
  const after = new Map<string, Set<string>>();
  const order: string[] = [];
  const add = (item: string) => {
    if (!after.has(item)) {
      after.set(item, new Set());
      order.push(item);
    }
  };
  for (const list of lists) {
    let previous: string | undefined;
    for (const item of list) {
      add(item);
      if (previous !== undefined && previous !== item) after.get(item)!.add(previous);
      previous = item;
    }
  }
  const result: string[] = [];
  const done = new Set<string>();
  while (result.length < order.length) {
    const ready = order.find((item) => !done.has(item) && [...after.get(item)!].every((dep) => done.has(dep)));
    if (ready === undefined) {
      process.emitWarning(`Detected duplicate Media files in an opposite order: ${order.join(', ')}`, { type: 'MediaOrderConflictWarning' });
      return order;
    }
    done.add(ready);
    result.push(ready);
  }
  return result;
}

function absoluteUrl(path: string): string {
  return /^(https?:)?\/\//.test(path) || path.startsWith('/') ? path : staticResolver(path);
}

/**
 * A set of CSS and JavaScript files. `form.media` (and `widget.media`) combine their widgets'
 * media; printing one writes the tags.
 *
 * @example
 * class CalendarWidget extends TextInput {
 *   static override media = { css: { all: ['pretty.css'] }, js: ['animations.js', 'actions.js'] };
 * }
 * `${form.media}` // <link href="/static/pretty.css" media="all" rel="stylesheet">\n<script src="/static/animations.js"></script>…
 */
export class Media extends SafeHtml {
  private readonly cssLists: Array<Record<string, readonly string[]>>;
  private readonly jsLists: Array<readonly string[]>;

  constructor(definition: MediaDefinition = {}) {
    super();
    this.cssLists = definition.css ? [definition.css] : [];
    this.jsLists = definition.js ? [definition.js] : [];
  }

  /** The style sheets by media type, merged. */
  get css(): Record<string, string[]> {
    const media = new Set<string>();
    for (const css of this.cssLists) for (const key of Object.keys(css)) media.add(key);
    const out: Record<string, string[]> = {};
    for (const key of media) out[key] = mergeMediaLists(this.cssLists.map((css) => css[key] ?? []));
    return out;
  }

  /** The scripts, merged. */
  get js(): string[] {
    return mergeMediaLists(this.jsLists);
  }

  /** This media and `other`'s, without duplicates (Django's `media + other`). */
  add(other: Media): Media {
    const combined = new Media();
    combined.cssLists.push(...this.cssLists, ...other.cssLists);
    combined.jsLists.push(...this.jsLists, ...other.jsLists);
    return combined;
  }

  /** Only the `<link>` tags (`'css'`) or only the `<script>` tags (`'js'`), as Django's `media['css']`. */
  only(kind: 'css' | 'js'): Media {
    const part = new Media();
    if (kind === 'css') part.cssLists.push(...this.cssLists);
    else part.jsLists.push(...this.jsLists);
    return part;
  }

  /** `<link>` tags, one per style sheet. */
  renderCss(): string[] {
    const css = this.css;
    return Object.keys(css)
      .sort()
      .flatMap((medium) => css[medium]!.map((path) => `<link href="${escapeHtml(absoluteUrl(path))}" media="${escapeHtml(medium)}" rel="stylesheet">`));
  }

  /** `<script>` tags, one per script. */
  renderJs(): string[] {
    return this.js.map((path) => `<script src="${escapeHtml(absoluteUrl(path))}"></script>`);
  }

  /** Every tag, style sheets first. */
  render(): SafeString {
    return markSafe(this.toHtml());
  }

  toHtml(): string {
    return [...this.renderCss(), ...this.renderJs()].join('\n');
  }
}

const definitions = new WeakMap<object, Media>();

/**
 * The media a class declares with `static media`, merged with its parents' unless `extend: false`
 * (Django's media metaclass). Computed once per class.
 * @internal
 */
export function classMedia(ctor: object): Media {
  let media = definitions.get(ctor);
  if (media) return media;
  const own = Object.getOwnPropertyDescriptor(ctor, 'media')?.value as MediaDefinition | Media | undefined;
  const parent = Object.getPrototypeOf(ctor) as object | null;
  const inherited = parent && parent !== Function.prototype ? classMedia(parent) : new Media();
  if (own === undefined) media = inherited;
  else {
    const declared = own instanceof Media ? own : new Media(own);
    media = own instanceof Media || own.extend === false ? declared : inherited.add(declared);
  }
  definitions.set(ctor, media);
  return media;
}
