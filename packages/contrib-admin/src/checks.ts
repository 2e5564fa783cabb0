/**
 * `manouche check` for the admin, with Django's ids: every name in a registration's options
 * must be a field (or method) of its model — the same names TypeScript checks at compile
 * time, for projects that are not type-checked — and the apps and middleware the admin needs
 * must be installed.
 */
import type { CheckMessage, Settings, SystemCheck } from '@manouche/contracts';
import type { Model } from '@manouche/orm';
import { AdminSite } from './admin-site.js';
import { checkInlines } from './inlines.js';
import { checkListsAndWidgets } from './list-and-widget-checks.js';
import type { ModelAdmin } from './model-admin.js';

function label(ma: ModelAdmin<Model>): string {
  return `${ma.opts.appLabel}.${ma.model.name}`;
}

/**
 * The problems of one registration (`site`: the one it is on, to check autocompleteFields' targets).
 *
 * @example
 * const postAdmin = admin.site.findModelAdmin('blog', 'post')!;
 * checkModelAdmin(postAdmin, admin.site).map((message) => message.id); // ['admin.E128'] for dateHierarchy: 'title'
 */
export function checkModelAdmin(ma: ModelAdmin<Model>, site?: AdminSite): CheckMessage[] {
  const messages: CheckMessage[] = [];
  const obj = `${label(ma)} (admin)`;
  const options = ma.options as Record<string, unknown>;
  const isField = (name: string) => ma.resolveFieldPath(name.split('__')) !== undefined;
  const isMethod = (name: string) => typeof (ma.model.prototype as unknown as Record<string, unknown>)[name] === 'function';
  const error = (id: string, message: string) => messages.push({ id, level: 'error', message, obj });

  const listDisplay = (options.listDisplay as unknown[] | undefined) ?? [];
  listDisplay.forEach((item, index) => {
    if (typeof item === 'function' || item === '__str__') return;
    if (typeof item !== 'string' || (!isField(item) && !isMethod(item))) {
      error(
        'admin.E108',
        `The value of 'listDisplay[${index}]' refers to '${String(item)}', which is not a callable or an attribute or method on '${label(ma)}'.`,
      );
    } else if (ma.opts.getField(item)?.type === 'manyToMany') {
      error('admin.E109', `The value of 'listDisplay[${index}]' must not be a many-to-many field ('${item}').`);
    }
  });
  const links = options.listDisplayLinks as unknown[] | null | undefined;
  if (Array.isArray(links)) {
    links.forEach((item, index) => {
      if (!listDisplay.includes(item))
        error('admin.E111', `The value of 'listDisplayLinks[${index}]' refers to '${String(item)}', which is not defined in 'listDisplay'.`);
    });
  }
  ((options.searchFields as unknown[] | undefined) ?? []).forEach((item, index) => {
    const name = typeof item === 'string' ? item.replace(/^[\^=@]/, '') : '';
    if (!name || !isField(name))
      error('admin.E126', `The value of 'searchFields[${index}]' refers to '${String(item)}', which is not a field of '${label(ma)}'.`);
  });
  ((options.ordering as unknown[] | undefined) ?? []).forEach((item, index) => {
    const name = typeof item === 'string' ? item.replace(/^-/, '') : '';
    if (name !== 'pk' && name !== '?' && (!name || !isField(name)))
      error('admin.E033', `The value of 'ordering[${index}]' refers to '${String(item)}', which is not a field of '${label(ma)}'.`);
  });
  const fields = options.fields as unknown[] | undefined;
  if (fields && options.fieldsets) error('admin.E005', "Both 'fieldsets' and 'fields' are specified.");
  const formNames: string[] = [];
  for (const item of fields ?? []) formNames.push(String(item));
  ((options.fieldsets as Array<[unknown, { fields?: unknown[] }]> | undefined) ?? []).forEach(([, set], index) => {
    if (!set || !Array.isArray(set.fields)) {
      error('admin.E011', `The value of 'fieldsets[${index}][1]' must contain the key 'fields'.`);
      return;
    }
    for (const entry of set.fields.flat()) formNames.push(String(entry));
  });
  const duplicates = formNames.filter((name, index) => formNames.indexOf(name) !== index);
  if (duplicates.length)
    error(
      fields ? 'admin.E006' : 'admin.E012',
      `There are duplicate field(s) in '${fields ? 'fields' : 'fieldsets'}': ${[...new Set(duplicates)].join(', ')}.`,
    );
  const readonly = ((options.readonlyFields as unknown[] | undefined) ?? []).map((item) => (typeof item === 'function' ? item.name : String(item)));
  readonly.forEach((name, index) => {
    const item = (options.readonlyFields as unknown[])[index];
    if (typeof item !== 'function' && !isField(name) && !isMethod(name))
      error(
        'admin.E035',
        `The value of 'readonlyFields[${index}]' refers to '${name}', which is not a callable, an attribute of the admin, or an attribute of '${label(ma)}'.`,
      );
  });
  for (const name of formNames) {
    if (!ma.opts.getField(name) && !readonly.includes(name))
      error('admin.E108', `The form of '${label(ma)}' names '${name}', which is neither a field of the model nor in 'readonlyFields'.`);
  }
  ((options.exclude as unknown[] | undefined) ?? []).forEach((item, index) => {
    if (typeof item !== 'string' || !ma.opts.getField(item))
      error('admin.E015', `The value of 'exclude[${index}]' refers to '${String(item)}', which is not a field of '${label(ma)}'.`);
  });
  for (const [name, sources] of Object.entries((options.prepopulatedFields as Record<string, unknown[]> | undefined) ?? {})) {
    const field = ma.opts.getField(name);
    if (!field) error('admin.E027', `The value of 'prepopulatedFields' refers to '${name}', which is not a field of '${label(ma)}'.`);
    else if (['dateTime', 'foreignKey', 'oneToOne', 'manyToMany'].includes(field.type))
      error(
        'admin.E028',
        `The value of 'prepopulatedFields' refers to '${name}', which must not be a DateTimeField, a ForeignKey, a OneToOneField, or a ManyToManyField.`,
      );
    (sources ?? []).forEach((source, index) => {
      if (typeof source !== 'string' || !ma.opts.getField(source))
        error('admin.E030', `The value of 'prepopulatedFields["${name}"][${index}]' refers to '${String(source)}', which is not a field of '${label(ma)}'.`);
    });
  }
  const hierarchy = options.dateHierarchy;
  if (hierarchy !== undefined) {
    const field = typeof hierarchy === 'string' ? ma.resolveFieldPath(hierarchy.split('__')) : undefined;
    if (!field) error('admin.E127', `The value of 'dateHierarchy' refers to '${String(hierarchy)}', which does not refer to a Field.`);
    else if (field.type !== 'date' && field.type !== 'dateTime') error('admin.E128', "The value of 'dateHierarchy' must be a DateField or DateTimeField.");
  }
  for (const key of ['listPerPage', 'listMaxShowAll'] as const) {
    const value = options[key];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1))
      error(key === 'listPerPage' ? 'admin.E118' : 'admin.E119', `The value of '${key}' must be a positive integer.`);
  }
  messages.push(...checkInlines(ma));
  messages.push(...checkListsAndWidgets(ma, site));
  return messages;
}

