/** The errors @manouche/views raises, each with a stable `code`. */

/**
 * A page number that is not valid (Django's InvalidPage); the list views turn it into a 404.
 *
 * @example
 * try { await paginator.page(request.query.get('page')); }
 * catch (error) { if (error instanceof InvalidPage) throw new Http404(error.message); }
 */
export class InvalidPage extends Error {
  readonly code: string = 'MANOUCHE_VIEWS_INVALID_PAGE';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPage';
  }
}

/**
 * The page number is not a whole number (`'abc'`, `'1.5'`).
 *
 * @example
 * await new Paginator(posts, 10).page('abc'); // PageNotAnInteger
 */
export class PageNotAnInteger extends InvalidPage {
  override readonly code = 'MANOUCHE_VIEWS_PAGE_NOT_AN_INTEGER';
  constructor(message = 'That page number is not an integer') {
    super(message);
    this.name = 'PageNotAnInteger';
  }
}

/**
 * The page number is below 1 or past the last page.
 *
 * @example
 * await new Paginator(posts, 10).page(99); // EmptyPage: That page contains no results
 */
export class EmptyPage extends InvalidPage {
  override readonly code = 'MANOUCHE_VIEWS_EMPTY_PAGE';
  constructor(message: string) {
    super(message);
    this.name = 'EmptyPage';
  }
}

/**
 * A generic view is missing something it needs (Django's ImproperlyConfigured), named in the message.
 *
 * @example
 * path('new/', CreateView.asView({ model: Post })); // ViewConfigurationError on request: … without the 'fields' attribute is prohibited.
 */
export class ViewConfigurationError extends Error {
  readonly code = 'MANOUCHE_VIEWS_IMPROPERLY_CONFIGURED';
  constructor(message: string) {
    super(message);
    this.name = 'ImproperlyConfigured';
  }
}
