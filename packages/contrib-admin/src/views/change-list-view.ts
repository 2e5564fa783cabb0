import { HttpResponseBase, HttpResponseRedirect, PermissionDenied, render, SuspiciousOperation, type HttpRequest } from '@manouche/core';
import type { Model, QuerySet } from '@manouche/orm';
import { AdminSite } from '../admin-site.js';
import { ALL_VAR, buildChangeList, IS_POPUP_VAR, ORDER_VAR, PAGE_VAR, SEARCH_VAR, TO_FIELD_VAR, type ChangeListState } from '../change-list.js';
import { displayValue, type Cell } from '../display-value.js';
import { InvalidLookup } from '../list-filters.js';
import type { ModelAdmin } from '../model-admin.js';
import { toFieldAllowed } from '../widgets/admin-form.js';
import { changeLinks } from './change-links.js';
import { deleteSelectedView } from './delete-view.js';
import { listEditableFormset, saveListEditable, type ListEditableFormset } from './list-editable.js';
import { adminTemplates } from './template-names.js';

/** An action as the change list's dropdown offers it. */
export interface ActionChoice {
  name: string;
  description: string;
}

/** The actions this user may run: "Delete selected …" and the custom ones their permissions allow. */
export async function availableActions(
  ma: ModelAdmin<Model>,
  request: HttpRequest,
): Promise<Array<ActionChoice & { run?: (request: HttpRequest, queryset: QuerySet<Model>) => unknown }>> {
  if (ma.options.actions === null) return [];
  const perms = await ma.permissions(request);
  const actions: Array<ActionChoice & { run?: (request: HttpRequest, queryset: QuerySet<Model>) => unknown }> = [];
  if (perms.delete) actions.push({ name: 'delete_selected', description: `Delete selected ${ma.opts.verboseNamePlural}` });
  for (const action of ma.options.actions ?? []) {
    const meta = action.adminAction ?? {};
    const needs = meta.permissions ?? [];
    if (!needs.every((perm) => perms[perm])) continue;
    const name = meta.name ?? action.name;
    actions.push({
      name,
      description:
        meta.description ??
        name
          .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
          .replace(/_/g, ' ')
          .toLowerCase()
          .replace(/^./, (c) => c.toUpperCase()),
      run: (req, queryset) => action({ request: req, queryset: queryset as never }),
    });
  }
  return actions;
}

