import { defineMigration, ops } from 'manouche/migrations';

export default defineMigration({
  initial: true,
  dependencies: [],
  operations: [
    ops.createModel({
      name: 'Question',
      table: 'polls_question',
      fields: {
        id: { type: 'bigAuto', primaryKey: true, verboseName: 'ID' },
        questionText: { type: 'char', maxLength: 200 },
        pubDate: { type: 'dateTime', verboseName: 'date published' },
      },
    }),
    ops.createModel({
      name: 'Choice',
      table: 'polls_choice',
      fields: {
        id: { type: 'bigAuto', primaryKey: true, verboseName: 'ID' },
        question: { type: 'foreignKey', to: 'polls.Question', onDelete: 'CASCADE', relatedName: 'choices' },
        choiceText: { type: 'char', maxLength: 200 },
        votes: { type: 'integer', default: 0 },
      },
    }),
  ],
});
