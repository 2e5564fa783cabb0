/**
 * The plain data a model describes itself with. The ORM produces it from model classes;
 * migration files contain it; the migrations layer turns it into DDL for each dialect.
 * Everything here is JSON-like so it can be written into a migration file and read back.
 */

/**
 * Field kinds, by their Django names in camelCase.
 *
 * @example
 * const slug: FieldSpec = { type: 'slug' satisfies FieldType, maxLength: 50, unique: true };
 */
export type FieldType =
  | 'auto'
  | 'bigAuto'
  | 'smallAuto'
  | 'char'
  | 'slug'
  | 'text'
  | 'email'
  | 'url'
  | 'integer'
  | 'bigInteger'
  | 'smallInteger'
  | 'positiveInteger'
  | 'positiveBigInteger'
  | 'positiveSmallInteger'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'time'
  | 'dateTime'
  | 'duration'
  | 'uuid'
  | 'json'
  | 'binary'
  | 'foreignKey'
  | 'oneToOne'
  | 'manyToMany';

/**
 * What the ORM does to rows that point at a deleted row.
 *
 * @example
 * const author: FieldSpec = { type: 'foreignKey', to: 'auth.User', onDelete: 'PROTECT' satisfies OnDelete };
 */
export type OnDelete = 'CASCADE' | 'PROTECT' | 'RESTRICT' | 'SET_NULL' | 'SET_DEFAULT' | 'DO_NOTHING';

/**
 * A value that can be written into a migration file.
 *
 * @example
 * const defaults: PlainValue = { tags: ['news'], draft: true, views: 0 };
 */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

/**
 * One field, as plain data.
 *
 * @example
 * const title: FieldSpec = { type: 'char', maxLength: 200 };
 * const author: FieldSpec = { type: 'foreignKey', to: 'auth.User', onDelete: 'CASCADE', relatedName: 'posts' };
 */
export interface FieldSpec {
  type: FieldType;
  /** Column name; defaults to the field name, or `<name>_id` for foreignKey/oneToOne (see {@link columnName}). */
  column?: string;
  primaryKey?: boolean;
  null?: boolean;
  blank?: boolean;
  unique?: boolean;
  dbIndex?: boolean;
  /**
   * A constant default. Migrations use it to fill existing rows when a column is added.
   * Callable defaults are not data: the ORM leaves this out and sets `hasCallableDefault`.
   */
  default?: PlainValue;
  hasCallableDefault?: boolean;
  maxLength?: number;
  /** char-like and text fields: the column's collation (Django's db_collation), e.g. `'C'`, `'utf8mb4_bin'`, `'NOCASE'`. */
  dbCollation?: string;
  maxDigits?: number;
  decimalPlaces?: number;
  choices?: Array<[PlainValue, string]>;
  autoNow?: boolean;
  autoNowAdd?: boolean;
  verboseName?: string;
  helpText?: string;
  editable?: boolean;
  /** Relations: the target model as `app_label.ModelName`. */
  to?: string;
  /** Relations: the target field (the target's primary key when omitted). */
  toField?: string;
  onDelete?: OnDelete;
  relatedName?: string;
  /** Relations: whether a database FOREIGN KEY constraint is created (default true). */
  dbConstraint?: boolean;
  /** manyToMany: an explicit intermediate model `app_label.ModelName`. */
  through?: string;
  /** manyToMany without `through`: the automatically created join table. */
  joinTable?: { table: string; sourceColumn: string; targetColumn: string };
}

/**
 * An index declared in a model's options.
 *
 * @example
 * const byDate: IndexSpec = { name: 'blog_post_publish_idx', fields: ['publish'] };
 */
export interface IndexSpec {
  name: string;
  fields: string[];
  unique?: boolean;
}

/**
 * A constraint declared in a model's options. `check` is a portable SQL boolean expression over column names.
 *
 * @example
 * const constraints: ConstraintSpec[] = [{ kind: 'check', name: 'price_positive', check: 'price > 0' }, { kind: 'unique', name: 'one_slug_per_day', fields: ['slug', 'publish'] }];
 */
export type ConstraintSpec = { kind: 'unique'; name: string; fields: string[] } | { kind: 'check'; name: string; check: string };

/**
 * Model options that reach the database or the migration state.
 *
 * @example
 * const options: ModelOptions = { ordering: ['-publish'], verboseNamePlural: 'entries' };
 */
export interface ModelOptions {
  ordering?: string[];
  verboseName?: string;
  verboseNamePlural?: string;
  uniqueTogether?: string[][];
  indexes?: IndexSpec[];
  constraints?: ConstraintSpec[];
  /** False for models whose table the migrations must not create or alter. */
  managed?: boolean;
  /** Any other option the ORM keeps (it is carried through migrations untouched). */
  [option: string]: PlainValue | IndexSpec[] | ConstraintSpec[] | undefined;
}

/**
 * One model as plain data.
 *
 * @example
 * const post: ModelState = {
 *   app: 'blog', name: 'Post', table: 'blog_post',
 *   fields: { id: { type: 'bigAuto', primaryKey: true }, title: { type: 'char', maxLength: 250 } },
 *   options: {},
 * };
 */
export interface ModelState {
  /** The app label (`blog`). */
  app: string;
  /** The model's class name (`Post`). */
  name: string;
  /** The table (`blog_post` by default). */
  table: string;
  /** Fields in declaration order, the primary key included. */
  fields: Record<string, FieldSpec>;
  options: ModelOptions;
}

/**
 * The column a field is stored in: `column` if set, else the name (`<name>_id` for foreignKey/oneToOne).
 *
 * @example
 * columnName('author', { type: 'foreignKey', to: 'auth.User', onDelete: 'CASCADE' }); // 'author_id'
 */
export function columnName(fieldName: string, field: FieldSpec): string {
  if (field.column) return field.column;
  return field.type === 'foreignKey' || field.type === 'oneToOne' ? `${fieldName}_id` : fieldName;
}

/**
 * The key a model state is known by: `app_label.modelname`, lower-case as Django's registry does.
 *
 * @example
 * modelKey('blog', 'Post'); // 'blog.post'
 */
export function modelKey(app: string, name: string): string {
  return `${app}.${name}`.toLowerCase();
}
