import { MigrationError } from './errors.js';
import { Operation } from './operations/operation.js';

/** What a migration file holds. */
export interface MigrationSource {
  dependencies: Array<[string, string]>;
  operations: Operation[];
  initial?: boolean;
  /** A squashed migration's replaced migrations. */
  replaces?: Array<[string, string]>;
  /** False for a migration that must not run in one transaction. */
  atomic?: boolean;
}

export interface WriteOptions {
  /** The module `defineMigration` and `ops` are imported from (default `manouche/migrations`). */
  importSource?: string;
}

/** FieldSpec keys first in this order, the rest alphabetically: files read the same however the spec was built. */
const KEY_ORDER = [
  'name',
  'oldName',
  'newName',
  'model',
  'table',
  'type',
  'primaryKey',
  'column',
  'to',
  'toField',
  'onDelete',
  'maxLength',
  'maxDigits',
  'decimalPlaces',
  'null',
  'blank',
  'unique',
  'dbIndex',
  'default',
  'fields',
  'field',
  'index',
  'constraint',
  'options',
  'preserveDefault',
];

function orderKeys(keys: string[], preserve: boolean): string[] {
  if (preserve) return keys;
  return [...keys].sort((a, b) => {
    const ia = KEY_ORDER.indexOf(a);
    const ib = KEY_ORDER.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? KEY_ORDER.length : ia) - (ib === -1 ? KEY_ORDER.length : ib);
    return a.localeCompare(b);
  });
}

function quote(text: string): string {
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

/** An object of plain values (and short arrays of them) on one line, or undefined when it nests deeper. */
function inline(record: Record<string, unknown>, keys: string[]): string | undefined {
  const plain = (v: unknown): string | undefined => {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return serialize(v, '');
    if (Array.isArray(v)) {
      const items = v.map(plain);
      return items.every((item) => item !== undefined) ? `[${items.join(', ')}]` : undefined;
    }
    return undefined;
  };
  const parts: string[] = [];
  for (const k of keys) {
    const text = plain(record[k]);
    if (text === undefined) return undefined;
    parts.push(`${key(k)}: ${text}`);
  }
  return `{ ${parts.join(', ')} }`;
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
}

/**
 * A value as TypeScript source, 2-space indented, objects and arrays one entry a line with trailing
 * commas. Field maps keep their declaration order; other objects get a fixed key order.
 */
export function serialize(value: unknown, indent: string, preserveOrder = false, topLevel = false): string {
  const inner = indent + '  ';
  if (value instanceof Operation) return `ops.${value.kind}(${serialize(value.args, indent, false, true)})`;
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
      const flat = `[${value.map((v) => serialize(v, inner)).join(', ')}]`;
      if (flat.length + indent.length < 100) return flat;
    }
    return `[\n${value.map((v) => `${inner}${serialize(v, inner)},\n`).join('')}${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const keys = orderKeys(
      entries.map(([k]) => k),
      preserveOrder,
    );
    const record = value as Record<string, unknown>;
    const oneLine = inline(record, keys);
    if (!topLevel && oneLine !== undefined && oneLine.length + indent.length < 110) return oneLine;
    return `{\n${keys.map((k) => `${inner}${key(k)}: ${serialize(record[k], inner, k === 'fields')},\n`).join('')}${indent}}`;
  }
  throw new MigrationError(
    'MANOUCHE_MIGRATIONS_UNSERIALIZABLE',
    `Cannot write a ${typeof value} into a migration file; operation arguments must be plain data (runCode functions are written by hand).`,
  );
}

/**
 * The TypeScript source of a migration file: readable, stably formatted, plain data only.
 *
 * @example
 * writeMigrationSource({ dependencies: [['blog', '0001_initial']], operations: [ops.removeField({ model: 'Post', name: 'body' })] });
 */
export function writeMigrationSource(migration: MigrationSource, options: WriteOptions = {}): string {
  const importSource = options.importSource ?? 'manouche/migrations';
  const lines = [`import { defineMigration, ops } from ${quote(importSource)};`, '', 'export default defineMigration({'];
  if (migration.initial) lines.push('  initial: true,');
  if (migration.atomic === false) lines.push('  atomic: false,');
  if (migration.replaces?.length) lines.push(`  replaces: ${serialize(migration.replaces, '  ')},`);
  lines.push(`  dependencies: ${serialize(migration.dependencies, '  ')},`);
  lines.push(`  operations: ${serialize(migration.operations, '  ')},`);
  lines.push('});', '');
  return lines.join('\n');
}
