import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Project } from '@manouche/contracts';
import { loadMigrations, migrate } from '@manouche/migrations';
import { closeOrmConnections, configureOrm, fields, Model, registerModels } from '@manouche/orm';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentType, createContentTypes } from '../src/index.js';
import * as models from '../src/models.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

class Tune extends Model.define({ title: fields.char({ maxLength: 100 }) }, { verboseName: 'jazz tune' }) {}
registerModels('contenttypes', models, { defaultAutoField: 'auto' });
registerModels('songbook', { Tune });

const project = {
  apps: {
    getAppConfigs: () => [
      {
        name: 'manouche.contrib.contenttypes',
        label: 'contenttypes',
        path: packageDir,
        verboseName: 'Content Types',
        migrationsDir: path.join(packageDir, 'migrations'),
      },
      { name: 'songbook', label: 'songbook', path: packageDir, verboseName: 'Songbook', migrationsDir: path.join(packageDir, 'no-migrations') },
    ],
  },
} as unknown as Project;

describe.each(testDatabaseTargets())('content types on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    configureOrm({ databases: { default: testDb.settings } });
    const graph = await loadMigrations({ apps: project.apps.getAppConfigs(), importModule: (file) => import(file) });
    await migrate({ database: testDb.database, graph, stdout: { write: () => undefined } });
    ContentType.objects.clearCache();
  });
  afterAll(async () => {
    await closeOrmConnections();
    await testDb?.drop();
  });

  it('creates one row per installed model after migrate, and none twice', async () => {
    const created = await createContentTypes({ project, database: 'default' });
    expect(created.map((type) => `${type.appLabel}.${type.model}`).sort()).toEqual(['contenttypes.contenttype', 'songbook.tune']);
    expect(await createContentTypes({ project, database: 'default' })).toEqual([]);
    expect(await ContentType.objects.count()).toBe(2);
  });

  it('finds the content type of a model class or instance, creating it when missing, and caches it', async () => {
    const type = await ContentType.objects.getForModel(Tune);
    expect(type.appLabel).toBe('songbook');
    expect(type.model).toBe('tune');
    expect(type.name).toBe('jazz tune');
    expect(String(type)).toBe('songbook | jazz tune');
    expect(type.modelClass()).toBe(Tune);
    expect(await ContentType.objects.getForModel(new Tune({ title: 'Nuages' }))).toBe(type);
    expect(await ContentType.objects.getForId(type.pk as number)).toBe(type);

    await ContentType.objects.filter({ appLabel: 'songbook' }).delete();
    ContentType.objects.clearCache();
    const again = await ContentType.objects.getForModel(Tune);
    expect(again.pk).not.toBe(type.pk);
  });

  it('refuses a second row for the same app label and model', async () => {
    await expect(ContentType.objects.create({ appLabel: 'songbook', model: 'tune' })).rejects.toThrow();
    await expect(ContentType.objects.getByNaturalKey('songbook', 'nothing')).rejects.toThrow(ContentType.DoesNotExist);
  });
});
