import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { contribAppFolder, manoucheNameFor } from './contrib-apps.js';
import { ProjectSetupError } from './errors.js';

/**
 * The folder of an INSTALLED_APPS entry: a contrib app (`manouche.contrib.auth`) → its package's
 * folder; `blog` → `<baseDir>/blog`, `shop.payments` → `<baseDir>/shop/payments`. A Django name
 * is an error naming the Manouche one; an entry with no such folder is an error naming the path tried.
 */
export function appFolderResolver(baseDir: string): (name: string) => string {
  return (name) => {
    const contrib = contribAppFolder(name);
    if (contrib) return contrib;
    const manoucheName = manoucheNameFor(name);
    if (manoucheName) throw new ProjectSetupError(`INSTALLED_APPS entry '${name}' is Django's name: write '${manoucheName}'.`);
    const folder = path.join(baseDir, ...name.split('.'));
    if (existsSync(folder) && statSync(folder).isDirectory()) return folder;
    throw new ProjectSetupError(`INSTALLED_APPS entry '${name}' has no folder: expected ${folder} (an app is a folder of the project with an index.ts).`);
  };
}