/**
 * The apps and middleware the admin needs (admin.E401 … admin.E410).
 *
 * @example
 * checkDependencies({ ...settings, INSTALLED_APPS: ['manouche.contrib.admin', 'blog'] }).map((message) => message.id);
 * // ['admin.E401', 'admin.E405', 'admin.E406']: contenttypes, auth and messages are missing
 */
export function checkDependencies(settings: Settings): CheckMessage[] {
  const messages: CheckMessage[] = [];
  const apps = settings.INSTALLED_APPS;
  const middleware = (settings.MIDDLEWARE as unknown[]).map(String);
  const needApp = (name: string, id: string) => {
    if (!apps.includes(name)) messages.push({ id, level: 'error', message: `'${name}' must be in INSTALLED_APPS in order to use the admin application.` });
  };
  needApp('manouche.contrib.contenttypes', 'admin.E401');
  needApp('manouche.contrib.auth', 'admin.E405');
  needApp('manouche.contrib.messages', 'admin.E406');
  const needMiddleware = (name: string, id: string) => {
    if (!middleware.includes(name)) messages.push({ id, level: 'error', message: `'${name}' must be in MIDDLEWARE in order to use the admin application.` });
  };
  needMiddleware('manouche.contrib.auth.middleware.AuthenticationMiddleware', 'admin.E408');
  needMiddleware('manouche.contrib.messages.middleware.MessageMiddleware', 'admin.E409');
  needMiddleware('manouche.contrib.sessions.middleware.SessionMiddleware', 'admin.E410');
  return messages;
}

/**
 * The admin's system check: every site's registrations and the admin's dependencies.
 *
 * @example
 * const messages = await adminCheck(project.settings).run({ deploy: false });
 */
export function adminCheck(settings: Settings, sites: () => AdminSite[] = () => AdminSite.allSites()): SystemCheck {
  return {
    tags: ['admin'],
    run() {
      return [...checkDependencies(settings), ...sites().flatMap((site) => site.registrations().flatMap((ma) => checkModelAdmin(ma, site)))];
    },
  };
}
