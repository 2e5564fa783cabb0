/**
 * Watches a project folder for `runserver --reload`: one non-recursive fs.watch per folder,
 * skipping dependency, build and database files so editors' saves — not installs — trigger.
 */
import { readdirSync, statSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import path from 'node:path';

const IGNORED_DIRS = new Set(['node_modules', '.git', 'dist', '.nx', 'coverage', '__pycache__', '.cache']);
const IGNORED_FILE = /(\.sqlite3(-journal|-wal|-shm)?|\.db-journal|\.log|\.swp|\.swx|~|\.tmp)$/;
const MAX_DIRS = 5000;

/** @internal Whether a change at `file` (relative to the root) should restart the server. */
export function isWatchedPath(relative: string): boolean {
  const parts = relative.split(path.sep);
  if (parts.some((part) => IGNORED_DIRS.has(part))) return false;
  const base = parts[parts.length - 1] ?? '';
  return !IGNORED_FILE.test(base) && !base.startsWith('.#');
}

/** @internal Calls `onChange(file)` for every relevant change under `root`; returns a stop function. */
export function watchTree(root: string, onChange: (file: string) => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  const add = (dir: string) => {
    if (watchers.has(dir) || watchers.size >= MAX_DIRS) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        if (name === null) return;
        const full = path.join(dir, name.toString());
        const relative = path.relative(root, full);
        if (!isWatchedPath(relative)) return;
        try {
          if (statSync(full).isDirectory()) add(full);
        } catch {
          // Deleted or renamed away: still a change worth a restart.
        }
        onChange(full);
      });
    } catch {
      return;
    }
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !IGNORED_DIRS.has(entry.name)) add(path.join(dir, entry.name));
    }
  };
  add(root);
  return () => {
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}
