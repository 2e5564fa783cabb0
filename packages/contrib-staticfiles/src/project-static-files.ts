/** Static and media serving for a whole project, the way its settings ask for it. */
import path from 'node:path';
import type { AsgiApplication } from '@manouche/asgi';
import type { Project } from '@manouche/contracts';
import { createFinders } from './finders.js';
import { readManifest } from './manifest.js';
import { serveStaticFiles } from './static-server.js';
import { projectStaticUrl } from './project-settings.js';

/**
 * Switches for `withProjectStaticFiles`.
 *
 * @example
 * const app = withProjectStaticFiles(project, await project.application(), { static: false }); // runserver --nostatic
 */
export interface ProjectStaticFilesOptions {
  /** Serve STATIC_URL (default true; runserver's `--nostatic` turns it off). */
  static?: boolean;
}

/**
 * Wraps a project's application with static file serving. DEBUG on: STATIC_URL from the finders
 * (new files appear without a restart, `Cache-Control: no-cache`) and MEDIA_URL from MEDIA_ROOT.
 * DEBUG off: STATIC_URL from STATIC_ROOT, scanned once, hashed names cached for a year; media is
 * not served (as in Django). A STATIC_URL on another host (`https://cdn…/`) is left alone.
 *
 * @example
 * const app = withProjectStaticFiles(project, await project.application());
 */
export function withProjectStaticFiles(
  project: Pick<Project, 'settings' | 'baseDir' | 'apps'>,
  inner: AsgiApplication,
  options: ProjectStaticFilesOptions = {},
): AsgiApplication {
  const { settings } = project;
  const staticUrl = projectStaticUrl(project);
  let app = inner;
  if (settings.DEBUG) {
    const mediaUrl = typeof settings.MEDIA_URL === 'string' ? settings.MEDIA_URL : '';
    const mediaRoot = typeof settings.MEDIA_ROOT === 'string' ? settings.MEDIA_ROOT : '';
    if (mediaUrl.startsWith('/') && mediaUrl !== '/' && mediaRoot) {
      const root = path.resolve(project.baseDir, mediaRoot);
      app = serveStaticFiles(app, { prefix: mediaUrl, resolve: (name) => ({ absolute: path.join(root, ...name.split('/')), root }) });
    }
    if (options.static !== false && staticUrl.startsWith('/')) {
      const finders = createFinders({ baseDir: project.baseDir, staticfilesDirs: settings.STATICFILES_DIRS, apps: project.apps.getAppConfigs() });
      app = serveStaticFiles(app, {
        prefix: staticUrl,
        resolve: (name) => {
          const found = finders.find(name);
          return found ? { absolute: found.absolute, root: found.location.root } : undefined;
        },
      });
    }
    return app;
  }
  if (options.static === false || !settings.STATIC_ROOT || !staticUrl.startsWith('/')) return app;
  const root = path.resolve(project.baseDir, settings.STATIC_ROOT);
  let hashed = new Set<string>();
  try {
    hashed = new Set(Object.values(readManifest(root).paths));
  } catch {
    // No manifest (collectstatic not run): files are still served, with the short max-age.
  }
  return serveStaticFiles(app, { prefix: staticUrl, root, isImmutable: (name) => hashed.has(name.replace(/\.(br|gz)$/, '')) });
}
