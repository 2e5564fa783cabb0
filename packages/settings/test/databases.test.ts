import { describe, expect, it } from 'vitest';
import { type InvalidSettingError, loadSettings, parseDatabaseUrl, SettingsError, SettingValueError } from '../src/index.js';

const baseDir = '/srv/mysite';
const source = 'mysite/settings.ts';

function databases(DATABASES: unknown, env: Record<string, string> = {}) {
  return loadSettings({ values: { DEBUG: true, DATABASES }, source, baseDir, env }).DATABASES;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe("DATABASES in Django's dict form", () => {
  it('keeps a complete entry and makes PORT a number', () => {
    expect(
      databases({
        default: {
          ENGINE: 'postgresql',
          NAME: 'blog',
          USER: 'blog',
          PASSWORD: 'pw',
          HOST: 'db',
          PORT: '5432',
          OPTIONS: { sslmode: 'require' },
          TEST: { NAME: 'test_blog' },
        },
      }),
    ).toEqual({
      default: {
        ENGINE: 'postgresql',
        NAME: 'blog',
        USER: 'blog',
        PASSWORD: 'pw',
        HOST: 'db',
        PORT: 5432,
        OPTIONS: { sslmode: 'require' },
        TEST: { NAME: 'test_blog' },
      },
    });
  });

  it.each([
    ['django.db.backends.sqlite3', 'sqlite'],
    ['django.db.backends.postgresql', 'postgresql'],
    ['django.db.backends.mysql', 'mysql'],
    ['sqlite', 'sqlite'],
    ['mysql', 'mysql'],
  ])('normalises ENGINE %s to %s', (ENGINE, expected) => {
    expect(databases({ default: { ENGINE, NAME: 'blog' } }).default.ENGINE).toBe(expected);
  });

  it('resolves a relative SQLite NAME against BASE_DIR and keeps :memory: and absolute paths', () => {
    expect(
      databases({
        default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' },
        memory: { ENGINE: 'sqlite', NAME: ':memory:' },
        abs: { ENGINE: 'sqlite', NAME: '/var/db/x.db' },
      }),
    ).toEqual({
      default: { ENGINE: 'sqlite', NAME: '/srv/mysite/db.sqlite3' },
      memory: { ENGINE: 'sqlite', NAME: ':memory:' },
      abs: { ENGINE: 'sqlite', NAME: '/var/db/x.db' },
    });
  });

  it('resolves SQLite names against a BASE_DIR the module sets', () => {
    const settings = loadSettings({
      values: { DEBUG: true, BASE_DIR: '/data/site', DATABASES: { default: 'sqlite:///db.sqlite3' } },
      source,
      baseDir,
      env: {},
    });
    expect(settings.DATABASES.default.NAME).toBe('/data/site/db.sqlite3');
  });

  it('drops empty USER, PASSWORD, HOST and PORT, as Django treats them as unset', () => {
    expect(databases({ default: { ENGINE: 'mysql', NAME: 'blog', USER: '', PASSWORD: '', HOST: '', PORT: '' } })).toEqual({
      default: { ENGINE: 'mysql', NAME: 'blog' },
    });
  });

  it.each([
    [{ default: { ENGINE: 'oracle', NAME: 'x' } }, 'DATABASES.default.ENGINE', 'expected "sqlite", "postgresql" or "mysql"', 'got "oracle"'],
    [{ default: { NAME: 'x' } }, 'DATABASES.default.ENGINE', 'expected "sqlite", "postgresql" or "mysql"', 'got nothing'],
    [{ default: { ENGINE: 'sqlite' } }, 'DATABASES.default.NAME', 'expected a file path (relative to BASE_DIR) or ":memory:"', 'got nothing'],
    [{ default: { ENGINE: 'postgresql', NAME: 'x', PORT: 'five' } }, 'DATABASES.default.PORT', 'expected a port number from 1 to 65535', 'got "five"'],
    [{ default: { ENGINE: 'postgresql', NAME: 'x', PORT: 70000 } }, 'DATABASES.default.PORT', 'expected a port number from 1 to 65535', 'got 70000'],
    [{ default: { ENGINE: 'postgresql', NAME: 'x', HOTS: 'db' } }, 'DATABASES.default.HOTS', 'expected one of the keys ENGINE, NAME', 'got an unknown key'],
    [
      { default: { ENGINE: 'postgresql', NAME: 'x', OPTIONS: 'sslmode=require' } },
      'DATABASES.default.OPTIONS',
      'expected an object of driver options',
      'got a string',
    ],
    [{ default: ['sqlite'] }, 'DATABASES.default', 'expected an object with ENGINE and NAME, or a database URL', 'got an array'],
    [{ replica: 'sqlite:///r.db' }, 'DATABASES', 'expected a "default" database among the aliases', 'got aliases "replica"'],
    [['sqlite:///db.sqlite3'], 'DATABASES', 'expected an object (in the environment: JSON)', 'got an array'],
    [{ default: 'oracle://scott@db/orcl' }, 'DATABASES.default', 'expected a URL scheme among sqlite://, postgres://', 'got "oracle://"'],
    [{ default: 'db.sqlite3' }, 'DATABASES.default', 'expected a database URL such as sqlite:///db.sqlite3', 'got "db.sqlite3"'],
    [{ default: 'postgres://db:5432' }, 'DATABASES.default', '(the path names the database)', 'got "postgres://db:5432"'],
    [{ default: 'sqlite:db.sqlite3' }, 'DATABASES.default', 'expected a database URL', 'got "sqlite:db.sqlite3"'],
  ])('rejects the malformed entry %j naming %s', (value, where, expected, got) => {
    const message = messageOf(() => databases(value));
    expect(message).toContain(`Invalid setting ${where} in mysite/settings.ts: `);
    expect(message).toContain(expected);
    expect(message).toContain(got);
  });
});

describe('DATABASES in URL form', () => {
  it.each([
    ['sqlite:///db.sqlite3', { ENGINE: 'sqlite', NAME: '/srv/mysite/db.sqlite3' }],
    ['sqlite:////var/db/blog.db', { ENGINE: 'sqlite', NAME: '/var/db/blog.db' }],
    ['sqlite://:memory:', { ENGINE: 'sqlite', NAME: ':memory:' }],
    ['sqlite://', { ENGINE: 'sqlite', NAME: ':memory:' }],
    [
      'postgres://blog:s%40cret%3A@db.example.com:6432/blog',
      { ENGINE: 'postgresql', NAME: 'blog', USER: 'blog', PASSWORD: 's@cret:', HOST: 'db.example.com', PORT: 6432 },
    ],
    [
      'postgresql://postgres@127.0.0.1/test?sslmode=require&application_name=mysite',
      { ENGINE: 'postgresql', NAME: 'test', USER: 'postgres', HOST: '127.0.0.1', OPTIONS: { sslmode: 'require', application_name: 'mysite' } },
    ],
    [
      'mysql://root@127.0.0.1:3306/test?charset=utf8mb4',
      { ENGINE: 'mysql', NAME: 'test', USER: 'root', HOST: '127.0.0.1', PORT: 3306, OPTIONS: { charset: 'utf8mb4' } },
    ],
    ['mariadb://app:pw@[::1]:3307/shop', { ENGINE: 'mysql', NAME: 'shop', USER: 'app', PASSWORD: 'pw', HOST: '::1', PORT: 3307 }],
  ])('parses %s', (url, expected) => {
    expect(databases({ default: url }).default).toEqual(expected);
    expect(parseDatabaseUrl(url, 'default', '/srv/mysite')).toEqual(expected);
  });

  it('throws a SettingValueError from parseDatabaseUrl for an unknown scheme', () => {
    expect(() => parseDatabaseUrl('redis://localhost/0', 'cache', '/srv')).toThrow(SettingValueError);
  });
});

describe('DATABASES as a single URL', () => {
  it('takes a lone URL as the default database', () => {
    expect(databases('postgres://blog:pw@db/blog')).toEqual({ default: { ENGINE: 'postgresql', NAME: 'blog', USER: 'blog', PASSWORD: 'pw', HOST: 'db' } });
  });

  it('names DATABASES.default when that URL is malformed, with its password masked', () => {
    const message = messageOf(() => databases('postgres://blog:hunter2@db:99999/blog'));
    expect(message).toContain('Invalid setting DATABASES.default in mysite/settings.ts');
    expect(message).not.toContain('hunter2');
  });
});

describe('DATABASES from the environment', () => {
  it('lets DATABASE_URL replace DATABASES.default and keep the other aliases', () => {
    const result = databases({ default: 'sqlite:///db.sqlite3', replica: 'sqlite:///replica.db' }, { DATABASE_URL: 'postgres://u:p@db/blog' });
    expect(result).toEqual({
      default: { ENGINE: 'postgresql', NAME: 'blog', USER: 'u', PASSWORD: 'p', HOST: 'db' },
      replica: { ENGINE: 'sqlite', NAME: '/srv/mysite/replica.db' },
    });
  });

  it('creates DATABASES.default from DATABASE_URL when the module sets none', () => {
    expect(loadSettings({ values: { DEBUG: true }, source, baseDir, env: { DATABASE_URL: 'sqlite://:memory:' } }).DATABASES).toEqual({
      default: { ENGINE: 'sqlite', NAME: ':memory:' },
    });
  });

  it('reads MANOUCHE_DATABASES as JSON, and DATABASE_URL still wins for default', () => {
    const env = { MANOUCHE_DATABASES: '{"default":"sqlite:///a.db","other":{"ENGINE":"sqlite","NAME":"b.db"}}', DATABASE_URL: 'sqlite:///c.db' };
    expect(databases({ default: 'sqlite:///module.db' }, env)).toEqual({
      default: { ENGINE: 'sqlite', NAME: '/srv/mysite/c.db' },
      other: { ENGINE: 'sqlite', NAME: '/srv/mysite/b.db' },
    });
  });

  it('names DATABASE_URL when it is malformed, and the file for the other aliases', () => {
    expect(messageOf(() => databases({ default: 'sqlite:///db.sqlite3' }, { DATABASE_URL: 'oracle://x/y' }))).toContain(
      'Invalid setting DATABASES.default from the environment variable DATABASE_URL',
    );
    const error = (() => {
      try {
        databases({ default: 'sqlite:///db.sqlite3', other: { ENGINE: 'nope', NAME: 'x' } }, { DATABASE_URL: 'sqlite:///c.db' });
      } catch (caught) {
        return caught as InvalidSettingError;
      }
      throw new Error('expected an error');
    })();
    expect(error.message).toContain('Invalid setting DATABASES.other.ENGINE in mysite/settings.ts');
  });

  it('names MANOUCHE_DATABASES when its JSON is malformed, without echoing it', () => {
    expect(messageOf(() => databases({}, { MANOUCHE_DATABASES: '{"default":"postgres://u:hunter2@db/x"' }))).toBe(
      'Invalid setting DATABASES from the environment variable MANOUCHE_DATABASES: expected JSON.',
    );
  });
});

describe('database URLs in messages', () => {
  it('does not quote a malformed URL whose credentials cannot be located', () => {
    const message = messageOf(() => databases({ default: 'postgres:blog:hunter2@db/blog' }));
    expect(message).toBe(
      'Invalid setting DATABASES.default in mysite/settings.ts: expected a database URL such as sqlite:///db.sqlite3, sqlite://:memory:, postgres://user:password@host:5432/name or mysql://user:password@host:3306/name.',
    );
  });
});
