/**
 * LogEntry (Django's admin log, table `django_admin_log`): one row per add, change or delete
 * made through the admin, with the changed fields; the history page and the index's "recent
 * actions" read it.
 */
import { ContentType } from '@manouche/contrib-contenttypes';
import { fields, Model } from '@manouche/orm';

/** The `actionFlag` values. */
export const ADDITION = 1;
export const CHANGE = 2;
export const DELETION = 3;

export class LogEntry extends Model.define(
  {
    actionTime: fields.dateTime({ default: () => new Date(), dbColumn: 'action_time', verboseName: 'action time', editable: false }),
    user: fields.foreignKey('auth.User', { onDelete: 'CASCADE', dbColumn: 'user_id', verboseName: 'user' }),
    contentType: fields.foreignKey(() => ContentType, {
      onDelete: 'SET_NULL',
      null: true,
      blank: true,
      dbColumn: 'content_type_id',
      verboseName: 'content type',
    }),
    objectId: fields.text({ null: true, blank: true, dbColumn: 'object_id', verboseName: 'object id' }),
    objectRepr: fields.char({ maxLength: 200, dbColumn: 'object_repr', verboseName: 'object repr' }),
    actionFlag: fields.positiveSmallInteger({
      dbColumn: 'action_flag',
      verboseName: 'action flag',
      choices: [
        [ADDITION, 'Addition'],
        [CHANGE, 'Change'],
        [DELETION, 'Deletion'],
      ],
    }),
    changeMessage: fields.text({ blank: true, dbColumn: 'change_message', verboseName: 'change message' }),
  },
  { dbTable: 'django_admin_log', ordering: ['-actionTime'], verboseName: 'log entry', verboseNamePlural: 'log entries' },
) {
  isAddition(): boolean {
    return this.actionFlag === ADDITION;
  }
  isChange(): boolean {
    return this.actionFlag === CHANGE;
  }
  isDeletion(): boolean {
    return this.actionFlag === DELETION;
  }

  /** The change message as a sentence (`Changed title and status.`), read from Django's JSON format. */
  getChangeMessage(): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.changeMessage);
    } catch {
      return this.changeMessage;
    }
    if (!Array.isArray(parsed)) return this.changeMessage;
    const parts: string[] = [];
    for (const entry of parsed as Array<Record<string, { fields?: string[] }>>) {
      if (entry.added) parts.push('Added.');
      else if (entry.changed) parts.push(`Changed ${joinNames(entry.changed.fields ?? [])}.`);
      else if (entry.deleted) parts.push('Deleted.');
    }
    return parts.join(' ') || 'No fields changed.';
  }

  override toString(): string {
    if (this.isAddition()) return `Added "${this.objectRepr}".`;
    if (this.isChange()) return `Changed "${this.objectRepr}" — ${this.getChangeMessage()}`;
    if (this.isDeletion()) return `Deleted "${this.objectRepr}."`;
    return 'LogEntry Object';
  }
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
