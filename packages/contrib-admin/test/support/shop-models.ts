/** The test app `shop`: authors, articles (a PROTECT foreign key to Author) and comments (CASCADE to Article). */
import { fields, Model } from '@manouche/orm';

export class Author extends Model.define({ name: fields.char({ maxLength: 100 }) }, { ordering: ['name'] }) {
  override toString(): string {
    return this.name;
  }
}

export class Article extends Model.define(
  {
    title: fields.char({ maxLength: 200 }),
    slug: fields.slug({ maxLength: 200, blank: true }),
    body: fields.text({ blank: true }),
    status: fields.char({
      maxLength: 2,
      choices: [
        ['DF', 'Draft'],
        ['PB', 'Published'],
      ],
      default: 'DF',
    }),
    featured: fields.boolean({ default: false }),
    publish: fields.dateTime({ default: () => new Date() }),
    author: fields.foreignKey(() => Author, { onDelete: 'PROTECT', null: true, blank: true }),
  },
  { ordering: ['title'] },
) {
  override toString(): string {
    return this.title;
  }
  getAbsoluteUrl(): string {
    return `/articles/${this.slug}/`;
  }
  isLong(): boolean {
    return this.body.length > 20;
  }
}

export class Comment extends Model.define({
  article: fields.foreignKey(() => Article, { onDelete: 'CASCADE', relatedName: 'comments' }),
  text: fields.char({ maxLength: 200 }),
}) {
  override toString(): string {
    return this.text;
  }
}
