import { fields, Manager, Model } from '@manouche/orm';

/**
 * A stored session (Django's Session model, table `django_session`): the database backend's rows.
 *
 * @example
 * const session = await Session.objects.get({ sessionKey: request.session.sessionKey! });
 * new DbSessionStore(null, settings).decode(session.sessionData); // { visits: 3 }
 */
export class Session extends Model.define(
  {
    sessionKey: fields.char({ maxLength: 40, primaryKey: true, dbColumn: 'session_key', verboseName: 'session key' }),
    sessionData: fields.text({ dbColumn: 'session_data', verboseName: 'session data' }),
    expireDate: fields.dateTime({ dbIndex: true, dbColumn: 'expire_date', verboseName: 'expire date' }),
  },
  { dbTable: 'django_session', verboseName: 'session', verboseNamePlural: 'sessions' },
) {
  static override objects = new Manager(this);

  override toString(): string {
    return this.sessionKey;
  }
}
