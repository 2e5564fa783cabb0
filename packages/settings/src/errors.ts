/**
 * Base class of every error the settings layer raises; `code` is stable across releases.
 *
 * @example
 * try { loadSettings({ values, source, baseDir }); } catch (error) { if (error instanceof SettingsError) console.error(error.message); }
 */
export class SettingsError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Where a value came from: the settings module (file or dotted name) or an environment variable. */
export interface SettingOrigin {
  kind: 'module' | 'env' | 'default';
  /** `mysite/settings.ts`, `MANOUCHE_DEBUG`, or `the default` */
  label: string;
}

/**
 * A name in the settings module that no schema declares.
 *
 * @example
 * loadSettings({ values: { DEBG: true }, source: 'mysite/settings.ts', baseDir }); // Unknown setting "DEBG" in mysite/settings.ts. Did you mean "DEBUG"?
 */
export class UnknownSettingError extends SettingsError {
  readonly setting: string;
  readonly suggestion: string | undefined;
  readonly origin: string;
  constructor(setting: string, origin: string, suggestion: string | undefined) {
    const hint = suggestion === undefined ? ' Register custom settings with registerSettings() before loading.' : ` Did you mean "${suggestion}"?`;
    super('MANOUCHE_SETTINGS_UNKNOWN', `Unknown setting "${setting}" in ${origin}.${hint}`);
    this.setting = setting;
    this.suggestion = suggestion;
    this.origin = origin;
  }
}

/**
 * A setting has the wrong type or form. The message never contains a secret's value.
 *
 * @example
 * loadSettings({ values: { SECURE_HSTS_SECONDS: 'a year' }, source: 'mysite/settings.ts', baseDir }); // Invalid setting SECURE_HSTS_SECONDS ...
 */
export class InvalidSettingError extends SettingsError {
  /** The setting, or the path inside it (`DATABASES.default.ENGINE`). */
  readonly setting: string;
  readonly expected: string;
  readonly origin: string;
  constructor(setting: string, origin: SettingOrigin, expected: string, got: string | undefined) {
    const where = origin.kind === 'env' ? `from the environment variable ${origin.label}` : `in ${origin.label}`;
    const received = got === undefined ? '' : `, got ${got}`;
    super('MANOUCHE_SETTINGS_INVALID', `Invalid setting ${setting} ${where}: expected ${expected}${received}.`);
    this.setting = setting;
    this.expected = expected;
    this.origin = origin.label;
  }
}

/**
 * A required setting has no value (SECRET_KEY when DEBUG is false).
 *
 * @example
 * loadSettings({ values: { DEBUG: false }, source: 'mysite/settings.ts', baseDir, env: {} }); // SECRET_KEY is missing
 */
export class MissingSettingError extends SettingsError {
  readonly setting: string;
  readonly origin: string;
  constructor(setting: string, reason: string, origin: SettingOrigin, envVar: string) {
    const where = origin.kind === 'env' ? `the environment variable ${origin.label} sets it to an empty value` : `it is not set in ${origin.label}`;
    super(
      'MANOUCHE_SETTINGS_MISSING',
      `The ${setting} setting is required ${reason}, but ${where}. Set ${setting} in the settings module or the environment variable ${envVar}.`,
    );
    this.setting = setting;
    this.origin = origin.label;
  }
}

/**
 * Several problems at once; `errors` holds each of them, and the message lists them all.
 *
 * @example
 * catch (error) { if (error instanceof SettingsValidationError) for (const problem of error.errors) console.error(problem.message); }
 */
export class SettingsValidationError extends SettingsError {
  readonly errors: readonly SettingsError[];
  constructor(errors: readonly SettingsError[], source: string) {
    super(
      'MANOUCHE_SETTINGS_ERRORS',
      `${errors.length} problems with the settings from ${source}:\n${errors.map((error) => `  - ${error.message}`).join('\n')}`,
    );
    this.errors = errors;
  }
}

/**
 * A schema fragment passed to registerSettings() is malformed or clashes with a registered setting.
 *
 * @example
 * registerSettings({ DEBUG: { type: 'string', default: 'yes' } }); // SettingsRegistrationError: DEBUG is already registered with type "boolean"
 */
export class SettingsRegistrationError extends SettingsError {
  constructor(message: string) {
    super('MANOUCHE_SETTINGS_REGISTRATION', message);
  }
}

/**
 * No settings module was selected: no --settings, no MANOUCHE_SETTINGS_MODULE, no package.json entry.
 *
 * @example
 * resolveSettingsModule({ baseDir: '/srv/mysite' }); // throws it when nothing names a settings module
 */
export class SettingsModuleNotConfiguredError extends SettingsError {
  constructor(baseDir: string) {
    super(
      'MANOUCHE_SETTINGS_MODULE_NOT_CONFIGURED',
      `No settings module selected for ${baseDir}: pass --settings=mysite.settings, set MANOUCHE_SETTINGS_MODULE, ` +
        `or add "manouche": { "settings": "mysite.settings" } to package.json.`,
    );
  }
}

/**
 * The selected settings module does not exist; `tried` lists every path looked at.
 *
 * @example
 * try { resolveSettingsModule({ cliFlag: 'mysite.setings', baseDir: '/srv/mysite' }); }
 * catch (error) { if (error instanceof SettingsModuleNotFoundError) console.error(error.tried); }
 */
export class SettingsModuleNotFoundError extends SettingsError {
  readonly specifier: string;
  readonly tried: readonly string[];
  constructor(specifier: string, from: string, tried: readonly string[]) {
    super(
      'MANOUCHE_SETTINGS_MODULE_NOT_FOUND',
      `Settings module "${specifier}" (from ${from}) not found. Tried:\n${tried.map((file) => `  ${file}`).join('\n')}`,
    );
    this.specifier = specifier;
    this.tried = tried;
  }
}

/**
 * Thrown by a setting's `validate` hook (and the built-in parsers) to say what was expected.
 * The loader turns it into an InvalidSettingError naming the setting and where its value came from.
 *
 * @example
 * registerSettings({ BLOG_PAGE_SIZE: { type: 'integer', default: 20, validate(size) { if (size > 100) throw new SettingValueError('at most 100'); } } });
 */
export class SettingValueError extends SettingsError {
  /** Path below the setting (`default.ENGINE` for DATABASES), empty for the setting itself. */
  readonly path: string;
  /** A short description of the value received; omitted for secrets. */
  readonly got: string | undefined;
  constructor(expected: string, options: { path?: string; got?: string } = {}) {
    super('MANOUCHE_SETTINGS_VALUE', expected);
    this.path = options.path ?? '';
    this.got = options.got;
  }
}
