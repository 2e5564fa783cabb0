import { FieldError } from './errors.js';
import { ForeignKeyField, ManyToManyField } from './fields/relation-fields.js';
import type { Model } from './model.js';
import type { ModelClass } from './model-options.js';
import { QuerySet } from './queryset.js';

const SOURCE_KEY = '_prefetch_source';

function groupBy(objects: Model[], key: (obj: Model) => unknown): Map<string, Model[]> {
  const groups = new Map<string, Model[]>();
  for (const obj of objects) {
    const k = String(key(obj));
    const list = groups.get(k);
    if (list) list.push(obj);
    else groups.set(k, [obj]);
  }
  return groups;
}

/**
 * Loads `paths` (`author`, `tags`, `comments`, nested `comments__author`) for `instances` with one
 * query per relation, and stores them where the accessors find them.
 */
export async function prefetchRelatedObjects(instances: Model[], paths: string[], alias: string): Promise<void> {
  const nested = new Map<string, string[]>();
  for (const path of paths) {
    const [first, ...rest] = path.split('__');
    const list = nested.get(first) ?? [];
    if (rest.length > 0) list.push(rest.join('__'));
    nested.set(first, list);
  }
  for (const [name, rest] of nested) {
    const related = await prefetchOne(instances, name, alias);
    if (rest.length > 0 && related.length > 0) await prefetchRelatedObjects(related, rest, alias);
  }
}

async function prefetchOne(instances: Model[], name: string, alias: string): Promise<Model[]> {
  if (instances.length === 0) return [];
  const model = instances[0].constructor as unknown as ModelClass;
  const meta = model._meta;
  const field = meta.getField(name);
  if (field instanceof ForeignKeyField) {
    const target = meta.remoteModel(field);
    const key = (field.options.toField as string | undefined) ?? target._meta.pk.name;
    const keyAttname = target._meta.requireField(key, 'prefetchRelated()').attname;
    const ids = [
      ...new Set(instances.map((obj) => (obj as unknown as Record<string, unknown>)[field.attname]).filter((id) => id !== null && id !== undefined)),
    ];
    const related =
      ids.length === 0
        ? []
        : ((await new QuerySet(target)
            .using(alias)
            .filter({ [`${key}__in`]: ids } as never)
            .fetch()) as Model[]);
    const byKey = new Map(related.map((obj) => [String((obj as unknown as Record<string, unknown>)[keyAttname]), obj]));
    for (const obj of instances) {
      const id = (obj as unknown as Record<string, unknown>)[field.attname];
      obj._state.relations.set(name, id === null || id === undefined ? null : (byKey.get(String(id)) ?? null));
    }
    return related;
  }
  const pks = instances.map((obj) => obj.pk);
  if (field instanceof ManyToManyField) {
    const target = meta.remoteModel(field);
    const back = target._meta.reverseRelations().find((relation) => relation.field === field);
    if (!back) throw new FieldError(`Cannot prefetch ${model.name}.${name}: it has no reverse relation (relatedName ends with "+").`);
    const related = (await new QuerySet(target)
      .using(alias)
      .filter({ [`${back.queryName}__in`]: pks } as never)
      .withExtra(`${back.queryName}__pk`, SOURCE_KEY)
      .fetch()) as Model[];
    assignLists(instances, name, related);
    return related;
  }
  const reverse = meta.reverseRelation(name);
  if (!reverse) {
    throw new FieldError(
      `Cannot find "${name}" on ${model.name} for prefetchRelated(). Choices are: ${[...meta.fields.filter((f) => f.isRelation).map((f) => f.name), ...meta.reverseRelations().map((r) => r.accessorName)].join(', ')}.`,
    );
  }
  if (reverse.kind === 'manyToMany') {
    const related = (await new QuerySet(reverse.model)
      .using(alias)
      .filter({ [`${reverse.field.name}__in`]: pks } as never)
      .withExtra(`${reverse.field.name}__pk`, SOURCE_KEY)
      .fetch()) as Model[];
    assignLists(instances, reverse.accessorName, related);
    return related;
  }
  const fk = reverse.field as ForeignKeyField;
  const related = (await new QuerySet(reverse.model)
    .using(alias)
    .filter({ [`${fk.name}__in`]: pks } as never)
    .fetch()) as Model[];
  const groups = groupBy(related, (obj) => (obj as unknown as Record<string, unknown>)[fk.attname]);
  for (const obj of instances) {
    const list = groups.get(String(obj.pk)) ?? [];
    for (const child of list) child._state.relations.set(fk.name, obj);
    if (reverse.kind === 'oneToOne') obj._state.relations.set(reverse.accessorName, list[0] ?? null);
    else obj._state.prefetched.set(reverse.accessorName, list);
  }
  return related;
}

function assignLists(instances: Model[], accessor: string, related: Model[]): void {
  const groups = groupBy(related, (obj) => (obj as unknown as Record<string, unknown>)[SOURCE_KEY]);
  for (const obj of related) delete (obj as unknown as Record<string, unknown>)[SOURCE_KEY];
  for (const obj of instances) obj._state.prefetched.set(accessor, groups.get(String(obj.pk)) ?? []);
}
