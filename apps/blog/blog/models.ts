/**
 * The seed's Post (title, slug, body, and toString as its `__str__`), extended as the blog
 * grows: publish/created/updated dates, a draft/published status, a `published` manager and
 * the newest posts first; and readers' comments on a post (Django 5 By Example, chapter 2).
 */
import { reverse } from 'manouche/core';
import { Manager, Model, type QuerySet, fields, type RelatedManager } from 'manouche/orm';

/** The status choices: stored code, label. */
export const Status = { DRAFT: 'DF', PUBLISHED: 'PB' } as const;

/** Django's `PublishedManager`: `Post.published.all()` are the published posts only. */
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
  {
    ordering: ['-publish'],
    indexes: [{ name: 'blog_post_publish_idx', fields: ['publish'] }],
  },
) {
  static override objects = new Manager<Post>(this);
  static published = new PublishedManager(this);
  declare comments: RelatedManager<Comment>;

  override toString(): string {
    return this.title;
  }

  /** `/blog/2026/11/24/my-post/`: the detail page, reversed from its URL name. */
  getAbsoluteUrl(): string {
    const date = this.publish;
    return reverse('blog:post_detail', { args: [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), this.slug] });
  }
}

/** A reader's comment on a post; `active` lets a moderator hide it. Oldest first. */
export class Comment extends Model.define(
  {
    post: fields.foreignKey(() => Post, { onDelete: 'CASCADE', relatedName: 'comments' }),
    name: fields.char({ maxLength: 80 }),
    email: fields.email({ maxLength: 254 }),
    body: fields.text(),
    created: fields.dateTime({ autoNowAdd: true }),
    updated: fields.dateTime({ autoNow: true }),
    active: fields.boolean({ default: true }),
  },
  {
    ordering: ['created'],
    indexes: [{ name: 'blog_comment_created_idx', fields: ['created'] }],
  },
) {
  static override objects = new Manager<Comment>(this);

  override toString(): string {
    return `Comment by ${this.name} on ${String(this.postId)}`;
  }
}
