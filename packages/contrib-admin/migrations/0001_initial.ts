import { defineMigration, ops } from '@manouche/migrations';

export default defineMigration({
  initial: true,
  dependencies: [
    ['settings.AUTH_USER_MODEL', '__first__'],
    ['contenttypes', '0001_initial'],
  ],
  operations: [
    ops.createModel({
      name: 'LogEntry',
      table: 'django_admin_log',
      fields: {
        id: { type: 'auto', primaryKey: true, verboseName: 'ID' },
        actionTime: { type: 'dateTime', column: 'action_time', hasCallableDefault: true, verboseName: 'action time', editable: false },
        user: { type: 'foreignKey', column: 'user_id', to: 'settings.AUTH_USER_MODEL', onDelete: 'CASCADE', verboseName: 'user' },
        contentType: {
          type: 'foreignKey',
          column: 'content_type_id',
          to: 'contenttypes.ContentType',
          onDelete: 'SET_NULL',
          null: true,
          blank: true,
          verboseName: 'content type',
        },
        objectId: { type: 'text', column: 'object_id', null: true, blank: true, verboseName: 'object id' },
        objectRepr: { type: 'char', column: 'object_repr', maxLength: 200, verboseName: 'object repr' },
        actionFlag: {
          type: 'positiveSmallInteger',
          column: 'action_flag',
          choices: [
            [1, 'Addition'],
            [2, 'Change'],
            [3, 'Deletion'],
          ],
          verboseName: 'action flag',
        },
        changeMessage: { type: 'text', column: 'change_message', blank: true, verboseName: 'change message' },
      },
      options: { ordering: ['-actionTime'], verboseName: 'log entry', verboseNamePlural: 'log entries' },
    }),
  ],
});
