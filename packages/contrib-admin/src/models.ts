/**
 * LogEntry (Django's admin log, table `django_admin_log`): one row per add, change or delete
 * made through the admin, with the changed fields; the history page and the index's "recent
 * actions" read it.
 */
import { getUserModel } from '@manouche/contrib-auth';
import { ContentType } from '@manouche/contrib-contenttypes';
import { fields, Model } from '@manouche/orm';

/**
 * The `actionFlag` of an object added through the admin.
 *
 * @example
 * const added = await LogEntry.objects.filter({ actionFlag: ADDITION }).count();
 */
export const ADDITION = 1;
/**
 * The `actionFlag` of an object changed through the admin (its change message names the fields).
 *
 * @example
 * const changes = await LogEntry.objects.filter({ actionFlag: CHANGE, objectId: String(post.pk) });
 */
export const CHANGE = 2;
/**
 * The `actionFlag` of an object deleted through the admin (its row keeps `objectRepr`).
 *
 * @example
 * const deleted = await LogEntry.objects.filter({ actionFlag: DELETION }).orderBy('-actionTime');
 */
export const DELETION = 3;

/**
 * One admin action on one object (Django's LogEntry): who, when, what and the change message.
 *
 * @example
 * const history = await LogEntry.objects.filter({ objectId: String(post.pk) }).orderBy('actionTime');
 * history.map(String); // ['Added "Hello".', 'Changed "Hello" — Changed Title and Status.']
 */
export class LogEntry extends Model.define(
  {
    actionTime: fields.dateTime({ default: () => new Date(), dbColumn: 'action_time', verboseName: 'action time', editable: false }),
    // Django's ForeignKey(settings.AUTH_USER_MODEL): the user model the project installs, auth.User by default.
    user: fields.foreignKey(() => getUserModel(), { onDelete: 'CASCADE', dbColumn: 'user_id', verboseName: 'user' }),
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
    type Related = { name?: string; object?: string; fields?: string[] };
    for (const entry of parsed as Array<Record<string, Related>>) {
      // Entries with a name are about an inline's object: "Added choice “Yes”.", as Django words them.
      if (entry.added) parts.push(entry.added.name ? `Added ${entry.added.name} “${entry.added.object}”.` : 'Added.');
      else if (entry.changed)
        parts.push(
          entry.changed.name
            ? `Changed ${joinNames(entry.changed.fields ?? [])} for ${entry.changed.name} “${entry.changed.object}”.`
            : `Changed ${joinNames(entry.changed.fields ?? [])}.`,
        );
      else if (entry.deleted) parts.push(entry.deleted.name ? `Deleted ${entry.deleted.name} “${entry.deleted.object}”.` : 'Deleted.');
    }
    return parts.map((part) => part[0]!.toUpperCase() + part.slice(1)).join(' ') || 'No fields changed.';
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
