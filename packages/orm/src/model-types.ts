import type { Field } from './fields/field.js';
import type { ForeignKeyField, ManyToManyField } from './fields/relation-fields.js';
import type { LookupName, TransformName } from './query/lookups.js';
import type { Model } from './model.js';
import type { ManyRelatedManager, RelatedManager } from './related-managers.js';

/** The attribute type of each non-m2m field. */
type ValueAttrs<F> = {
  -readonly [K in keyof F as F[K] extends ManyToManyField<unknown> ? never : K]: F[K] extends Field<infer T, infer _K> ? T : never;
};
/** `<name>Id` for each foreign key. */
type IdAttrs<F> = {
  -readonly [K in keyof F as F[K] extends ForeignKeyField<unknown, unknown, unknown> ? `${K & string}Id` : never]: F[K] extends ForeignKeyField<
    unknown,
    unknown,
    infer Id
  >
    ? Id
    : never;
};
/** A manager for each manyToMany field. */
type ManyAttrs<F> = {
  readonly [K in keyof F as F[K] extends ManyToManyField<unknown> ? K : never]: F[K] extends ManyToManyField<infer M> ? ManyRelatedManager<M> : never;
};
/** The declared primary-key field's name, or never when the model gets an automatic `id`. */
type PkName<F> = { [K in keyof F]: F[K] extends { readonly $pk: true } ? K : never }[keyof F];
/** `pk` (and `id` for the automatic key). */
type PkAttrs<F> = [PkName<F>] extends [never] ? { id: number; pk: number } : { pk: F[PkName<F>] extends Field<infer T, infer _K> ? T : never };

/**
 * The attributes an instance of a model with fields `F` has.
 *
 * @example
 * type PostAttrs = FieldAttributes<typeof Post.fields>; // { title: string; authorId: number; author: Author; pk: number; … }
 */
export type FieldAttributes<F> = ValueAttrs<F> & IdAttrs<F> & ManyAttrs<F> & PkAttrs<F> & { readonly $fields: F };

/**
 * What `new Post({...})` and `create({...})` accept.
 *
 * @example
 * const init: ModelInit<typeof Post.fields> = { title: 'Hello', author: ana };
 * const post = await Post.objects.create(init);
 */
export type ModelInit<F> = Partial<ValueAttrs<F> & IdAttrs<F>> & { id?: number; pk?: unknown };

type Suffix = '' | `__${LookupName}`;
type DateSuffix = Suffix | `__${TransformName}${Suffix}`;
type KeysOf<F> = {
  [K in keyof F & string]: F[K] extends ForeignKeyField<unknown, unknown, unknown> | ManyToManyField<unknown>
    ? K | `${K}__${string}` | (F[K] extends ForeignKeyField<unknown, unknown, unknown> ? `${K}Id${Suffix}` : never)
    : F[K] extends Field<infer _T, 'date' | 'dateTime'>
      ? `${K}${DateSuffix}`
      : `${K}${Suffix}`;
}[keyof F & string];

/** Reverse relations declared on the class (`declare posts: RelatedManager<Post>`, `declare profile: Profile`). */
type ReverseKeys<M> = {
  [K in keyof M & string]: K extends '$fields'
    ? never
    : M[K] extends RelatedManager<any> | ManyRelatedManager<any> | Model | null
      ? K | `${K}__${string}`
      : never;
}[keyof M & string];

/**
 * The filter keys of a model: `title`, `title__icontains`, `publish__year__gte`, `author__username__iexact`, `pk__in`.
 *
 * @example
 * const key: FilterKey<Post> = 'publish__year__gte';
 * Post.objects.filter({ [key]: 2026 });
 */
export type FilterKey<M> = M extends { readonly $fields: infer F }
  ? KeysOf<F> | ReverseKeys<M> | `pk${Suffix}` | ([PkName<F>] extends [never] ? `id${Suffix}` : never)
  : string;

/**
 * Lookups for filter/exclude/get, keyed by typed filter keys.
 *
 * @example
 * const recent: Lookups<Post> = { publish__year__gte: 2026, author__username__iexact: 'ana' };
 * await Post.objects.filter(recent).count();
 */
export type Lookups<M> = { [K in FilterKey<M>]?: unknown };

/** Lookups on annotations of the rows `R` (`n__gt` after `annotate({ n: Count('posts') })`). */
export type AnnotationLookups<M, R> = { [K in Exclude<keyof R, keyof M | symbol | number> & string as `${K}${Suffix}`]?: unknown };

/**
 * Field names of a model (for values, orderBy, only, defer), including relation paths.
 *
 * @example
 * const columns: FieldPath<Post>[] = ['title', 'author__username'];
 * Post.objects.values(...columns);
 */
export type FieldPath<M> = M extends { readonly $fields: infer F }
  ?
      | {
          [K in keyof F & string]: F[K] extends ForeignKeyField<unknown, unknown, unknown> | ManyToManyField<unknown> ? K | `${K}__${string}` | `${K}Id` : K;
        }[keyof F & string]
      | 'pk'
      | ([PkName<F>] extends [never] ? 'id' : never)
  : string;

/**
 * An orderBy name: a field path (or an annotation of the rows `R`), optionally with `-`, or `?` for random.
 *
 * @example
 * const order: OrderName<Post>[] = ['-publish', 'title'];
 * Post.objects.orderBy(...order);
 */
export type OrderName<M, R = M> =
  | FieldPath<M>
  | `-${FieldPath<M>}`
  | '?'
  | Exclude<keyof R, keyof M | symbol | number>
  | `-${Exclude<keyof R, keyof M | symbol | number> & string}`;

/**
 * Values to set in update()/create(), by field name or attname.
 *
 * @example
 * const changes: UpdateValues<Post> = { status: 'PB', views: F('views').add(1) };
 * await Post.objects.filter({ pk: 1 }).update(changes);
 */
export type UpdateValues<M> = M extends { readonly $fields: infer F } ? { [K in keyof ValueAttrs<F> | keyof IdAttrs<F>]?: unknown } : Record<string, unknown>;
