/**
 * The Post of ../../django-blog/blog/models.py: the table `blog_post` that ../../seed-blog-db.mjs
 * creates with Django's DDL (no migrations here: the benchmark serves that file).
 */
import { reverse } from 'manouche/core';
import { Manager, Model, type QuerySet, fields } from 'manouche/orm';

export const Status = { DRAFT: 'DF', PUBLISHED: 'PB' } as const;

export class PublishedManager extends Manager<Post> {
  override getQueryset(): QuerySet<Post> {
    return super.getQueryset().filter({ status: Status.PUBLISHED });
  }
}

export class Post extends Model.define(
  {
    title: fields.char({ maxLength: 250 }),
    slug: fields.slug({ maxLength: 250 }),
    body: fields.text(),
    publish: fields.dateTime({ default: () => new Date() }),
    created: fields.dateTime({ autoNowAdd: true }),
    updated: fields.dateTime({ autoNow: true }),
    status: fields.char({
      maxLength: 2,
      choices: [
        [Status.DRAFT, 'Draft'],
        [Status.PUBLISHED, 'Published'],
      ],
      default: Status.DRAFT,
    }),
  },
  { ordering: ['-publish'], indexes: [{ name: 'blog_post_publish_idx', fields: ['publish'] }] },
) {
  static override objects = new Manager<Post>(this);
  static published = new PublishedManager(this);

  override toString(): string {
    return this.title;
  }

  getAbsoluteUrl(): string {
    const date = this.publish;
    return reverse('blog:post_detail', { args: [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), this.slug] });
  }
}
