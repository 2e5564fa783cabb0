import { describe, expect, it } from 'vitest';
import {
  createSettingsRegistry,
  defaultRegistry,
  diffSettings,
  InvalidSettingError,
  loadSettings,
  registerSettings,
  SettingsError,
  SettingsRegistrationError,
  SettingValueError,
  type SettingsFragment,
} from '../src/index.js';

const source = 'mysite/settings.ts';
const baseDir = '/srv/mysite';

const blogSettings: SettingsFragment = {
  BLOG_PAGE_SIZE: { type: 'integer', default: 20, min: 1, max: 100, doc: 'Posts per page.' },
  BLOG_FEED_URL: { type: 'url', default: null, nullable: true, schemes: ['http', 'https'] },
  BLOG_MODE: { type: 'enum', values: ['draft', 'live'], default: 'live' },
  BLOG_API_TOKEN: { type: 'string', default: '', sensitive: true },
  BLOG_TAGS: {
    type: 'list',
    default: ['jazz'],
    validate: (tags: string[]) => {
      if (tags.some((tag) => tag !== tag.toLowerCase())) throw new SettingValueError('lower-case tags', { got: JSON.stringify(tags) });
      return [...tags].sort();
    },
  },
  BLOG_SLOW: { type: 'number', default: 0.5, env: 'BLOG_SLOW_SECONDS' },
};

function registryWithBlog() {
  const registry = createSettingsRegistry();
  registry.register(blogSettings);
  return registry;
}

function load(values: Record<string, unknown>, env: Record<string, string> = {}) {
  return loadSettings({ values: { DEBUG: true, ...values }, source, baseDir, env, registry: registryWithBlog() });
}

