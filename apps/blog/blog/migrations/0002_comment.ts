import { defineMigration, ops } from 'manouche/migrations';

export default defineMigration({
  dependencies: [['blog', '0001_initial']],
  operations: [
    ops.createModel({
      name: 'Comment',
      table: 'blog_comment',
      fields: {
        id: { type: 'bigAuto', primaryKey: true, verboseName: 'ID' },
        post: { type: 'foreignKey', to: 'blog.Post', onDelete: 'CASCADE', relatedName: 'comments' },
        name: { type: 'char', maxLength: 80 },
        email: { type: 'email', maxLength: 254 },
        body: { type: 'text' },
        created: { type: 'dateTime', autoNowAdd: true },
        updated: { type: 'dateTime', autoNow: true },
        active: { type: 'boolean', default: true },
      },
      options: {
        indexes: [{ name: 'blog_comment_created_idx', fields: ['created'] }],
        ordering: ['created'],
      },
    }),
  ],
});
