/**
 * A relation's limitChoicesTo as query parameters (Django's url_params_from_lookup_dict): the
 * raw-id lookup popup opens the related change list with them, and the change list accepts
 * exactly those pairs as filters (Django's lookup_allowed lets them through the same way).
 */
import { ForeignKeyField, ManyToManyField, registeredModels, type ModelClass } from '@manouche/orm';

/** One query-parameter value as Django writes it: lists joined by commas, booleans as 1/0. */
function paramValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(paramValue).join(',');
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** The query parameters of a lookup dict (values that are functions are called first). */
export function urlParamsFromLookupDict(lookups: Record<string, unknown> | null | undefined): Array<[string, string]> {
  if (!lookups) return [];
  return Object.entries(lookups).map(([key, value]) => [key, paramValue(typeof value === 'function' ? (value as () => unknown)() : value)]);
}

/** The model a relation points at, or undefined while its target is not loaded yet. */
function remoteOf(model: ModelClass, field: ForeignKeyField | ManyToManyField): ModelClass | undefined {
  try {
    return model._meta.remoteModel(field as never) as ModelClass;
  } catch {
    return undefined;
  }
}

/** A filter the change list accepts from the query string: the parameter pair and the lookup it stands for. */
export interface LimitChoicesFilter {
  key: string;
  param: string;
  value: unknown;
}

/**
 * The limitChoicesTo pairs of every relation pointing at `model` (Django's related_fkey_lookups):
 * `param` is the query-string value, `value` the original one the ORM gets.
 */
export function limitChoicesFilters(model: ModelClass): LimitChoicesFilter[] {
  const found: LimitChoicesFilter[] = [];
  for (const other of registeredModels()) {
    for (const field of [...other._meta.fields, ...other._meta.manyToMany]) {
      if (!(field instanceof ForeignKeyField || field instanceof ManyToManyField)) continue;
      if (remoteOf(other, field) !== model) continue;
      const lookups = field.getLimitChoicesTo();
      if (!lookups) continue;
      for (const [key, value] of Object.entries(lookups)) {
        const resolved = typeof value === 'function' ? (value as () => unknown)() : value;
        found.push({ key, param: paramValue(resolved), value: resolved });
      }
    }
  }
  return found;
}
