// The README example: content types of a blog's models, in a plain script on SQLite.
import { ContentType } from '@manouche/contrib-contenttypes';
import * as contenttypesModels from '@manouche/contrib-contenttypes/models';
import { configureOrm, connection, fields, Model, modelStates, registerModels } from '@manouche/orm';
import { createModelTables } from '@manouche/migrations';

export class Post extends Model.define({ title: fields.char({ maxLength: 250 }) }) {}

export async function runExample() {
  registerModels('contenttypes', contenttypesModels, { defaultAutoField: 'auto' });
  registerModels('blog', { Post });
  configureOrm({ databases: { default: { ENGINE: 'sqlite', NAME: ':memory:' } } });
  // Tables normally come from `manouche migrate`, which also creates every content type.
  await createModelTables(connection(), modelStates('contenttypes'), { useTz: true });

  const type = await ContentType.objects.getForModel(Post); // created on first use, then cached
  return {
    label: `${type.appLabel}.${type.model}`, // 'blog.post'
    same: type === (await ContentType.objects.getForModel(new Post({ title: 'Nuages' }))), // true: one query, then the cache
    modelClass: type.modelClass() === Post, // true
  };
}
