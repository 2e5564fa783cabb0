import { defineMigration, ops } from 'manouche/migrations';

export default defineMigration({
  initial: true,
  dependencies: [['settings.AUTH_USER_MODEL', '__first__']],
  operations: [
    ops.createModel({
      name: 'Post',
      table: 'blog_post',
      fields: {
        id: { type: 'bigAuto', primaryKey: true, verboseName: 'ID' },
        title: { type: 'char', maxLength: 250 },
        slug: { type: 'slug', maxLength: 250, dbIndex: true },
        author: { type: 'foreignKey', to: 'settings.AUTH_USER_MODEL', onDelete: 'CASCADE', relatedName: 'blogPosts' },
        body: { type: 'text' },
        publish: { type: 'dateTime', hasCallableDefault: true },
        status: {
          type: 'char',
          maxLength: 2,
          default: 'DF',
          choices: [
            ['DF', 'Draft'],
            ['PB', 'Published'],
          ],
        },
      },
      options: { ordering: ['-publish'] },
    }),
  ],
});
