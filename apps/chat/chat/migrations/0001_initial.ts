import { defineMigration, ops } from 'manouche/migrations';

export default defineMigration({
  initial: true,
  dependencies: [],
  operations: [
    ops.createModel({
      name: 'Message',
      table: 'chat_message',
      fields: {
        id: { type: 'bigAuto', primaryKey: true, verboseName: 'ID' },
        room: { type: 'slug', maxLength: 99, dbIndex: true },
        author: { type: 'char', maxLength: 150 },
        text: { type: 'text' },
        created: { type: 'dateTime', autoNowAdd: true },
      },
      options: {
        ordering: ['created'],
      },
    }),
  ],
});
