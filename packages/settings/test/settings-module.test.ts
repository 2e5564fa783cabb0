import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettingsModule, SettingsError, SettingsModuleNotConfiguredError, SettingsModuleNotFoundError } from '../src/index.js';

let project: string;

function write(relative: string, text = 'export default {};\n') {
  const file = path.join(project, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
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

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'manouche-settings-'));
  write('package.json', JSON.stringify({ name: 'mysite', manouche: { settings: 'mysite.settings.base' } }));
  write('mysite/settings/base.ts');
  write('mysite/settings/production.ts');
  write('mysite/settings/staging.js');
  write('mysite/settings/ci.mts');
  write('mysite/conf/index.ts');
  write('config/settings.ts');
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('which settings module is selected', () => {
  it('prefers --settings over MANOUCHE_SETTINGS_MODULE and package.json', () => {
    const resolved = resolveSettingsModule({
      cliFlag: 'mysite.settings.production',
      env: { MANOUCHE_SETTINGS_MODULE: 'mysite.settings.staging' },
      baseDir: project,
    });
    expect(resolved).toMatchObject({ specifier: 'mysite.settings.production', from: '--settings', file: path.join(project, 'mysite/settings/production.ts') });
  });

  it('uses MANOUCHE_SETTINGS_MODULE without --settings, over package.json', () => {
    expect(resolveSettingsModule({ env: { MANOUCHE_SETTINGS_MODULE: 'mysite.settings.staging' }, baseDir: project })).toMatchObject({
      from: 'MANOUCHE_SETTINGS_MODULE',
      file: path.join(project, 'mysite/settings/staging.js'),
    });
  });

  it('falls back to "manouche": { "settings" } in package.json', () => {
    expect(resolveSettingsModule({ env: {}, baseDir: project })).toMatchObject({
      from: 'package.json',
      specifier: 'mysite.settings.base',
      file: path.join(project, 'mysite/settings/base.ts'),
    });
  });

  it('uses packageJsonSetting when the caller passes it', () => {
    expect(resolveSettingsModule({ env: {}, packageJsonSetting: 'mysite.settings.production', baseDir: project }).file).toBe(
      path.join(project, 'mysite/settings/production.ts'),
    );
  });

  it('ignores an empty MANOUCHE_SETTINGS_MODULE', () => {
    expect(resolveSettingsModule({ env: { MANOUCHE_SETTINGS_MODULE: '' }, baseDir: project }).from).toBe('package.json');
  });

  it('fails with every way to select one when none is given', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'manouche-empty-'));
    try {
      const error = errorOf(() => resolveSettingsModule({ env: {}, baseDir: empty }));
      expect(error).toBeInstanceOf(SettingsModuleNotConfiguredError);
      expect(error.code).toBe('MANOUCHE_SETTINGS_MODULE_NOT_CONFIGURED');
      expect(error.message).toContain(
        'pass --settings=mysite.settings, set MANOUCHE_SETTINGS_MODULE, or add "manouche": { "settings": "mysite.settings" } to package.json',
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects a package.json whose manouche.settings is not a string', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'manouche-pkg-'));
    try {
      writeFileSync(path.join(other, 'package.json'), JSON.stringify({ manouche: { settings: ['a'] } }));
      const error = errorOf(() => resolveSettingsModule({ env: {}, baseDir: other }));
      expect(error.code).toBe('MANOUCHE_SETTINGS_PACKAGE_JSON');
      expect(error.message).toContain('"manouche.settings" in');
      writeFileSync(path.join(other, 'package.json'), '{ not json');
      expect(errorOf(() => resolveSettingsModule({ env: {}, baseDir: other })).message).toContain(`Cannot read ${path.join(other, 'package.json')}`);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('how a specifier maps to a file', () => {
  it.each([
    ['mysite.settings.production', 'mysite/settings/production.ts'],
    ['mysite.settings.staging', 'mysite/settings/staging.js'],
    ['mysite.settings.ci', 'mysite/settings/ci.mts'],
    ['mysite.conf', 'mysite/conf/index.ts'],
    ['config/settings.ts', 'config/settings.ts'],
    ['./config/settings', 'config/settings.ts'],
  ])('maps %s to %s', (specifier, file) => {
    expect(resolveSettingsModule({ cliFlag: specifier, env: {}, baseDir: project }).file).toBe(path.join(project, file));
  });

  it('uses an absolute file path as is', () => {
    const file = path.join(project, 'config/settings.ts');
    expect(resolveSettingsModule({ cliFlag: file, env: {}, baseDir: '/elsewhere' })).toMatchObject({ file, tried: [file] });
  });

  it('lists every path tried when the module does not exist', () => {
    const error = errorOf(() => resolveSettingsModule({ cliFlag: 'mysite.settings.prod', env: {}, baseDir: project }));
    expect(error).toBeInstanceOf(SettingsModuleNotFoundError);
    expect(error.code).toBe('MANOUCHE_SETTINGS_MODULE_NOT_FOUND');
    const base = path.join(project, 'mysite/settings/prod');
    const tried = [`${base}.ts`, `${base}.mts`, `${base}.js`, `${base}.mjs`, `${base}/index.ts`, `${base}/index.mts`, `${base}/index.js`, `${base}/index.mjs`];
    expect((error as SettingsModuleNotFoundError).tried).toEqual(tried);
    expect(error.message).toBe(`Settings module "mysite.settings.prod" (from --settings) not found. Tried:\n${tried.map((file) => `  ${file}`).join('\n')}`);
  });

  it('names MANOUCHE_SETTINGS_MODULE as the origin of a missing module', () => {
    expect(errorOf(() => resolveSettingsModule({ env: { MANOUCHE_SETTINGS_MODULE: 'nowhere.settings' }, baseDir: project })).message).toMatch(
      /^Settings module "nowhere.settings" \(from MANOUCHE_SETTINGS_MODULE\) not found/,
    );
  });

  it('reports a missing file path with the path tried', () => {
    const error = errorOf(() => resolveSettingsModule({ cliFlag: 'config/missing.ts', env: {}, baseDir: project })) as SettingsModuleNotFoundError;
    expect(error.tried).toEqual([path.join(project, 'config/missing.ts')]);
  });

  it('rejects a specifier that is neither a dotted path nor a file path', () => {
    expect(errorOf(() => resolveSettingsModule({ cliFlag: 'mysite..settings', env: {}, baseDir: project })).message).toContain(
      'expected a dotted module path such as mysite.settings or a file path',
    );
  });

  it('does not take a folder for a file', () => {
    expect(() => resolveSettingsModule({ cliFlag: './mysite/settings', env: {}, baseDir: project })).toThrow(SettingsModuleNotFoundError);
  });
});
