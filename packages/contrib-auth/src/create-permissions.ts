import type { PostMigrateContext } from '@manouche/contracts';
import { ContentType, createContentTypes } from '@manouche/contrib-contenttypes';
import { registeredModels } from '@manouche/orm';
import { Permission } from './models.js';

/**
 * Django's default permissions of every model.
 *
 * @example
 * DEFAULT_PERMISSIONS.map((action) => `blog.${action}_post`); // ['blog.add_post', 'blog.change_post', 'blog.delete_post', 'blog.view_post']
 */
export const DEFAULT_PERMISSIONS = ['add', 'change', 'delete', 'view'] as const;

/**
 * Creates the missing view/add/change/delete permissions of every installed model (Django's
 * post_migrate handler `create_permissions`), creating content types first. Returns how many it made.
 *
 * @example
 * const created = await createPermissions({ project, database: 'default' }); // what migrate runs after its migrations
 */
export async function createPermissions(context: Pick<PostMigrateContext, 'project' | 'database'>): Promise<number> {
  const using = context.database;
  await createContentTypes(context);
  const installed = new Set(context.project.apps.getAppConfigs().map((app) => app.label));
  const models = registeredModels().filter((model) => installed.has(model._meta.appLabel));
  const existing = new Set(
    ((await Permission.objects.using(using).all().selectRelated('contentType')) as unknown as Array<{ codename: string; contentType: ContentType }>).map(
      (perm) => `${perm.contentType.appLabel}.${perm.contentType.model}.${perm.codename}`,
    ),
  );
  const missing: Permission[] = [];
  for (const model of models) {
    const contentType = await ContentType.objects.getForModel(model, { using });
    for (const action of DEFAULT_PERMISSIONS) {
      const codename = `${action}_${model._meta.modelName}`;
      if (existing.has(`${contentType.appLabel}.${contentType.model}.${codename}`)) continue;
      missing.push(new Permission({ name: `Can ${action} ${model._meta.verboseName}`.slice(0, 255), contentType, codename }));
    }
  }
  if (missing.length > 0) await Permission.objects.using(using).bulkCreate(missing);
  return missing.length;
}
