import type { HttpRequest } from '@manouche/core';
import type { Model, QuerySet } from '@manouche/orm';
import type { AdminAction } from './options.js';

/**
 * What an action shows in the dropdown and needs to run.
 *
 * @example
 * action<Post>(async ({ queryset }) => { await queryset.update({ status: 'PB' }); }, { name: 'publish', description: 'Publish selected posts', permissions: ['change'] });
 */
export interface ActionOptions {
  /** The name posted by the form (default: the function's name). */
  name?: string;
  /** The dropdown's text (default: the name, humanised). */
  description?: string;
  /** Permissions the user needs for it to be offered (Django's `permissions=['change']`). */
  permissions?: ReadonlyArray<'view' | 'add' | 'change' | 'delete'>;
}

/**
 * Declares a change-list action (Django's `@admin.action`).
 *
 * @example
 * const makePublished = action(async ({ queryset }) => { await queryset.update({ status: 'PB' }); }, { description: 'Mark selected posts as published', permissions: ['change'] });
 * admin.register(Post, { actions: [makePublished] });
 */
export function action<M extends Model>(
  run: (context: { request: HttpRequest; queryset: QuerySet<M> }) => void | Promise<void>,
  options: ActionOptions = {},
): AdminAction<M> {
  return Object.assign(run, { adminAction: { ...options } });
}
