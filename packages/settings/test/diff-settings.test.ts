import { describe, expect, it } from 'vitest';
import { createSettingsRegistry, diffSettings, loadSettings, MASKED_VALUE, safeSettings } from '../src/index.js';

const SECRET = 'x7#Kp2!vQ9zR4mW8nT6yB1cF5hJ3lD0sA-qE_uI+oP=gX*rZ&wV^bN%kM$tY@jH';
const baseDir = '/srv/mysite';

function load(values: Record<string, unknown>) {
  return loadSettings({ values, source: 'mysite/settings.ts', baseDir, env: {} });
}

describe('diffSettings()', () => {
  it("lists the settings that differ from the defaults, sorted, in Django's format", () => {
    const settings = load({ DEBUG: true, INSTALLED_APPS: ['blog'], TIME_ZONE: 'UTC', DATABASES: { default: 'sqlite:///db.sqlite3' } });
    expect(diffSettings(settings)).toBe(
      ["DATABASES = { default: { ENGINE: 'sqlite', NAME: '/srv/mysite/db.sqlite3' } }", 'DEBUG = true', "INSTALLED_APPS = ['blog']", "TIME_ZONE = 'UTC'"].join(
        '\n',
      ),
    );
  });

  it('masks secrets: SECRET_KEY, database passwords and passwords in URLs', () => {
    const settings = loadSettings({
      values: { SECRET_KEY: SECRET, DATABASES: { default: 'postgres://blog:hunter2@db/blog' }, CSRF_TRUSTED_ORIGINS: ['https://user:pw@example.com'] },
      source: 'mysite/settings.ts',
      baseDir,
      env: {},
    });
    const dump = diffSettings(settings);
    expect(dump).toContain(`SECRET_KEY = '${MASKED_VALUE}'`);
    expect(dump).toContain(`PASSWORD: '${MASKED_VALUE}'`);
    expect(dump).toContain(`CSRF_TRUSTED_ORIGINS = ['https://user:${MASKED_VALUE}@example.com']`);
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain('hunter2');
    expect(dump).not.toMatch(/:pw@/);
  });

  it("with all, lists the settings left at their defaults prefixed with '###'", () => {
    const lines = diffSettings(load({ DEBUG: true }), { all: true }).split('\n');
    expect(lines).toContain('DEBUG = true');
    expect(lines).toContain('### APPEND_SLASH = true');
    expect(lines).toContain(`### BASE_DIR = '${baseDir}'`);
    expect(lines).toContain("### SECRET_KEY = ''");
    expect(lines).toContain('### STATIC_ROOT = null');
    const names = lines.map((line) => line.replace(/^### /, '').split(' = ')[0]);
    expect(names).toEqual([...names].sort());
  });

  it("marks settings the base schema does not declare with a trailing '###', as Django marks custom settings", () => {
    const registry = createSettingsRegistry();
    registry.register({ BLOG_PAGE_SIZE: { type: 'integer', default: 20 } });
    const settings = loadSettings({ values: { DEBUG: true }, source: 's.ts', baseDir, env: {}, registry });
    expect(diffSettings(settings, { registry })).toBe('BLOG_PAGE_SIZE = 20  ###\nDEBUG = true');
  });

  it('compares against other settings when given defaults', () => {
    const production = load({ SECRET_KEY: SECRET, ALLOWED_HOSTS: ['example.com'] });
    const local = load({ DEBUG: true, SECRET_KEY: SECRET });
    expect(diffSettings(local, { defaults: production })).toBe('ALLOWED_HOSTS = []\nDEBUG = true');
  });

  it('writes the unified format with the default and the new value', () => {
    expect(diffSettings(load({ DEBUG: true, TIME_ZONE: 'UTC' }), { output: 'unified' })).toBe(
      "- DEBUG = false\n+ DEBUG = true\n- TIME_ZONE = 'America/Chicago'\n+ TIME_ZONE = 'UTC'",
    );
  });

  it('quotes strings so the dump reads like a settings module', () => {
    expect(diffSettings(load({ DEBUG: true, ROOT_URLCONF: "it's.urls" }))).toContain("ROOT_URLCONF = 'it\\'s.urls'");
  });
});

describe('safeSettings()', () => {
  it('keeps everything but secrets, at any depth', () => {
    const settings = loadSettings({
      values: {
        DEBUG: true,
        SECRET_KEY: SECRET,
        DATABASES: { default: { ENGINE: 'postgresql', NAME: 'blog', PASSWORD: 'hunter2', OPTIONS: { sslkey_password: 'k', api_token: 't' } } },
      },
      source: 's.ts',
      baseDir,
      env: {},
    });
    const safe = safeSettings(settings) as { SECRET_KEY: string; DEBUG: boolean; DATABASES: { default: Record<string, unknown> } };
    expect(safe.SECRET_KEY).toBe(MASKED_VALUE);
    expect(safe.DEBUG).toBe(true);
    expect(safe.DATABASES.default).toEqual({
      ENGINE: 'postgresql',
      NAME: 'blog',
      PASSWORD: MASKED_VALUE,
      OPTIONS: { sslkey_password: MASKED_VALUE, api_token: MASKED_VALUE },
    });
  });

  it('leaves an empty secret empty, so a missing key stays visible', () => {
    expect(safeSettings(load({ DEBUG: true })).SECRET_KEY).toBe('');
  });

  it('does not mask AUTH_PASSWORD_VALIDATORS, which only names validators', () => {
    const validators = [{ NAME: 'manouche.auth.MinimumLengthValidator', OPTIONS: { minLength: 9 } }];
    expect(safeSettings(load({ DEBUG: true, AUTH_PASSWORD_VALIDATORS: validators })).AUTH_PASSWORD_VALIDATORS).toEqual(validators);
  });
});
