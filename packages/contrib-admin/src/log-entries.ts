import { ContentType } from '@manouche/contrib-contenttypes';
import type { HttpRequest } from '@manouche/core';
import type { Model, ModelClass } from '@manouche/orm';
import type { AdminSite } from './admin-site.js';
import { ADDITION, CHANGE, DELETION, LogEntry } from './models.js';
import { requestUser } from './model-admin.js';

function userId(request: HttpRequest): unknown {
  return (requestUser(request) as unknown as { pk: unknown }).pk;
}

/** Writes one history row for `obj` (Django's LogEntry.objects.log_actions). */
async function logAction(request: HttpRequest, obj: Model, flag: number, changeMessage: unknown[]): Promise<void> {
  const contentType = await ContentType.objects.getForModel(obj);
  await LogEntry.objects.create({
    userId: userId(request),
    contentTypeId: contentType.pk,
    objectId: String(obj.pk),
    objectRepr: String(obj).slice(0, 200),
    actionFlag: flag,
    changeMessage: changeMessage.length ? JSON.stringify(changeMessage) : '',
  } as never);
}

/** Records that `obj` was added (`related`: what its inlines added, as Django's change messages). */
export function logAddition(request: HttpRequest, obj: Model, related: readonly unknown[] = []): Promise<void> {
  return logAction(request, obj, ADDITION, [{ added: {} }, ...related]);
}

/** Records that `obj` was changed, naming the changed fields by their verbose names (`related`: what its inlines added, changed, deleted). */
export function logChange(request: HttpRequest, obj: Model, changedFields: readonly string[], related: readonly unknown[] = []): Promise<void> {
  return logAction(request, obj, CHANGE, [...(changedFields.length ? [{ changed: { fields: changedFields } }] : []), ...related]);
}

/** Records that `obj` was deleted (called before the row goes). */
export function logDeletion(request: HttpRequest, obj: Model): Promise<void> {
  return logAction(request, obj, DELETION, []);
}

/** One row of "recent actions" or the history, ready for a template. */
export interface ActionRow {
  time: Date;
  user: string;
  repr: string;
  flag: 'addition' | 'change' | 'deletion';
  message: string;
  typeName: string;
  url: string | null;
}

async function rows(entries: LogEntry[], site: AdminSite | null): Promise<ActionRow[]> {
  const result: ActionRow[] = [];
  for (const entry of entries) {
    const raw = entry as unknown as { contentTypeId: number | null; user: unknown };
    const type = raw.contentTypeId ? await ContentType.objects.getForId(raw.contentTypeId) : null;
    const model = type?.modelClass() as ModelClass | undefined;
    let url: string | null = null;
    if (site && model && !entry.isDeletion() && site.isRegistered(model)) {
      url = site.reverse(`${model._meta.appLabel}_${model._meta.modelName}_change`, [entry.objectId]);
    }
    result.push({
      time: entry.actionTime,
      user: String((raw.user as { getUsername?: () => string })?.getUsername?.() ?? raw.user ?? ''),
      repr: entry.objectRepr,
      flag: entry.isAddition() ? 'addition' : entry.isChange() ? 'change' : 'deletion',
      message: entry.isDeletion() ? 'Deleted.' : entry.isAddition() && !entry.changeMessage ? 'Added.' : entry.getChangeMessage(),
      typeName: type ? (model?._meta.verboseName ?? type.model) : 'Unknown content',
      url,
    });
  }
  return result;
}

/** The user's ten latest actions, for the index. */
export async function recentActions(request: HttpRequest, site: AdminSite): Promise<ActionRow[]> {
  const entries = await LogEntry.objects
    .filter({ user: userId(request) } as never)
    .selectRelated('user')
    .orderBy('-actionTime', '-id')
    .slice(0, 10);
  return rows(entries as LogEntry[], site);
}

/** Every action on one object, oldest first (the history page). */
export async function objectHistory(obj: Model): Promise<ActionRow[]> {
  const contentType = await ContentType.objects.getForModel(obj);
  const entries = await LogEntry.objects
    .filter({ contentType: contentType.pk, objectId: String(obj.pk) } as never)
    .selectRelated('user')
    .orderBy('actionTime', 'id');
  return rows(entries as LogEntry[], null);
}
