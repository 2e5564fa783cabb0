import { defineMigration, ops } from '@manouche/migrations';

export default defineMigration({
  initial: true,
  dependencies: [],
  operations: [
    ops.createModel({
      name: 'Session',
      table: 'django_session',
      fields: {
        sessionKey: { type: 'char', primaryKey: true, column: 'session_key', maxLength: 40, verboseName: 'session key' },
        sessionData: { type: 'text', column: 'session_data', verboseName: 'session data' },
        expireDate: { type: 'dateTime', column: 'expire_date', dbIndex: true, verboseName: 'expire date' },
      },
      options: { verboseName: 'session', verboseNamePlural: 'sessions' },
    }),
  ],
});
