import type { FieldType, OnDelete } from '@manouche/contracts';
import { closestMatches, didYouMean, describeValue } from '@manouche/contracts/text';
import { ModelError } from '../errors.js';
import type { Field } from './field.js';

/** Options every field with a column accepts (Django's Field options). */
const COMMON = ['null', 'blank', 'default', 'unique', 'dbIndex', 'primaryKey', 'choices', 'dbColumn', 'validators', 'verboseName', 'helpText', 'editable'];
const TEXT = [...COMMON, 'dbCollation'];
const CHAR = [...TEXT, 'maxLength'];
const DATES = [...COMMON, 'autoNow', 'autoNowAdd'];
const RELATION = [...COMMON, 'onDelete', 'relatedName', 'toField', 'dbConstraint', 'limitChoicesTo'];

/** The options each field constructor takes, beyond which a definition is a typo. */
const OPTIONS: Record<FieldType, readonly string[]> = {
  auto: COMMON,
  bigAuto: COMMON,
  smallAuto: COMMON,
  char: CHAR,
  slug: CHAR,
  email: CHAR,
  url: CHAR,
  text: TEXT,
  integer: COMMON,
  bigInteger: COMMON,
  smallInteger: COMMON,
  positiveInteger: COMMON,
  positiveBigInteger: COMMON,
  positiveSmallInteger: COMMON,
  float: COMMON,
  decimal: [...COMMON, 'maxDigits', 'decimalPlaces'],
  boolean: COMMON,
  date: DATES,
  time: COMMON,
  dateTime: DATES,
  duration: COMMON,
  uuid: COMMON,
  json: COMMON,
  binary: COMMON,
  foreignKey: RELATION,
  oneToOne: RELATION,
  manyToMany: ['blank', 'dbIndex', 'verboseName', 'helpText', 'editable', 'relatedName', 'through', 'dbTable', 'limitChoicesTo'],
};

/** Django's on_delete choices. */
export const ON_DELETE_CHOICES: readonly OnDelete[] = ['CASCADE', 'PROTECT', 'RESTRICT', 'SET_NULL', 'SET_DEFAULT', 'DO_NOTHING'];

/**
 * Refuses a field definition the types would have refused (for JavaScript and untyped options): an
 * unknown option, or a relation without a valid `onDelete`. Runs when the model class is prepared,
 * so the message names the model and field.
 *
 * @example
 * checkFieldOptions('Post', 'title', fields.char({ maxLenght: 10 } as never));
 * // ModelError: Post.title: unknown option "maxLenght" for fields.char(). Did you mean "maxLength"? Valid options: blank, choices, …
 */
export function checkFieldOptions(modelName: string, name: string, field: Field): void {
  const valid = OPTIONS[field.type];
  if (!valid) return;
  const where = `${modelName}.${name}`;
  for (const key of Object.keys(field.options)) {
    if (valid.includes(key)) continue;
    const guess = closestMatches(key, valid, { ignoreCase: true, limit: 1 });
    throw new ModelError(`${where}: unknown option "${key}" for fields.${field.type}().${didYouMean(guess)} Valid options: ${[...valid].sort().join(', ')}.`);
  }
  const collation = field.options.dbCollation;
  if (collation !== undefined && (typeof collation !== 'string' || collation === '')) {
    throw new ModelError(`${where}: dbCollation must be a collation name (a non-empty string), got ${describeValue(collation)}.`);
  }
  if (field.type === 'foreignKey' || field.type === 'oneToOne') {
    const onDelete = field.options.onDelete;
    if (onDelete === undefined) {
      throw new ModelError(`${where}: fields.${field.type}() needs onDelete, one of ${ON_DELETE_CHOICES.join(', ')} (Django's on_delete).`);
    }
    if (!ON_DELETE_CHOICES.includes(onDelete as OnDelete)) {
      const guess = typeof onDelete === 'string' ? closestMatches(onDelete, ON_DELETE_CHOICES, { ignoreCase: true, limit: 1 }) : [];
      throw new ModelError(`${where}: onDelete ${describeValue(onDelete)} is not valid.${didYouMean(guess)} Choices are: ${ON_DELETE_CHOICES.join(', ')}.`);
    }
  }
}