function errorOf(run: () => unknown): SettingsError {
  try {
    run();
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe('settings that apps and layers register', () => {
  it('get their defaults', () => {
    expect(load({})).toMatchObject({ BLOG_PAGE_SIZE: 20, BLOG_FEED_URL: null, BLOG_MODE: 'live', BLOG_TAGS: ['jazz'], BLOG_SLOW: 0.5 });
  });

  it('can be set by the settings module and overridden from the environment', () => {
    const settings = load(
      { BLOG_PAGE_SIZE: 10, BLOG_MODE: 'draft' },
      { MANOUCHE_BLOG_PAGE_SIZE: '50', MANOUCHE_BLOG_FEED_URL: 'https://example.com/feed', BLOG_SLOW_SECONDS: '2.5' },
    );
    expect(settings).toMatchObject({ BLOG_PAGE_SIZE: 50, BLOG_MODE: 'draft', BLOG_FEED_URL: 'https://example.com/feed', BLOG_SLOW: 2.5 });
  });

  it('run their validate hook, which may normalise the value', () => {
    expect(load({ BLOG_TAGS: ['swing', 'bebop'] }).BLOG_TAGS).toEqual(['bebop', 'swing']);
    expect(errorOf(() => load({ BLOG_TAGS: ['Swing'] })).message).toBe(
      'Invalid setting BLOG_TAGS in mysite/settings.ts: expected lower-case tags, got ["Swing"].',
    );
  });

  it('are validated by type, bounds, URL scheme and enum values', () => {
    expect(errorOf(() => load({ BLOG_PAGE_SIZE: 500 })).message).toBe(
      'Invalid setting BLOG_PAGE_SIZE in mysite/settings.ts: expected an integer from 1 to 100, got 500.',
    );
    expect(errorOf(() => load({}, { MANOUCHE_BLOG_FEED_URL: 'ftp://example.com/feed' })).message).toBe(
      'Invalid setting BLOG_FEED_URL from the environment variable MANOUCHE_BLOG_FEED_URL: expected a URL (http://, https://) or null, got "ftp://example.com/feed".',
    );
    expect(errorOf(() => load({ BLOG_FEED_URL: 'not a url' })).message).toContain('expected a URL (http://, https://) or null, got "not a url"');
    expect(errorOf(() => load({ BLOG_MODE: 'beta' })).message).toContain('expected one of "draft", "live", got "beta"');
    expect(errorOf(() => load({}, { BLOG_SLOW_SECONDS: 'slow' })).message).toContain(
      'from the environment variable BLOG_SLOW_SECONDS: expected a number, got "slow"',
    );
  });

  it('keep json settings to the shape of their default, printing only the type of a wrong value', () => {
    const registry = createSettingsRegistry();
    registry.register({ BLOG_FEEDS: { type: 'json', default: [] }, BLOG_CACHE: { type: 'json', default: { BACKEND: 'memory' } } });
    const loadWith = (values: Record<string, unknown>) => loadSettings({ values: { DEBUG: true, ...values }, source, baseDir, env: {}, registry });
    expect(loadWith({ BLOG_FEEDS: [{ url: 'https://a.example/feed' }] }).BLOG_FEEDS).toEqual([{ url: 'https://a.example/feed' }]);
    expect(errorOf(() => loadWith({ BLOG_FEEDS: { url: 'x' } })).message).toBe(
      'Invalid setting BLOG_FEEDS in mysite/settings.ts: expected an array (in the environment: JSON), got an object.',
    );
    expect(errorOf(() => loadWith({ BLOG_CACHE: ['redis://:secret@cache'] })).message).toBe(
      'Invalid setting BLOG_CACHE in mysite/settings.ts: expected an object (in the environment: JSON), got an array.',
    );
  });

  it('keep a sensitive value out of errors and dumps', () => {
    const error = errorOf(() => load({ BLOG_API_TOKEN: 123456789 }));
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect(error.message).not.toContain('123456789');
    const registry = registryWithBlog();
    const settings = loadSettings({ values: { DEBUG: true, BLOG_API_TOKEN: 'tok-123' }, source, baseDir, env: {}, registry });
    expect(diffSettings(settings, { registry })).not.toContain('tok-123');
  });

  it('are known to unknown-setting detection, with did-you-mean', () => {
    expect(errorOf(() => load({ BLOG_PAGE_SIZ: 5 })).message).toBe('Unknown setting "BLOG_PAGE_SIZ" in mysite/settings.ts. Did you mean "BLOG_PAGE_SIZE"?');
    expect(errorOf(() => loadSettings({ values: { DEBUG: true, BLOG_PAGE_SIZE: 5 }, source, baseDir, env: {}, registry: createSettingsRegistry() })).code).toBe(
      'MANOUCHE_SETTINGS_UNKNOWN',
    );
  });

  it('reach the default registry through registerSettings()', () => {
    registerSettings({ REGISTRY_TEST_FLAG: { type: 'boolean', default: false } });
    expect(defaultRegistry.has('REGISTRY_TEST_FLAG')).toBe(true);
    expect(loadSettings({ values: { DEBUG: true, REGISTRY_TEST_FLAG: true }, source, baseDir, env: {} }).REGISTRY_TEST_FLAG).toBe(true);
  });

  it('can be registered again with the same declaration', () => {
    const registry = registryWithBlog();
    expect(() => registry.register({ BLOG_PAGE_SIZE: { type: 'integer', default: 20, min: 1 } })).not.toThrow();
  });

  it('leave the registry they were cloned from untouched', () => {
    const registry = createSettingsRegistry();
    const copy = registry.clone();
    copy.register({ ONLY_IN_COPY: { type: 'string', default: '' } });
    expect([copy.has('ONLY_IN_COPY'), registry.has('ONLY_IN_COPY')]).toEqual([true, false]);
  });
});

describe('registration errors', () => {
  it.each([
    [{ blog_size: { type: 'integer', default: 1 } }, 'Setting names are UPPER_CASE identifiers, like Django\'s; got "blog_size".'],
    [
      { BLOG_SIZE: { type: 'int', default: 1 } },
      'The setting BLOG_SIZE needs a "type" among boolean, integer, number, string, list, url, enum, json; got "int".',
    ],
    [{ BLOG_SIZE: { type: 'integer' } }, 'The setting BLOG_SIZE needs a "default" value.'],
    [{ BLOG_SIZE: { type: 'integer', default: 'ten' } }, 'The default of setting BLOG_SIZE is not an integer.'],
    [{ BLOG_MODE: { type: 'enum', default: 'a' } }, 'The enum setting BLOG_MODE needs "values", the list of accepted strings.'],
    [
      { DEBUG: { type: 'string', default: 'yes' } },
      'The setting DEBUG is already registered with type "boolean" and a different declaration; choose another name for your setting.',
    ],
    [
      { BLOG_DB: { type: 'string', default: '', env: 'DATABASE_URL' } },
      'The setting BLOG_DB cannot use the environment variable DATABASE_URL: the loader reserves it.',
    ],
    [
      { BLOG_DEBUG: { type: 'boolean', default: false, env: 'MANOUCHE_DEBUG' } },
      'The setting BLOG_DEBUG uses the environment variable MANOUCHE_DEBUG, which DEBUG already uses.',
    ],
    [{ BLOG_CHECK: { type: 'boolean', default: false, validate: 'yes' } }, 'The "validate" of setting BLOG_CHECK must be a function.'],
  ])('rejects %j', (fragment, message) => {
    const error = errorOf(() => createSettingsRegistry().register(fragment as unknown as SettingsFragment));
    expect(error).toBeInstanceOf(SettingsRegistrationError);
    expect(error.code).toBe('MANOUCHE_SETTINGS_REGISTRATION');
    expect(error.message).toBe(message);
  });

  it('registers nothing from a fragment with one bad declaration', () => {
    const registry = createSettingsRegistry();
    expect(() => registry.register({ GOOD_ONE: { type: 'boolean', default: true }, bad: { type: 'boolean', default: true } })).toThrow(
      SettingsRegistrationError,
    );
    expect(registry.has('GOOD_ONE')).toBe(false);
  });

  it('turns a plain Error from a validate hook into an InvalidSettingError', () => {
    const registry = createSettingsRegistry();
    registry.register({
      SHOUT: {
        type: 'string',
        default: 'HEY',
        validate: (value: string) => {
          if (value !== value.toUpperCase()) throw new Error('an upper-case string');
        },
      },
    });
    const error = errorOf(() => loadSettings({ values: { DEBUG: true, SHOUT: 'hey' }, source, baseDir, env: {}, registry }));
    expect(error.message).toBe('Invalid setting SHOUT in mysite/settings.ts: expected an upper-case string.');
  });
});
