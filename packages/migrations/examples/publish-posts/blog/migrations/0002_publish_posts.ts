import { defineMigration, ops } from '@manouche/migrations';

export default defineMigration({
  dependencies: [['blog', '0001_initial']],
  operations: [
    ops.runCode({
      code: async ({ db, models }) => {
        const p = db.dialect === 'postgresql' ? '$1' : '?';
        await db.execute(`UPDATE ${db.quoteName(models.Post.table)} SET ${db.quoteName('status')} = ${p}`, ['published']);
      },
      reverse: ops.noop,
    }),
  ],
});
