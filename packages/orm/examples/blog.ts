// The README example: a blog's models, used in a plain script with SQLite.
import { atomic, configureOrm, connection, Count, F, fields, Manager, Model, modelStates, Q, registerModels, type RelatedManager } from '@manouche/orm';
import { createModelTables } from '@manouche/migrations';

export class Author extends Model.define({
  username: fields.char({ maxLength: 50, unique: true }),
}) {
  static override objects = new Manager(this);
  declare posts: RelatedManager<Post>; // reverse accessor (relatedName: 'posts')
  override toString() {
    return this.username;
  }
}

class PublishedManager extends Manager<Post> {
  override getQueryset() {
    return super.getQueryset().filter({ status: 'published' });
  }
}

export class Post extends Model.define(
  {
    title: fields.char({ maxLength: 250 }),
    slug: fields.slug({ maxLength: 250, unique: true }),
    body: fields.text(),
    author: fields.foreignKey(() => Author, { onDelete: 'CASCADE', relatedName: 'posts' }),
    status: fields.char({ maxLength: 10, choices: [['draft', 'Draft'], ['published', 'Published']], default: 'draft' }),
    publish: fields.dateTime({ default: () => new Date() }),
    views: fields.integer({ default: 0 }),
  },
  { ordering: ['-publish'] },
) {
  static override objects = new Manager(this);
  static published = new PublishedManager(this);
  override toString() {
    return this.title;
  }
}

/** Runs the example against `databases` and returns what it found. */
export async function runExample(databases = { default: { ENGINE: 'sqlite' as const, NAME: ':memory:' } }) {
  registerModels('blog', { Author, Post });
  configureOrm({ databases });
  // In a project, `manouche makemigrations` then `manouche migrate` create the tables. A script with no
  // migration files creates them from the models with the same DDL (Django's `migrate --run-syncdb`).
  await createModelTables(connection(), modelStates('blog'));

  const ann = await Author.objects.create({ username: 'ann' });
  await atomic(async () => {
    await Post.objects.create({ title: 'Hello', slug: 'hello', body: 'First!', author: ann, status: 'published' });
    await Post.objects.create({ title: 'Draft', slug: 'draft', body: '…', author: ann });
  });
  const post = await Post.objects.selectRelated('author').get({ slug: 'hello' });
  const published = await Post.published.filter(Q({ title__icontains: 'hel' }).or(Q({ body__icontains: 'hel' })));
  const [withCounts] = await Author.objects.annotate({ postCount: Count('posts') });
  // F() makes the database do the sum (UPDATE ... SET views = views + 1): no lost updates.
  // The attribute then holds the expression, not a number: reload it to read the new value.
  Object.assign(post, { views: F('views').add(1) });
  await post.save({ updateFields: ['views'] });
  await post.refreshFromDb({ fields: ['views'] });
  return {
    title: post.title, // typed string
    author: String(post.author), // 'ann'
    published: published.map(String), // ['Hello']
    postCount: withCounts.postCount, // 2
    annPosts: await ann.posts.count(), // 2
    views: post.views, // 1
  };
}
