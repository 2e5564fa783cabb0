/**
 * Functions generated once per query shape that build one row's object from its array, with the
 * property names written into the code. Assigning `object[names[i]]` in a loop makes every store a
 * lookup by a changing key; named stores in a constructor give each row the same hidden class with
 * its properties in the object, which also makes reading them later (templates, JSON) faster.
 * Names only ever appear as JSON string literals, and converters are passed in, never written out.
 */

import { LruMap } from '../lru-map.js';

type Converter = (raw: unknown) => unknown;

/**
 * The compiled factories by their source: queries compiled every time (annotations, expressions)
 * and models with the same names reuse one instead of compiling a function per query.
 */
const factories = new LruMap<(...args: unknown[]) => unknown>(500);

/** `new Function(...parameters, body)`, compiled once per distinct source. */
function factory(parameters: string[], body: string): (...args: unknown[]) => unknown {
  const key = `${parameters.join(',')}\n${body}`;
  let made = factories.get(key);
  if (!made) {
    made = new Function(...parameters, body) as (...args: unknown[]) => unknown;
    factories.set(key, made);
  }
  return made;
}

/** Names an object literal or a constructor cannot take as plain own data properties. */
function generatable(names: readonly string[]): boolean {
  return names.every((name) => name !== '__proto__');
}

/**
 * A function building `{ [names[i]]: converters[i](row[i]) }` in the order of `names` (a later
 * duplicate name overwrites an earlier one, as assignment does); generated when `generate`
 * (a shape read many times), else a loop.
 */
export function valuesObjectBuilder(
  names: readonly string[],
  converters: readonly Converter[],
  generate: boolean,
): (row: unknown[]) => Record<string, unknown> {
  const count = names.length;
  if (!generate || !generatable(names)) {
    return (row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) out[names[i]] = converters[i](row[i]);
      return out;
    };
  }
  const entries = names.map((name, i) => `${JSON.stringify(name)}: c[${i}](row[${i}])`).join(',\n');
  return factory(['c'], `"use strict";\nreturn function readValuesRow(row) {\n  return {\n${entries}\n  };\n};`)(converters) as (
    row: unknown[],
  ) => Record<string, unknown>;
}

/** One column an instance is built from: the attribute, its position in the row, and its converter. */
export interface InstanceColumn {
  attname: string;
  index: number;
  convert: Converter;
}

/**
 * A function building an instance of the class whose prototype is `prototype` without running
 * its constructor (as Object.create does): `instance[attname] = convert(row[index])` for each
 * column, `instance._state = makeState()`, then each extra column's raw value under its name;
 * generated when `generate` (a shape read many times), else a loop.
 */
export function instanceBuilder(
  prototype: object,
  columns: readonly InstanceColumn[],
  makeState: () => unknown,
  extras: ReadonlyArray<{ as: string; index: number }>,
  generate: boolean,
): (row: unknown[]) => Record<string, unknown> {
  if (!generate || !generatable([...columns.map((column) => column.attname), ...extras.map((extra) => extra.as)])) {
    return (row) => {
      const instance = Object.create(prototype) as Record<string, unknown>;
      for (const column of columns) instance[column.attname] = column.convert(row[column.index]);
      instance._state = makeState();
      for (const extra of extras) instance[extra.as] = row[extra.index];
      return instance;
    };
  }
  const stores = [
    ...columns.map((column, i) => `this[${JSON.stringify(column.attname)}] = c[${i}](row[${Number(column.index)}]);`),
    'this._state = makeState();',
    ...extras.map((extra) => `this[${JSON.stringify(extra.as)}] = row[${Number(extra.index)}];`),
  ];
  const converters = columns.map((column) => column.convert);
  const Row = factory(['c', 'makeState'], `"use strict";\nreturn function ReadRow(row) {\n  ${stores.join('\n  ')}\n};`)(converters, makeState) as {
    new (row: unknown[]): Record<string, unknown>;
    prototype: object;
  };
  // Instances are the model's own: instanceof, constructor and methods come from its prototype.
  Row.prototype = prototype;
  return (row) => new Row(row);
}
