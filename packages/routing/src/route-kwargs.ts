import type { ConverterTypes } from './converters.js';

/**
 * The value type of a converter name: from ConverterTypes, or unknown for an unregistered name.
 *
 * @example
 * type Year = ConverterValue<'int'>; // number
 * type Custom = ConverterValue<'year4'>; // unknown until ConverterTypes is augmented
 */
export type ConverterValue<C extends string> = C extends keyof ConverterTypes ? ConverterTypes[C] : unknown;

type ParamEntry<P extends string> = P extends `${infer C}:${infer N}` ? { [K in N]: ConverterValue<C> } : { [K in P]: string };

type ParseRoute<R extends string> = R extends `${string}<${infer P}>${infer Rest}` ? ParamEntry<P> & ParseRoute<Rest> : unknown;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The kwargs a view receives from a path() route, read from the route's text:
 * `RouteKwargs<'blog/<int:year>/<slug:slug>/'>` is `{ year: number; slug: string }`.
 *
 * @example
 * type PostKwargs = RouteKwargs<'blog/<int:year>/<slug:slug>/'>; // { year: number; slug: string }
 */
export type RouteKwargs<R extends string> = string extends R ? Record<string, unknown> : Simplify<ParseRoute<R>>;

type ParseRegex<R extends string> = R extends `${string}(?P<${infer N}>${infer Rest}`
  ? { [K in N]: string } & ParseRegex<Rest>
  : R extends `${string}(?<${infer N}>${infer Rest}`
    ? N extends `${'=' | '!'}${string}`
      ? ParseRegex<Rest>
      : { [K in N]: string } & ParseRegex<Rest>
    : unknown;

/**
 * The kwargs a view receives from a rePath regex written as a string literal: its named groups, as strings.
 *
 * @example
 * type ArchiveKwargs = RegexKwargs<'^archive/(?P<year>[0-9]{4})/$'>; // { year: string }
 */
export type RegexKwargs<R extends string> = string extends R ? Record<string, string> : Simplify<ParseRegex<R>>;
