import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileBasedCache } from '../src/index.js';

const root = mkdtempSync(path.join(tmpdir(), 'manouche-file-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the file cache', () => {
  it('writes one file per key and clear() removes only its own files', async () => {
    const dir = path.join(root, 'own');
    const cache = new FileBasedCache({ LOCATION: dir });
    await cache.setMany({ a: 1, b: 2 });
    writeFileSync(path.join(dir, 'README.txt'), 'not the cache');
    expect(readdirSync(dir).filter((name) => name.endsWith('.mcache'))).toHaveLength(2);
    await cache.clear();
    expect(readdirSync(dir)).toEqual(['README.txt']);
  });

  it('removes a random 1/CULL_FREQUENCY of the files when MAX_ENTRIES is reached', async () => {
    const dir = path.join(root, 'culled');
    const cache = new FileBasedCache({ LOCATION: dir, OPTIONS: { MAX_ENTRIES: 6, CULL_FREQUENCY: 3 } });
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) await cache.set(key, key);
    await cache.set('g', 'g');
    expect(readdirSync(dir).filter((name) => name.endsWith('.mcache'))).toHaveLength(5);
    expect(await cache.get('g')).toBe('g');
  });

  it('resolves a relative LOCATION against the project folder', () => {
    expect(new FileBasedCache({ LOCATION: 'var/cache' }, 'default', '/srv/mysite').dir).toBe('/srv/mysite/var/cache');
  });

  it('treats a file it did not write as a miss', async () => {
    const dir = path.join(root, 'foreign');
    const cache = new FileBasedCache({ LOCATION: dir });
    await cache.set('k', 'v');
    const [file] = readdirSync(dir);
    writeFileSync(path.join(dir, file!), 'garbage');
    expect(await cache.get('k')).toBeUndefined();
  });
});
