/**
 * `manouche check` for listFilter entries, listEditable and the relation widgets' options
 * (rawIdFields, autocompleteFields, filterHorizontal, filterVertical), with Django's ids.
 */
import type { CheckMessage } from '@manouche/contracts';
import type { Model } from '@manouche/orm';
import type { AdminSite } from './admin-site.js';
import { FieldListFilter } from './field-list-filters.js';
import { ListFilter } from './list-filters.js';
import type { ModelAdmin } from './model-admin.js';

function label(ma: ModelAdmin<Model>): string {
  return `${ma.opts.appLabel}.${ma.model.name}`;
}

function inherits(value: unknown, base: abstract new (...args: never[]) => unknown): boolean {
  return typeof value === 'function' && (value === base || value.prototype instanceof base);
}

/** The problems of one registration's listFilter, listEditable and relation widget options. */
export function checkListsAndWidgets(ma: ModelAdmin<Model>, site?: AdminSite): CheckMessage[] {
  const messages: CheckMessage[] = [];
  const obj = `${label(ma)} (admin)`;
  const options = ma.options as Record<string, unknown>;
  const error = (id: string, message: string) => messages.push({ id, level: 'error', message, obj });
  const isField = (path: string) => ma.resolveFieldPath(path.split('__')) !== undefined;

  ((options.listFilter as unknown[] | undefined) ?? []).forEach((item, index) => {
    if (typeof item === 'function') {
      if (inherits(item, FieldListFilter))
        error('admin.E114', `The value of 'listFilter[${index}]' must not inherit from 'FieldListFilter' (give it with its field: ['field', ${item.name}]).`);
      else if (!inherits(item, ListFilter)) error('admin.E113', `The value of 'listFilter[${index}]' must inherit from 'ListFilter'.`);
      return;
    }
    const [path, filterClass] = Array.isArray(item) ? item : [item, undefined];
    if (Array.isArray(item) && !inherits(filterClass, FieldListFilter))
      error('admin.E115', `The value of 'listFilter[${index}][1]' must inherit from 'FieldListFilter'.`);
    if (typeof path !== 'string' || !isField(path))
      error('admin.E116', `The value of 'listFilter[${index}]' refers to '${String(path)}', which does not refer to a Field.`);
  });

  const listDisplay = (options.listDisplay as unknown[] | undefined) ?? ['__str__'];
  const links = options.listDisplayLinks as unknown[] | null | undefined;
  ((options.listEditable as unknown[] | undefined) ?? []).forEach((item, index) => {
    const where = `listEditable[${index}]`;
    const field = typeof item === 'string' ? ma.opts.getField(item) : undefined;
    if (!field) error('admin.E121', `The value of '${where}' refers to '${String(item)}', which is not a field of '${label(ma)}'.`);
    else if (!listDisplay.includes(item)) error('admin.E122', `The value of '${where}' refers to '${String(item)}', which is not contained in 'listDisplay'.`);
    else if (Array.isArray(links) && links.includes(item))
      error('admin.E123', `The value of '${where}' cannot be in both 'listEditable' and 'listDisplayLinks'.`);
    else if (listDisplay[0] === item && links !== null && !links?.length)
      error(
        'admin.E124',
        `The value of '${where}' refers to the first field in 'listDisplay' ('${String(item)}'), which cannot be used unless 'listDisplayLinks' is set.`,
      );
    else if (!field.editable || field.primaryKey)
      error('admin.E125', `The value of '${where}' refers to '${String(item)}', which is not editable through the admin.`);
  });

  const relationOption = (option: 'rawIdFields' | 'autocompleteFields', missing: string, wrongType: string) =>
    ((options[option] as unknown[] | undefined) ?? []).forEach((item, index) => {
      const field = typeof item === 'string' ? ma.opts.getField(item) : undefined;
      if (!field) error(missing, `The value of '${option}[${index}]' refers to '${String(item)}', which is not a field of '${label(ma)}'.`);
      else if (!['foreignKey', 'oneToOne', 'manyToMany'].includes(field.type))
        error(wrongType, `The value of '${option}[${index}]' must be a foreign key or a many-to-many field.`);
      else if (option === 'autocompleteFields' && site) {
        const remote = ma.model._meta.remoteModel(field as never);
        const remoteAdmin = site.findModelAdmin(remote._meta.appLabel, remote._meta.modelName);
        if (!remoteAdmin) error('admin.E039', `An admin for model "${remote.name}" has to be registered to be referenced by ${label(ma)}.autocompleteFields.`);
        else if (!remoteAdmin.options.searchFields?.length)
          error(
            'admin.E040',
            `The admin of ${remote._meta.appLabel}.${remote.name} must define "searchFields", because it's referenced by ${label(ma)}.autocompleteFields.`,
          );
      }
    });
  relationOption('rawIdFields', 'admin.E002', 'admin.E003');
  relationOption('autocompleteFields', 'admin.E037', 'admin.E038');

  for (const option of ['filterHorizontal', 'filterVertical'] as const) {
    ((options[option] as unknown[] | undefined) ?? []).forEach((item, index) => {
      const field = typeof item === 'string' ? ma.opts.getField(item) : undefined;
      if (!field) error('admin.E019', `The value of '${option}[${index}]' refers to '${String(item)}', which is not a field of '${label(ma)}'.`);
      else if (field.type !== 'manyToMany') error('admin.E020', `The value of '${option}[${index}]' must be a many-to-many field.`);
    });
  }
  return messages;
}
