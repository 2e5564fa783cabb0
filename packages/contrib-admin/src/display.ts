/**
 * What `display()` attaches to a listDisplay/readonlyFields callable (Django's @admin.display).
 *
 * @example
 * display((post: Post) => post.publish.getFullYear(), { description: 'Year', ordering: '-publish', emptyValue: '(never)' });
 */
export interface DisplayOptions {
  /** The column header (default: the function's name, humanised). */
  description?: string;
  /** Show the value as a yes/no/unknown icon. */
  boolean?: boolean;
  /** Make the column sortable by this field path (`'-publish'` sorts descending first). */
  ordering?: string;
  /** Shown for null/undefined/'' (default `-`). */
  emptyValue?: string;
}

/**
 * A column computed from an object, for listDisplay or readonlyFields.
 *
 * @example
 * const wordCount: DisplayFunction<Post> = display((post: Post) => post.body.split(/\s+/).length, { description: 'Words' });
 * admin.register(Post, { listDisplay: ['title', wordCount], readonlyFields: [wordCount] });
 */
export type DisplayFunction<M> = ((obj: M) => unknown) & { readonly adminDisplay?: DisplayOptions };

/**
 * Marks a function as an admin column with a header, a boolean icon or a sort field (Django's
 * `@admin.display`).
 *
 * @example
 * const wasPublishedRecently = display((q: Question) => q.wasPublishedRecently(), { boolean: true, ordering: 'pubDate', description: 'Published recently?' });
 * admin.register(Question, { listDisplay: ['questionText', 'pubDate', wasPublishedRecently] });
 */
export function display<M, F extends (obj: M) => unknown>(
  fn: F & ((obj: M) => unknown),
  options: DisplayOptions,
): F & { readonly adminDisplay: DisplayOptions } {
  return Object.assign(fn, { adminDisplay: { ...options } });
}