function changeListQuery(state: ChangeListState, set: Record<string, string | null>): string {
  const next = new Map(state.params);
  for (const [name, value] of Object.entries(set)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  const search = new URLSearchParams([...next.entries()]).toString();
  return search ? `?${search}` : '?';
}

/** A change-list cell: the shown value, whether it links to the object, and its listEditable input. */
interface ListCell extends Cell {
  link: boolean;
  field: { html: unknown; errors: string[]; name: string } | null;
}

/**
 * The link of each page number: changeListQuery(state, { p: n, all: null }) with the other
 * parameters encoded once, as a page shows every page number.
 */
function pageLinks(state: ChangeListState): (page: number) => string {
  const before: string[] = [];
  const after: string[] = [];
  let seenPage = false;
  for (const [name, value] of state.params) {
    if (name === PAGE_VAR) seenPage = true;
    else if (name !== ALL_VAR) (seenPage ? after : before).push(new URLSearchParams([[name, value]]).toString());
  }
  const head = `?${before.map((pair) => `${pair}&`).join('')}${new URLSearchParams([[PAGE_VAR, '']]).toString()}`;
  const tail = after.map((pair) => `&${pair}`).join('');
  return (page) => `${head}${page}${tail}`;
}

/** The change list page, and the actions posted from it. */
export async function changeListView(site: AdminSite, ma: ModelAdmin<Model>, request: HttpRequest): Promise<HttpResponseBase> {
  if (!(await ma.hasViewPermission(request))) throw new PermissionDenied();
  const { appLabel, modelName } = ma.opts;
  const isPopup = request.query.has(IS_POPUP_VAR);
  const toField = request.query.get(TO_FIELD_VAR) ?? null;
  // Django's DisallowedModelAdminToField: a popup may only send back a key some relation uses.
  if (toField !== null && !toFieldAllowed(site, ma, toField)) throw new SuspiciousOperation(`The field ${JSON.stringify(toField)} cannot be referenced.`);
  const perms = await ma.permissions(request);
  const editable = !isPopup && perms.change && Boolean(ma.options.listEditable?.length);
  let actionError: string | null = null;
  let formset: ListEditableFormset | null = null;
  if (request.method === 'POST' && (await request.post()).has('_save') && ma.options.listEditable?.length) {
    if (!perms.change) throw new PermissionDenied();
    const saved = await saveListEditable(ma, request);
    if (saved instanceof HttpResponseBase) return saved;
    formset = saved;
  } else if (request.method === 'POST') {
    const data = await request.post();
    const name = data.get('action') ?? '';
    const selected = data.getAll('_selected_action');
    const actions = await availableActions(ma, request);
    const action = actions.find((candidate) => candidate.name === name);
    if (!name) actionError = 'No action selected.';
    else if (!action) actionError = `The action ${JSON.stringify(name)} does not exist or is not allowed here. Nothing was changed.`;
    else if (!selected.length && data.get('select_across') !== '1')
      actionError = 'Items must be selected in order to perform actions on them. No items have been changed.';
    else {
      const pkField = ma.opts.pk;
      const ids = selected.map((id) => (/^\d+$/.test(id) && pkField.type !== 'char' && pkField.type !== 'uuid' ? Number(id) : id));
      const queryset =
        data.get('select_across') === '1' ? (await buildChangeList(ma, request)).queryset : ma.getQueryset(request).filter({ pk__in: ids } as never);
      if (action.name === 'delete_selected') return deleteSelectedView(site, ma, request, queryset, data.get('post') === 'yes');
      const result = await action.run!(request, queryset);
      if (result instanceof HttpResponseBase) return result;
      return new HttpResponseRedirect(request.getFullPath());
    }
  }
  let state: ChangeListState;
  try {
    state = await buildChangeList(ma, request);
  } catch (error) {
    if (!(error instanceof InvalidLookup)) throw error;
    return render(
      request,
      'admin/invalid_lookup.html',
      { ...site.eachContext(request), title: 'Invalid lookup', message: error.message, changelistUrl: site.reverse(`${appLabel}_${modelName}_changelist`) },
      { status: 400 },
    );
  }
  if (editable && !formset) formset = await listEditableFormset(ma, request, state.objects);
  const rowForms = new Map((formset?.forms ?? []).map((form) => [String(form.instance.pk), form]));
  const editableNames = new Set(editable ? (ma.options.listEditable as readonly string[]) : []);
  const timeZone = (request.settings as { TIME_ZONE?: string } | undefined)?.TIME_ZONE;
  const linkKeys =
    ma.options.listDisplayLinks === null
      ? []
      : (ma.options.listDisplayLinks ?? [state.columns[0]?.key]).map((item) => (typeof item === 'function' ? item.name : item));
  // Per column, once a page rather than once a cell: the link flag and the display options.
  const columnViews = state.columns.map((column) => ({
    column,
    link: linkKeys.includes(column.key),
    editable: editableNames.has(column.key),
    options: { boolean: column.boolean, emptyValue: column.emptyValue ?? ma.emptyValueDisplay, timeZone },
  }));
  const changeUrl = perms.change || perms.view ? changeLinks(site, ma) : null;
  const rows = state.objects.map((obj) => {
    const form = formset ? rowForms.get(String(obj.pk)) : undefined;
    return {
      pk: String(obj.pk),
      repr: String(obj),
      url: changeUrl ? changeUrl(obj.pk) : null,
      // In a lookup popup a click sends this value back to the input that opened it.
      popupValue: isPopup ? String((obj as unknown as Record<string, unknown>)[toField ?? ma.opts.pk.name] ?? obj.pk) : null,
      hidden: form ? form.get(ma.opts.pk.name as never).asWidget() : null,
      cells: columnViews.map(({ column, link, editable: isEditable, options }) => {
        const field = form && isEditable ? form.get(column.key as never) : null;
        // displayValue returns a fresh object: the cell adds to it (a `boolean` key only when it set one).
        const cell = displayValue(column.value(obj), column.field, options) as ListCell;
        cell.link = link;
        cell.field = field ? { html: field.asWidget(), errors: [...field.errors].map(String), name: column.key } : null;
        return cell;
      }),
    };
  });
  const headers = state.columns.map((column, index) => {
    const sorted = state.sort.findIndex((entry) => entry.index === index);
    const others = state.sort.filter((entry) => entry.index !== index).map((entry) => `${entry.descending ? '-' : ''}${entry.index + 1}`);
    const current = sorted >= 0 ? state.sort[sorted]! : null;
    const toggled = `${current && !current.descending ? '-' : ''}${index + 1}`;
    return {
      text: column.header,
      sortable: Boolean(column.ordering),
      sorted: current ? (current.descending ? 'descending' : 'ascending') : null,
      priority: sorted >= 0 ? sorted + 1 : null,
      toggleUrl: changeListQuery(state, { [ORDER_VAR]: [toggled, ...others].join('.'), [PAGE_VAR]: null }),
      removeUrl: current ? changeListQuery(state, { [ORDER_VAR]: others.join('.') || null, [PAGE_VAR]: null }) : null,
    };
  });
  const pageUrl = state.multiPage ? pageLinks(state) : null;
  const pages = pageUrl
    ? Array.from({ length: state.numPages }, (_, index) => ({
        number: index + 1,
        url: pageUrl(index + 1),
        current: !state.showAll && index + 1 === state.page,
      }))
    : [];
  const names = AdminSite.titleOf(ma);
  return render(
    request,
    adminTemplates(ma, 'change_list.html'),
    {
      ...site.eachContext(request),
      title: `Select ${ma.opts.verboseName} to ${perms.change ? 'change' : 'view'}`,
      subtitle: null,
      opts: {
        appLabel,
        modelName,
        appName: ma.appVerboseName(request),
        verboseName: ma.opts.verboseName,
        verboseNamePlural: ma.opts.verboseNamePlural,
        plural: names.plural,
      },
      appUrl: site.reverse('app_list', [], { app_label: appLabel }),
      addUrl: perms.add ? site.reverse(`${appLabel}_${modelName}_add`) : null,
      headers,
      rows,
      actions: isPopup ? [] : (await availableActions(ma, request)).map(({ name, description }) => ({ name, description })),
      isPopup,
      managementForm: formset ? formset.managementForm : null,
      formsetErrorCount: formset?.isBound ? formset.totalErrorCount() : 0,
      formsetNonFormErrors: formset?.isBound ? [...formset.nonFormErrors()].map(String) : [],
      actionError,
      hasSearch: Boolean(ma.options.searchFields?.length),
      search: state.search,
      searchVar: SEARCH_VAR,
      hiddenParams: [...state.params.entries()].filter(([name]) => name !== SEARCH_VAR && name !== PAGE_VAR),
      filters: state.filters,
      dateHierarchy: state.dateHierarchy,
      resultCount: state.resultCount,
      fullCount: state.fullCount,
      filtered: state.resultCount !== state.fullCount || state.params.has(SEARCH_VAR),
      clearFiltersUrl: '?',
      pages,
      showAllUrl: state.multiPage && state.canShowAll && !state.showAll ? changeListQuery(state, { [ALL_VAR]: '', [PAGE_VAR]: null }) : null,
    },
    { status: actionError ? 400 : 200 },
  );
}
