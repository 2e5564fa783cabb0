import { ErrorCodes } from '@manouche/contracts';

/** Errors the meta-package raises while wiring a project together. Each carries a stable `code`. */

/**
 * The project could not be wired: the message names the step, the setting and what was expected.
 *
 * @example
 * await setup({ settings: { ...settings, INSTALLED_APPS: ['django.contrib.admin'] }, importModule });
 * // ProjectSetupError: INSTALLED_APPS entry 'django.contrib.admin' is Django's name: write 'manouche.contrib.admin'.
 */
export class ProjectSetupError extends Error {
  readonly code = 'MANOUCHE_SETUP_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProjectSetupError';
  }
}

/**
 * A bundled project (`manouche build`) asked for a module that was not bundled.
 *
 * @example
 * await bundledImporter('/srv/mysite', { 'blog.models': () => import('./blog/models.js') })('blog.admin');
 * // ModuleNotBundledError: The module 'blog.admin' is not part of this build. …
 */
export class ModuleNotBundledError extends Error {
  readonly code: typeof ErrorCodes.moduleNotBundled = ErrorCodes.moduleNotBundled;
  constructor(
    /** The module that was asked for (the contracts' `isModuleNotFound` compares it). */
    readonly specifier: string,
    known: string[],
  ) {
    super(`The module '${specifier}' is not part of this build. Bundled project modules: ${known.join(', ')}. Run 'manouche build' again after adding files.`);
    this.name = 'ModuleNotBundledError';
  }
}
