/** Choices as fields and widgets take them: `[value, label]` pairs, optionally grouped. */

/**
 * A stored value of a choice.
 *
 * @example
 * const draft: ChoiceValue = 'DF';
 */
export type ChoiceValue = string | number | boolean | bigint | null;
/**
 * `[value, label]`, or `[groupLabel, [[value, label], …]]` for an `<optgroup>`.
 *
 * @example
 * const status: ChoiceEntry = ['PB', 'Published'];
 * const media: ChoiceEntry = ['Audio', [['vinyl', 'Vinyl'], ['cd', 'CD']]]; // an <optgroup>
 */
export type ChoiceEntry = readonly [ChoiceValue, string] | readonly [string, ReadonlyArray<readonly [ChoiceValue, string]>];
/**
 * A list of choices.
 *
 * @example
 * const STATUS: ChoiceList = [['DF', 'Draft'], ['PB', 'Published']];
 * status: forms.choice({ choices: STATUS }),
 */
export type ChoiceList = ReadonlyArray<ChoiceEntry>;

/** Whether an entry is a group. @internal */
export function isGroup(entry: ChoiceEntry): entry is readonly [string, ReadonlyArray<readonly [ChoiceValue, string]>] {
  return Array.isArray(entry[1]);
}

/** Every `[value, label]` pair, groups flattened. @internal */
export function flatChoices(choices: ChoiceList): Array<readonly [ChoiceValue, string]> {
  const out: Array<readonly [ChoiceValue, string]> = [];
  for (const entry of choices) {
    if (isGroup(entry)) out.push(...entry[1]);
    else out.push(entry as readonly [ChoiceValue, string]);
  }
  return out;
}

/** The text a choice value is compared with and written as. @internal */
export function choiceText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && value !== null && 'pk' in value) return String((value as { pk: unknown }).pk);
  return String(value);
}
