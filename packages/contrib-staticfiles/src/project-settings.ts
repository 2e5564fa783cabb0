/** The staticfiles settings of a project, checked: STATIC_ROOT absolute, STATIC_URL with its slash. */
import path from 'node:path';
import type { Project } from '@manouche/contracts';
import { StaticFilesConfigError } from './errors.js';

/**
 * STATIC_ROOT as an absolute folder; unset is an error naming the setting (Django's ImproperlyConfigured).
 *
 * @example
 * projectStaticRoot(project); // '/srv/mysite/staticfiles' for STATIC_ROOT: 'staticfiles'
 */
export function projectStaticRoot(project: Pick<Project, 'settings' | 'baseDir'>): string {
  const root = project.settings.STATIC_ROOT;
  if (!root) {
    throw new StaticFilesConfigError(
      "You're using the staticfiles app without having set the STATIC_ROOT setting to a filesystem path (for example STATIC_ROOT: path.join(BASE_DIR, 'staticfiles')).",
    );
  }
  return path.resolve(project.baseDir, root);
}

/**
 * STATIC_URL with a trailing slash.
 *
 * @example
 * projectStaticUrl(project); // '/static/' for STATIC_URL: '/static'
 */
export function projectStaticUrl(project: Pick<Project, 'settings'>): string {
  const url = project.settings.STATIC_URL || '/static/';
  return url.endsWith('/') ? url : `${url}/`;
}
