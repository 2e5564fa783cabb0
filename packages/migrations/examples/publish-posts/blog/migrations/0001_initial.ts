import { defineMigration, ops } from '@manouche/migrations';

// The state the README's data migration starts from: posts with a status.
export default defineMigration({
  initial: true,
  dependencies: [],
  operations: [
    ops.createModel({
      name: 'Post',
      table: 'blog_post',
      fields: {
        id: { type: 'bigAuto', primaryKey: true },
        title: { type: 'char', maxLength: 250 },
        status: { type: 'char', maxLength: 10, default: 'draft' },
      },
    }),
  ],
});
