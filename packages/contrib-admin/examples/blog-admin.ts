// examples/blog-admin.ts — the README's example, run by test/readme-example.test.ts
import { AdminSite, action, display } from '@manouche/contrib-admin';
import { fields, Model } from '@manouche/orm';

export class Post extends Model.define({
  title: fields.char({ maxLength: 250 }),
  slug: fields.slug({ maxLength: 250 }),
  body: fields.text(),
  status: fields.char({ maxLength: 2, choices: [['DF', 'Draft'], ['PB', 'Published']], default: 'DF' }),
  publish: fields.dateTime({ default: () => new Date() }),
}) {
  override toString(): string {
    return this.title;
  }
}

/** A computed column. */
const words = display((post: Post) => post.body.split(/\s+/).filter(Boolean).length, { description: 'Words' });

/** A custom action, offered to users who may change posts. */
const publish = action<Post>(
  async ({ queryset }) => {
    await queryset.update({ status: 'PB' });
  },
  { name: 'publish', description: 'Publish selected posts', permissions: ['change'] },
);

export const site = new AdminSite({ name: 'blogadmin', siteHeader: 'Blog administration' });
site.register(Post, {
  listDisplay: ['title', 'status', 'publish', words],
  listFilter: ['status', 'publish'],
  searchFields: ['title', '=slug'],
  prepopulatedFields: { slug: ['title'] },
  actions: [publish],
});
// mysite/urls.ts: export default [path('admin/', site.urls)];
