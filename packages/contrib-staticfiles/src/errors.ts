/** Errors of the staticfiles app, each with a stable code. */

/**
 * Base class: every staticfiles error has a `MANOUCHE_STATICFILES_*` code.
 *
 * @example
 * try { readManifest('/srv/mysite/staticfiles'); }
 * catch (error) { if (error instanceof StaticFilesError) console.error(error.code, error.message); }
 */
export class StaticFilesError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'StaticFilesError';
  }
}

/**
 * A setting the app needs is missing or wrong (STATIC_ROOT unset for collectstatic, a STATICFILES_DIRS entry that is STATIC_ROOT).
 *
 * @example
 * projectStaticRoot(project); // StaticFilesConfigError when STATIC_ROOT is not set
 */
export class StaticFilesConfigError extends StaticFilesError {
  constructor(message: string) {
    super(message, 'MANOUCHE_STATICFILES_IMPROPERLY_CONFIGURED');
    this.name = 'StaticFilesConfigError';
  }
}

/**
 * A CSS or JavaScript file references a file that no finder has (Django's post-process error).
 *
 * @example
 * // polls/style.css has url('images/gone.png'), and no finder has polls/images/gone.png:
 * // manouche collectstatic fails: The file 'polls/style.css' (line 3) references 'images/gone.png', …
 */
export class MissingReferenceError extends StaticFilesError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reference: string,
    readonly resolved: string,
  ) {
    super(
      `The file '${file}' (line ${line}) references '${reference}', which could not be found as '${resolved}' among the static files. ` +
        'Add the file, fix the reference, or remove it.',
      'MANOUCHE_STATICFILES_MISSING_REFERENCE',
    );
    this.name = 'MissingReferenceError';
  }
}

/**
 * Static files reference each other in a loop, so no content hash can be computed.
 *
 * @example
 * // a.css has @import 'b.css' and b.css has @import 'a.css':
 * hashFiles(finders.list(), { staticUrl: '/static/' }); // ReferenceCycleError: a.css -> b.css -> a.css
 */
export class ReferenceCycleError extends StaticFilesError {
  constructor(readonly chain: string[]) {
    super(
      `Static files reference each other in a cycle: ${chain.join(' -> ')}. Content-hashed names cannot be computed for a cycle.`,
      'MANOUCHE_STATICFILES_REFERENCE_CYCLE',
    );
    this.name = 'ReferenceCycleError';
  }
}

/**
 * `static('x')` with DEBUG off for a file the manifest does not list (Django's "Missing staticfiles manifest entry").
 *
 * @example
 * const staticUrl = createStaticUrl({ staticUrl: '/static/', staticRoot: '/srv/mysite/staticfiles', debug: false });
 * staticUrl('polls/missing.css'); // MissingManifestEntryError: Missing staticfiles manifest entry for 'polls/missing.css' …
 */
export class MissingManifestEntryError extends StaticFilesError {
  constructor(
    readonly file: string,
    readonly manifestPath: string,
  ) {
    super(
      `Missing staticfiles manifest entry for '${file}' in ${manifestPath}. Check the name, make sure the file is in an app's static/ folder or STATICFILES_DIRS, and run 'manouche collectstatic'.`,
      'MANOUCHE_STATICFILES_MISSING_MANIFEST_ENTRY',
    );
    this.name = 'MissingManifestEntryError';
  }
}

/**
 * The manifest file is absent or unreadable while DEBUG is off.
 *
 * @example
 * readManifest('/srv/mysite/staticfiles'); // ManifestNotFoundError before the first collectstatic
 */
export class ManifestNotFoundError extends StaticFilesError {
  constructor(
    readonly manifestPath: string,
    reason: string,
  ) {
    super(
      `The staticfiles manifest ${manifestPath} could not be read (${reason}). Run 'manouche collectstatic' with DEBUG off before serving.`,
      'MANOUCHE_STATICFILES_MANIFEST_NOT_FOUND',
    );
    this.name = 'ManifestNotFoundError';
  }
}
