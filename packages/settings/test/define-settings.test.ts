import { describe, expect, it } from 'vitest';
import { defineSettings, isDefinedSettings, loadSettings, SettingsError } from '../src/index.js';

describe('defineSettings()', () => {
  it('returns the values, marked as a settings module', () => {
    const values = defineSettings({ DEBUG: true, INSTALLED_APPS: ['blog'] });
    expect(values).toEqual({ DEBUG: true, INSTALLED_APPS: ['blog'] });
    expect(isDefinedSettings(values)).toBe(true);
    expect(isDefinedSettings({ DEBUG: true })).toBe(false);
    expect(isDefinedSettings(null)).toBe(false);
  });

  it('keeps the mark out of Object.keys and JSON', () => {
    const values = defineSettings({ DEBUG: true });
    expect(Object.keys(values)).toEqual(['DEBUG']);
    expect(JSON.stringify(values)).toBe('{"DEBUG":true}');
  });

  it('freezes the values deeply, so an environment cannot change its base by accident', () => {
    const base = defineSettings({ INSTALLED_APPS: ['blog'], DATABASES: { default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } } });
    expect(Object.isFrozen(base)).toBe(true);
    expect(() => base.INSTALLED_APPS.push('admin')).toThrow(TypeError);
    expect(() => {
      (base.DATABASES.default as { NAME: string }).NAME = 'other';
    }).toThrow(TypeError);
  });

  it('copies its input, so later changes to the literal do not leak in', () => {
    const apps = ['blog'];
    const values = defineSettings({ INSTALLED_APPS: apps });
    apps.push('shop');
    expect(values.INSTALLED_APPS).toEqual(['blog']);
  });

  it('lets a per-environment module spread its base and override keys', () => {
    const base = defineSettings({ DEBUG: false, INSTALLED_APPS: ['blog'], TIME_ZONE: 'UTC' });
    const local = defineSettings({ ...base, DEBUG: true, INSTALLED_APPS: [...base.INSTALLED_APPS, 'debug_toolbar'] });
    expect(local).toEqual({ DEBUG: true, INSTALLED_APPS: ['blog', 'debug_toolbar'], TIME_ZONE: 'UTC' });
    expect(isDefinedSettings(local)).toBe(true);
    expect(base.DEBUG).toBe(false);
  });

  it.each([[null], [['DEBUG']], ['DEBUG=true']])('rejects %j, which is not an object of settings', (input) => {
    expect(() => defineSettings(input as never)).toThrow(SettingsError);
    expect(() => defineSettings(input as never)).toThrow(/^defineSettings\(\) expects an object of settings, such as \{ DEBUG: true \}; got /);
  });
});

describe('typing', () => {
  it('makes a misspelt setting a compile error and a run-time error', () => {
    // @ts-expect-error DEBG is not a setting: TypeScript says "Did you mean to write 'DEBUG'?"
    const values = defineSettings({ DEBG: true });
    expect(() => loadSettings({ values, source: 'mysite/settings.ts', baseDir: '/srv', env: {} })).toThrow(
      'Unknown setting "DEBG" in mysite/settings.ts. Did you mean "DEBUG"?',
    );
  });

  it('makes a wrong type a compile error', () => {
    // @ts-expect-error DEBUG is a boolean
    expect(() => loadSettings({ values: defineSettings({ DEBUG: 'yes' }), source: 's.ts', baseDir: '/srv', env: {} })).toThrow(SettingsError);
  });
});
