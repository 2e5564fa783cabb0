import { defineMigration, ops } from 'manouche/migrations';

export default defineMigration({
  initial: true,
  dependencies: [],
  operations: [
    ops.createModel({
      name: 'Post',
      table: 'blog_post',
      fields: {
        id: { type: 'bigAuto', primaryKey: true, verboseName: 'ID' },
        title: { type: 'char', maxLength: 250 },
        slug: { type: 'slug', maxLength: 250, dbIndex: true },
        body: { type: 'text' },
        publish: { type: 'dateTime', hasCallableDefault: true },
        created: { type: 'dateTime', autoNowAdd: true },
        updated: { type: 'dateTime', autoNow: true },
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
      options: {
        indexes: [{ name: 'blog_post_publish_idx', fields: ['publish'] }],
        ordering: ['-publish'],
      },
    }),
  ],
});
