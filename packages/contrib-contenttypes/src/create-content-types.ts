import type { PostMigrateContext } from '@manouche/contracts';
import { registeredModels } from '@manouche/orm';
import { ContentType } from './models.js';

/**
 * Creates the missing content types of every installed model (Django's post_migrate handler
 * `create_contenttypes`) and returns the ones it created. Stale rows are left in place, as Django
 * does without `remove_stale_contenttypes`.
 *
 * @example
 * const created = await createContentTypes({ project, database: 'default' });
 * created.map((type) => `${type.appLabel}.${type.model}`); // ['blog.post', 'blog.comment']
 */
export async function createContentTypes(context: Pick<PostMigrateContext, 'project' | 'database'>): Promise<ContentType[]> {
  const using = context.database;
  const installed = new Set(context.project.apps.getAppConfigs().map((app) => app.label));
  const existing = new Set((await ContentType.objects.using(using).all()).map((type) => `${type.appLabel}.${type.model}`));
  const missing = registeredModels()
    .filter((model) => installed.has(model._meta.appLabel))
    .map((model) => ({ appLabel: model._meta.appLabel, model: model._meta.modelName }))
    .filter((type) => !existing.has(`${type.appLabel}.${type.model}`));
  if (missing.length === 0) return [];
  const created = await ContentType.objects.using(using).bulkCreate(missing.map((init) => new ContentType(init)));
  ContentType.objects.clearCache();
  return created;
}
