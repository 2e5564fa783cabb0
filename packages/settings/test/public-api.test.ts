import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

const srcDir = path.join(import.meta.dirname, '../src');

describe('the public API', () => {
  it('keeps convict behind one internal file that index.ts does not re-export', () => {
    const importers = readdirSync(srcDir).filter((file) => /from 'convict'/.test(readFileSync(path.join(srcDir, file), 'utf8')));
    expect(importers).toEqual(['convict-store.ts']);
    expect(readFileSync(path.join(srcDir, 'index.ts'), 'utf8')).not.toContain('convict-store');
  });

  it('exports the functions other layers rely on', () => {
    for (const name of [
      'defineSettings',
      'loadSettings',
      'resolveSettingsModule',
      'registerSettings',
      'checkDeploy',
      'deployCheck',
      'diffSettings',
      'safeSettings',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
