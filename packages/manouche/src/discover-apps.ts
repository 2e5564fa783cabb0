import type { AppRegistry } from '@manouche/contracts';
import type { LoadProjectOptions } from '@manouche/cli';
import { createAppRegistry } from '@manouche/core';
import { loadSettings } from '@manouche/settings';
import path from 'node:path';
import { appFolderResolver } from './app-paths.js';
import { withContribApps } from './contrib-apps.js';

/**
 * Loads only the settings and INSTALLED_APPS (no databases), to find the commands installed apps
 * contribute before dispatching. The modules stay loaded, so the project loads them once.
 */
export async function discoverApps(options: Pick<LoadProjectOptions, 'baseDir' | 'settingsFile' | 'importModule'>): Promise<{ apps: AppRegistry }> {
  const module = await options.importModule(options.settingsFile);
  const settings = loadSettings({ values: module.default, source: path.relative(options.baseDir, options.settingsFile), baseDir: options.baseDir });
  return {
    apps: await createAppRegistry(settings.INSTALLED_APPS, {
      importModule: withContribApps(options.importModule),
      resolveAppPath: appFolderResolver(options.baseDir),
      settings,
    }),
  };
}
