import { defineMigration, ops } from '@manouche/migrations';

export default defineMigration({
  initial: true,
  dependencies: [],
  operations: [
    ops.createModel({
      name: 'ContentType',
      table: 'django_content_type',
      fields: {
        id: { type: 'auto', primaryKey: true, verboseName: 'ID' },
        appLabel: { type: 'char', column: 'app_label', maxLength: 100 },
        model: { type: 'char', maxLength: 100, verboseName: 'python model class name' },
      },
      options: {
        uniqueTogether: [['appLabel', 'model']],
        verboseName: 'content type',
        verboseNamePlural: 'content types',
      },
    }),
  ],
});
