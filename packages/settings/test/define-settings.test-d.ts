// Type tests (vitest --typecheck): what defineSettings() and loadSettings() promise at compile time.
import type { Settings } from '@manouche/contracts';
import { describe, expectTypeOf, it } from 'vitest';
import { defineSettings, loadSettings, type LoadedSettings, type SettingsInput } from '../src/index.js';

declare module '../src/index.js' {
  interface RegisteredSettings {
    BLOG_PAGE_SIZE: number;
  }
}

describe('defineSettings()', () => {
  it('makes a misspelt setting a compile error', () => {
    // @ts-expect-error DEBG is not a setting: TypeScript says "Did you mean to write 'DEBUG'?"
    defineSettings({ DEBG: true });
    // @ts-expect-error ALLOWED_HOST is not a setting either (ALLOWED_HOSTS is)
    defineSettings({ DEBUG: true, ALLOWED_HOST: ['example.com'] });
  });

  it('makes a wrong type a compile error', () => {
    // @ts-expect-error DEBUG is a boolean
    defineSettings({ DEBUG: 'yes' });
    // @ts-expect-error INSTALLED_APPS is a list of names
    defineSettings({ INSTALLED_APPS: 'blog' });
    // @ts-expect-error X_FRAME_OPTIONS is 'DENY' or 'SAMEORIGIN'
    defineSettings({ X_FRAME_OPTIONS: 'ALLOW' });
  });

  it('accepts the input forms: URL databases, Django engine names, partial templates', () => {
    const values = defineSettings({
      DATABASES: { default: 'sqlite:///db.sqlite3', legacy: { ENGINE: 'django.db.backends.postgresql', NAME: 'legacy', PORT: '5432' } },
      TEMPLATES: [{ APP_DIRS: true }],
      DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField',
      SECURE_PROXY_SSL_HEADER: ['HTTP_X_FORWARDED_PROTO', 'https'],
    });
    expectTypeOf(values.DATABASES.default).toEqualTypeOf<string>();
    expectTypeOf<SettingsInput['DEBUG']>().toEqualTypeOf<boolean | undefined>();
  });

  it('types a registered setting, in the input and in the loaded settings', () => {
    defineSettings({ BLOG_PAGE_SIZE: 10 });
    // @ts-expect-error BLOG_PAGE_SIZE is registered as a number
    defineSettings({ BLOG_PAGE_SIZE: 'ten' });
    expectTypeOf<LoadedSettings['BLOG_PAGE_SIZE']>().toEqualTypeOf<number>();
  });
});

describe('loadSettings()', () => {
  it('types the loaded settings as the contracts Settings with the base schema', () => {
    const settings = loadSettings({ values: { DEBUG: true }, source: 's.ts', baseDir: '/srv', env: {} });
    expectTypeOf(settings).toMatchTypeOf<Settings>();
    expectTypeOf(settings.SECURE_HSTS_SECONDS).toEqualTypeOf<number>();
    expectTypeOf(settings.X_FRAME_OPTIONS).toEqualTypeOf<'DENY' | 'SAMEORIGIN'>();
    expectTypeOf(settings.DATA_UPLOAD_MAX_MEMORY_SIZE).toEqualTypeOf<number | null>();
    expectTypeOf(settings.DEFAULT_AUTO_FIELD).toEqualTypeOf<'auto' | 'bigAuto' | 'smallAuto'>();
    expectTypeOf<LoadedSettings['DATABASES']['default']['ENGINE']>().toEqualTypeOf<'sqlite' | 'postgresql' | 'mysql'>();
  });
});
