/** The Post of ../../django-admin/blog/models.py: an author (the user model), a status with choices. */
import { getUserModel } from 'manouche/contrib/auth';
import { Model, fields } from 'manouche/orm';

export class Post extends Model.define(
  {
    title: fields.char({ maxLength: 250 }),
    slug: fields.slug({ maxLength: 250 }),
    author: fields.foreignKey(() => getUserModel(), { onDelete: 'CASCADE', relatedName: 'blogPosts' }),
    body: fields.text(),
    publish: fields.dateTime({ default: () => new Date() }),
    status: fields.char({
      maxLength: 2,
      choices: [
        ['DF', 'Draft'],
        ['PB', 'Published'],
      ],
      default: 'DF',
    }),
  },
  { ordering: ['-publish'] },
) {
  override toString() {
    return this.title;
  }
}
