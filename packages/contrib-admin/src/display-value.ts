import { formatDate, isSafe, type SafeString } from '@manouche/templates';
import type { Field, Model } from '@manouche/orm';

/** A change-list or read-only cell: text (escaped by the template unless marked safe) or a boolean icon. */
export interface Cell {
  text: string | SafeString;
  boolean?: boolean | null;
}

/** How the admin shows a value of `field` (choices by label, dates in Django's format, related objects by their text). */
export function displayValue(value: unknown, field: Field | undefined, options: { boolean?: boolean; emptyValue: string; timeZone?: string }): Cell {
  if (options.boolean)
    return {
      text: value === null || value === undefined ? 'Unknown' : value ? 'Yes' : 'No',
      boolean: value === null || value === undefined ? null : Boolean(value),
    };
  if (value === null || value === undefined || value === '') return { text: options.emptyValue };
  // Django keeps a display function's markSafe()/formatHtml() output as HTML.
  if (isSafe(value)) return { text: value };
  const choices = field?.options.choices as ReadonlyArray<readonly [unknown, string]> | undefined;
  if (choices) {
    const found = choices.find(([choice]) => choice === value || String(choice) === String(value));
    if (found) return { text: found[1] };
  }
  if (value instanceof Date) {
    if (field?.type === 'date') return { text: formatDate(value, 'N j, Y', 'UTC') };
    if (field?.type === 'time') return { text: formatDate(value, 'P', options.timeZone) };
    return { text: formatDate(value, 'N j, Y, P', options.timeZone) };
  }
  if (typeof value === 'boolean') return { text: value ? 'Yes' : 'No', boolean: value };
  if (Array.isArray(value)) return { text: value.map(String).join(', ') };
  return { text: String(value as Model) };
}
