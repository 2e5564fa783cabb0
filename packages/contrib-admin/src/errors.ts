/** Every error the admin app raises, each with a stable code. */

/**
 * A model was registered twice on one AdminSite (Django's AlreadyRegistered).
 *
 * @example
 * admin.register(Post);
 * admin.register(Post); // AlreadyRegistered: The model Post is already registered with 'admin' (AdminSite). Unregister it first…
 */
export class AlreadyRegistered extends Error {
  readonly code = 'MANOUCHE_ADMIN_ALREADY_REGISTERED';
  constructor(message: string) {
    super(message);
    this.name = 'AlreadyRegistered';
  }
}

/**
 * A model that is not registered was unregistered or looked up (Django's NotRegistered).
 *
 * @example
 * admin.site.unregister(Tag); // NotRegistered: The model Tag is not registered with 'admin' (AdminSite).
 */
export class NotRegistered extends Error {
  readonly code = 'MANOUCHE_ADMIN_NOT_REGISTERED';
  constructor(message: string) {
    super(message);
    this.name = 'NotRegistered';
  }
}

/**
 * ModelAdmin options that cannot work (an unknown field in listDisplay…); `manouche check` reports the same with admin.E0xx ids.
 *
 * @example
 * admin.register(Author, { inlines: [tabularInline(Tag)] });
 * // GET /admin/blog/author/add/ → AdminConfigurationError: 'blog.Tag' has no ForeignKey to 'blog.Author'. (admin.E202, an inline of blog.Author)
 */
export class AdminConfigurationError extends Error {
  readonly code = 'MANOUCHE_ADMIN_IMPROPERLY_CONFIGURED';
  constructor(message: string) {
    super(message);
    this.name = 'AdminConfigurationError';
  }
}
