/**
 * Static file finders (Django's FileSystemFinder then AppDirectoriesFinder): STATICFILES_DIRS in
 * order, then each installed app's `static/` folder in INSTALLED_APPS order. The first match wins.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@manouche/contracts';
import picomatch from 'picomatch';
import { StaticFilesConfigError } from './errors.js';

/**
 * Django's collectstatic ignore patterns when `--no-default-ignore` is not given.
 *
 * @example
 * matchesPatterns('polls/.DS_Store', DEFAULT_IGNORE_PATTERNS); // true: not collected
 */
export const DEFAULT_IGNORE_PATTERNS: readonly string[] = ['CVS', '.*', '*~'];

/**
 * One folder the finders search, and where it came from (for findstatic's messages).
 *
 * @example
 * const found = finders.list()[0]!;
 * found.location.source; // 'STATICFILES_DIRS' or an app label such as 'polls'
 */
export interface StaticLocation {
  /** Absolute folder. */
  readonly root: string;
  /** `STATICFILES_DIRS` or the app label. */
  readonly source: string;
}

/**
 * A static file found by the finders.
 *
 * @example
 * for (const file of finders.list()) console.log(file.name, '->', file.absolute); // polls/style.css -> /srv/mysite/polls/static/polls/style.css
 */
export interface FoundStaticFile {
  /** The name under STATIC_URL, with `/` separators (`polls/style.css`). */
  readonly name: string;
  /** Absolute path on disk. */
  readonly absolute: string;
  readonly location: StaticLocation;
}

/**
 * What the finders read: the settings and the installed apps.
 *
 * @example
 * createFinders({ baseDir: '/srv/mysite', staticfilesDirs: ['assets'], apps: project.apps.getAppConfigs(), staticRoot: '/srv/mysite/staticfiles' });
 */
export interface FinderOptions {
  /** The project folder; relative STATICFILES_DIRS entries are resolved against it. */
  baseDir: string;
  staticfilesDirs: readonly string[];
  /** Installed apps, in INSTALLED_APPS order. */
  apps: readonly Pick<AppConfig, 'label' | 'path'>[];
  /** STATIC_ROOT, which must not be one of STATICFILES_DIRS. */
  staticRoot?: string | null;
}

/**
 * Whether `name` (a `/`-separated relative path) matches one of Django-style glob patterns, by base name or by whole path.
 *
 * @example
 * matchesPatterns('polls/scss/site.scss', ['*.scss']); // true (base name)
 * matchesPatterns('polls/vendor/x.js', ['polls/vendor/*']); // true (whole path)
 */
export function matchesPatterns(name: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const isMatch = picomatch(patterns as string[], { dot: true, nobrace: true, noextglob: true });
  return isMatch(path.posix.basename(name)) || isMatch(name);
}

/** Whether a name is safe to look up under a root: relative, no `..`/`.` segments, no NUL or backslash. */
export function isSafeName(name: string): boolean {
  if (name === '' || name.includes('\0') || name.includes('\\') || name.startsWith('/')) return false;
  return name.split('/').every((segment) => segment !== '..' && segment !== '.' && segment !== '');
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The finders of a project.
 *
 * @example
 * const finders = createFinders({ baseDir, staticfilesDirs: settings.STATICFILES_DIRS, apps: project.apps.getAppConfigs() });
 * finders.find('polls/style.css'); // '/srv/mysite/polls/static/polls/style.css'
 */
export function createFinders(options: FinderOptions) {
  const staticRoot = options.staticRoot ? path.resolve(options.baseDir, options.staticRoot) : undefined;
  const locations: StaticLocation[] = [];
  for (const dir of options.staticfilesDirs) {
    if (typeof dir !== 'string') throw new StaticFilesConfigError(`STATICFILES_DIRS entries must be folder paths (strings), got ${JSON.stringify(dir)}.`);
    const root = path.resolve(options.baseDir, dir);
    if (staticRoot && root === staticRoot)
      throw new StaticFilesConfigError(`The STATICFILES_DIRS setting should not contain the STATIC_ROOT setting (${root}).`);
    locations.push({ root, source: 'STATICFILES_DIRS' });
  }
  for (const app of options.apps) locations.push({ root: path.join(app.path, 'static'), source: app.label });

  return {
    /** Every folder searched, in order. */
    locations: locations as readonly StaticLocation[],
    /** The first file named `name`, or undefined (also for unsafe names). */
    find(name: string): FoundStaticFile | undefined {
      return this.findAll(name, true)[0];
    },
    /** Every file named `name`, in search order (findstatic). */
    findAll(name: string, firstOnly = false): FoundStaticFile[] {
      const normalized = name.replace(/^\/+/, '');
      if (!isSafeName(normalized)) return [];
      const found: FoundStaticFile[] = [];
      for (const location of locations) {
        const absolute = path.join(location.root, ...normalized.split('/'));
        if (isFile(absolute)) {
          found.push({ name: normalized, absolute, location });
          if (firstOnly) break;
        }
      }
      return found;
    },
    /**
     * Every file the finders have, first match per name, skipping names matching `ignorePatterns`
     * (collectstatic); `onShadowed` hears of each later file with a name already found.
     */
    list(ignorePatterns: readonly string[] = [], onShadowed?: (shadowed: FoundStaticFile, kept: FoundStaticFile) => void): FoundStaticFile[] {
      const seen = new Map<string, FoundStaticFile>();
      for (const location of locations) {
        for (const name of walk(location.root, '', ignorePatterns)) {
          const file = { name, absolute: path.join(location.root, ...name.split('/')), location };
          const kept = seen.get(name);
          if (!kept) seen.set(name, file);
          else onShadowed?.(file, kept);
        }
      }
      return [...seen.values()];
    },
  };
}

/**
 * The finders of a project, as `createFinders` returns them.
 *
 * @example
 * const finders: StaticFinders = createFinders({ baseDir, staticfilesDirs: [], apps });
 * finders.find('polls/style.css');
 */
export type StaticFinders = ReturnType<typeof createFinders>;

function walk(root: string, prefix: string, ignorePatterns: readonly string[]): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(prefix ? path.join(root, prefix) : root, { withFileTypes: true });
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (matchesPatterns(name, ignorePatterns)) continue;
    if (entry.isSymbolicLink()) {
      try {
        const target = statSync(path.join(root, name));
        if (target.isDirectory()) names.push(...walk(root, name, ignorePatterns));
        else if (target.isFile()) names.push(name);
      } catch {
        // A dangling link is not a file to collect.
      }
      continue;
    }
    if (entry.isDirectory()) names.push(...walk(root, name, ignorePatterns));
    else if (entry.isFile()) names.push(name);
  }
  return names;
}
