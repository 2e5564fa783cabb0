/**
 * Content-hashed names for collectstatic (Django's ManifestStaticFilesStorage): every file gets
 * `name.<12 hex of md5>.ext`; CSS `url()` / `@import` and CSS/JS `sourceMappingURL` references are
 * rewritten to the hashed names first, so a file's hash covers the names it points at.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MissingReferenceError, ReferenceCycleError } from './errors.js';

/**
 * A file to hash: its name under STATIC_URL and where it is on disk.
 *
 * @example
 * const sources: SourceFile[] = [{ name: 'polls/style.css', absolute: '/srv/mysite/polls/static/polls/style.css' }];
 * hashFiles(sources, { staticUrl: '/static/' });
 */
export interface SourceFile {
  readonly name: string;
  readonly absolute: string;
}

/**
 * What hashing produced for one file.
 *
 * @example
 * const file: HashedFile = hashFiles(finders.list(), { staticUrl: '/static/' }).get('polls/style.css')!;
 * writeFileSync(path.join(staticRoot, file.hashedName), file.content);
 */
export interface HashedFile {
  readonly name: string;
  readonly hashedName: string;
  /** The bytes to write under both names (rewritten for CSS/JS that reference other files). */
  readonly content: Buffer;
  /** Whether references inside were rewritten. */
  readonly postProcessed: boolean;
}

interface Pattern {
  readonly regex: RegExp;
  /** Whether matches inside CSS comments count (sourceMappingURL lives in one). */
  readonly inComments: boolean;
}

const CSS_PATTERNS: readonly Pattern[] = [
  { regex: /url\(\s*(["']?)(?<url>[^"')]*?)\1\s*\)/gi, inComments: false },
  { regex: /@import\s*(["'])\s*(?<url>[^"']*?)\1/gi, inComments: false },
  { regex: /^\/\*#[ \t]sourceMappingURL=(?<url>\S+)[ \t]*\*\/$/gm, inComments: true },
];
const JS_PATTERNS: readonly Pattern[] = [{ regex: /^\/\/# sourceMappingURL=(?<url>\S+)$/gm, inComments: true }];

/**
 * The hashed form of a name: `polls/style.css` + hash → `polls/style.0123456789ab.css`.
 *
 * @example
 * hashedName('polls/style.css', readFileSync('polls/static/polls/style.css')); // 'polls/style.5e0b9c7a1234.css'
 */
export function hashedName(name: string, content: Buffer): string {
  const hash = createHash('md5').update(content).digest('hex').slice(0, 12);
  const dir = path.posix.dirname(name);
  const ext = path.posix.extname(name);
  const stem = path.posix.basename(name, ext);
  const file = `${stem}.${hash}${ext}`;
  return dir === '.' ? file : `${dir}/${file}`;
}

function commentRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const comment = /\/\*[\s\S]*?\*\//g;
  for (let match = comment.exec(text); match; match = comment.exec(text)) ranges.push([match.index, match.index + match[0].length]);
  return ranges;
}

function isExternal(url: string): boolean {
  return url === '' || url.startsWith('#') || url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Hashes every file, rewriting references in CSS and JavaScript. A reference to a file that is
 * not among `files` is a MissingReferenceError naming the file and line; a loop of references is a
 * ReferenceCycleError.
 *
 * @example
 * const hashed = hashFiles(finders.list(), { staticUrl: '/static/' });
 * hashed.get('polls/style.css')?.hashedName; // 'polls/style.5e0b9c7a1234.css'
 */
export function hashFiles(files: readonly SourceFile[], options: { staticUrl: string }): Map<string, HashedFile> {
  const byName = new Map(files.map((file) => [file.name, file]));
  const done = new Map<string, HashedFile>();
  const visiting: string[] = [];

  const resolveReference = (from: string, url: string): string => {
    if (url.startsWith('/')) return url.startsWith(options.staticUrl) ? url.slice(options.staticUrl.length) : url;
    return path.posix.normalize(path.posix.join(path.posix.dirname(from), url)).replace(/^(\.\/)+/, '');
  };

  const process = (name: string): HashedFile => {
    const existing = done.get(name);
    if (existing) return existing;
    if (visiting.includes(name)) throw new ReferenceCycleError([...visiting.slice(visiting.indexOf(name)), name]);
    const file = byName.get(name)!;
    const raw = readFileSync(file.absolute);
    const ext = path.posix.extname(name).toLowerCase();
    const patterns = ext === '.css' ? CSS_PATTERNS : ext === '.js' || ext === '.mjs' ? JS_PATTERNS : undefined;
    if (!patterns) {
      const result = { name, hashedName: hashedName(name, raw), content: raw, postProcessed: false };
      done.set(name, result);
      return result;
    }
    visiting.push(name);
    const text = raw.toString('utf8');
    const comments = ext === '.css' ? commentRanges(text) : [];
    const edits: Array<{ start: number; end: number; replacement: string }> = [];
    for (const pattern of patterns) {
      pattern.regex.lastIndex = 0;
      for (let match = pattern.regex.exec(text); match; match = pattern.regex.exec(text)) {
        if (!pattern.inComments && comments.some(([start, end]) => match!.index >= start && match!.index < end)) continue;
        const url = match.groups!.url!.trim();
        if (isExternal(url) || (url.startsWith('/') && !url.startsWith(options.staticUrl))) continue;
        const cut = url.search(/[?#]/);
        const urlPath = cut === -1 ? url : url.slice(0, cut);
        const suffix = cut === -1 ? '' : url.slice(cut);
        let target: string;
        try {
          target = decodeURIComponent(resolveReference(name, urlPath));
        } catch {
          target = resolveReference(name, urlPath);
        }
        if (!byName.has(target)) throw new MissingReferenceError(name, lineAt(text, match.index), url, target);
        const hashedTarget = process(target).hashedName;
        const segments = urlPath.split('/');
        segments[segments.length - 1] = path.posix.basename(hashedTarget);
        const urlStart = match.index + match[0].indexOf(match.groups!.url!);
        edits.push({ start: urlStart, end: urlStart + match.groups!.url!.length, replacement: segments.join('/') + suffix });
      }
    }
    visiting.pop();
    edits.sort((a, b) => a.start - b.start);
    let rewritten = '';
    let position = 0;
    for (const edit of edits) {
      if (edit.start < position) continue;
      rewritten += text.slice(position, edit.start) + edit.replacement;
      position = edit.end;
    }
    rewritten += text.slice(position);
    const content = edits.length ? Buffer.from(rewritten, 'utf8') : raw;
    const result = { name, hashedName: hashedName(name, content), content, postProcessed: edits.length > 0 };
    done.set(name, result);
    return result;
  };

  for (const file of files) process(file.name);
  return done;
}
