/**
 * The staticfiles manifest (`STATIC_ROOT/staticfiles.json`, Django's format): original name →
 * hashed name, read by `static()` in templates and by the production file server.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ManifestNotFoundError, MissingManifestEntryError } from './errors.js';

/**
 * The manifest's file name inside STATIC_ROOT (Django's).
 *
 * @example
 * existsSync(path.join(staticRoot, MANIFEST_NAME)); // true after collectstatic
 */
export const MANIFEST_NAME = 'staticfiles.json';

/**
 * The manifest's content.
 *
 * @example
 * const manifest: Manifest = readManifest('/srv/mysite/staticfiles');
 * manifest.paths['polls/style.css']; // 'polls/style.5e0b9c7a1234.css'
 */
export interface Manifest {
  readonly version: '1.1';
  /** Original name → hashed name. */
  readonly paths: Readonly<Record<string, string>>;
  /** A hash of all hashed names, for cache busting of the manifest itself. */
  readonly hash: string;
}

/**
 * Reads `STATIC_ROOT/staticfiles.json`; a missing or malformed file is a ManifestNotFoundError.
 *
 * @example
 * readManifest('/srv/mysite/staticfiles').paths['polls/style.css']; // 'polls/style.5e0b9c7a1234.css'
 */
export function readManifest(staticRoot: string): Manifest {
  const file = path.join(staticRoot, MANIFEST_NAME);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestNotFoundError(file, (error as Error).message);
  }
  const manifest = parsed as Partial<Manifest>;
  if (typeof manifest !== 'object' || manifest === null || typeof manifest.paths !== 'object' || manifest.paths === null) {
    throw new ManifestNotFoundError(file, 'it has no "paths" object');
  }
  return { version: '1.1', paths: manifest.paths, hash: String(manifest.hash ?? '') };
}

/**
 * What `createStaticUrl` needs from the settings.
 *
 * @example
 * createStaticUrl({ staticUrl: '/static/', staticRoot: '/srv/mysite/staticfiles', debug: false });
 */
export interface StaticUrlOptions {
  /** STATIC_URL, with its trailing slash. */
  staticUrl: string;
  /** STATIC_ROOT (absolute), where collectstatic wrote the manifest. */
  staticRoot: string | null;
  /** DEBUG: plain names when on, hashed names from the manifest when off. */
  debug: boolean;
  /**
   * With no manifest at all, give plain names rather than an error: the test runner sets it, since
   * tests run with DEBUG off but without collectstatic. A manifest that exists is still strict.
   */
  plainWithoutManifest?: boolean;
}

/**
 * The `static(name)` of templates: `STATIC_URL + name` with DEBUG on; `STATIC_URL + hashed name`
 * from the manifest with DEBUG off, and a MissingManifestEntryError naming the file when the
 * manifest does not list it. The manifest is re-read when collectstatic rewrites it.
 *
 * @example
 * const staticUrl = createStaticUrl({ staticUrl: '/static/', staticRoot: '/srv/mysite/staticfiles', debug: false });
 * staticUrl('polls/style.css'); // '/static/polls/style.5e0b9c7a1234.css'
 */
export function createStaticUrl(options: StaticUrlOptions): (name: string) => string {
  const prefix = options.staticUrl.endsWith('/') ? options.staticUrl : `${options.staticUrl}/`;
  let cached: { mtimeMs: number; manifest: Manifest } | undefined;
  const manifestFile = options.staticRoot ? path.join(options.staticRoot, MANIFEST_NAME) : `(STATIC_ROOT is not set)/${MANIFEST_NAME}`;
  const manifest = (): Manifest => {
    if (!options.staticRoot) throw new ManifestNotFoundError(manifestFile, 'STATIC_ROOT is not set');
    let mtimeMs: number;
    try {
      mtimeMs = statSync(manifestFile).mtimeMs;
    } catch (error) {
      throw new ManifestNotFoundError(manifestFile, (error as Error).message);
    }
    if (!cached || cached.mtimeMs !== mtimeMs) cached = { mtimeMs, manifest: readManifest(options.staticRoot) };
    return cached.manifest;
  };
  const manifestExists = () => options.staticRoot !== null && existsSync(manifestFile);
  return (name: string) => {
    const clean = String(name).replace(/^\/+/, '');
    if (options.debug) return prefix + clean;
    const cut = clean.search(/[?#]/);
    const base = cut === -1 ? clean : clean.slice(0, cut);
    if (options.plainWithoutManifest && !manifestExists()) return prefix + clean;
    const hashed = manifest().paths[base];
    if (hashed === undefined) throw new MissingManifestEntryError(base, manifestFile);
    return prefix + hashed + (cut === -1 ? '' : clean.slice(cut));
  };
}
