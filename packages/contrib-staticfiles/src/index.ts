/**
 * `manouche.contrib.staticfiles`: Django's staticfiles app — finders, `findstatic`,
 * `collectstatic` with content-hashed names and a manifest, `static()` for templates, and a
 * production-grade file server so no web server is needed in front.
 */
import type { Command } from '@manouche/contracts';
import { collectstaticCommand } from './commands/collectstatic.js';
import { findstaticCommand } from './commands/findstatic.js';

/**
 * The app's configuration: label `staticfiles`, the `collectstatic` and `findstatic` commands.
 *
 * @example
 * // settings: INSTALLED_APPS: [..., 'manouche.contrib.staticfiles'], STATIC_URL: '/static/', STATIC_ROOT: 'staticfiles'
 */
export const appConfig: { label: string; verboseName: string; commands: Command[] } = {
  label: 'staticfiles',
  verboseName: 'Static Files',
  commands: [collectstaticCommand, findstaticCommand],
};

/** `collectstatic` and `findstatic`. */
export { collectstaticCommand } from './commands/collectstatic.js';
export { findstaticCommand } from './commands/findstatic.js';
/** The finders: STATICFILES_DIRS, then each app's static/. */
export {
  createFinders,
  matchesPatterns,
  DEFAULT_IGNORE_PATTERNS,
  type StaticFinders,
  type FoundStaticFile,
  type StaticLocation,
  type FinderOptions,
} from './finders.js';
/** Content-hashed names and reference rewriting. */
export { hashFiles, hashedName, type HashedFile, type SourceFile } from './hashed-names.js';
/** The manifest and the template `static()` function. */
export { createStaticUrl, readManifest, MANIFEST_NAME, type Manifest, type StaticUrlOptions } from './manifest.js';
/** The file server (WhiteNoise-like) and the project-level wrapper runserver and production use. */
export { serveStaticFiles, type StaticServerOptions, type ResolvedFile } from './static-server.js';
export { withProjectStaticFiles, type ProjectStaticFilesOptions } from './project-static-files.js';
/** STATIC_ROOT / STATIC_URL of a project, checked. */
export { projectStaticRoot, projectStaticUrl } from './project-settings.js';
/** Errors, each with a stable code. */
export {
  StaticFilesError,
  StaticFilesConfigError,
  MissingReferenceError,
  ReferenceCycleError,
  MissingManifestEntryError,
  ManifestNotFoundError,
} from './errors.js';
