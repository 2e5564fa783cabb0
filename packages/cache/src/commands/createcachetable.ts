import { CommandError, type Command } from '@manouche/contracts';
import { cacheTableExists, cacheTableStatements, createCacheTable } from '../cache-table.js';

const DATABASE_BACKEND = 'manouche.cache.backends.db.DatabaseCache';

/** The tables of the database caches in CACHES. */
function configuredTables(caches: unknown): string[] {
  if (typeof caches !== 'object' || caches === null) return [];
  return Object.values(caches as Record<string, { BACKEND?: unknown; LOCATION?: unknown }>)
    .filter((entry) => entry?.BACKEND === DATABASE_BACKEND && typeof entry.LOCATION === 'string')
    .map((entry) => entry.LOCATION as string);
}

/**
 * `createcachetable [table_name ...]`: creates the tables of the database caches in CACHES
 * (Django's command), skipping those that exist.
 *
 * @example
 * // manouche createcachetable
 * // manouche createcachetable --dry-run
 */
export const createcachetableCommand: Command = {
  name: 'createcachetable',
  help: 'Creates the tables needed to use the SQL cache backend.',
  description:
    'Creates the table of each database cache in CACHES (or the tables named), with the columns cache_key, value and expires; tables that exist are left alone.',
  args: [{ name: 'table_name', help: 'Optional table names. Otherwise, settings.CACHES is used to find cache tables.', optional: true, variadic: true }],
  options: [
    { name: 'database', type: 'string', default: 'default', help: 'Nominates a database onto which the cache tables will be installed.' },
    { name: 'dry-run', type: 'boolean', help: 'Does not create the table, just prints the SQL that would be run.' },
  ],
  async run({ args, options, io, project: loadProject }) {
    const project = await loadProject();
    const named = (args.table_name as string[] | undefined) ?? [];
    const tables = named.length > 0 ? named : configuredTables(project.settings.CACHES);
    for (const table of tables) {
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table))
        throw new CommandError(`Cache table name "${table}" is not valid: use letters, digits and _ (at most 63 characters).`);
    }
    if (tables.length === 0) {
      io.stdout.write(`No database cache in CACHES (BACKEND '${DATABASE_BACKEND}'): nothing to create.\n`);
      return 0;
    }
    const db = project.databases.get(typeof options.database === 'string' ? options.database : 'default');
    for (const table of tables) {
      if (await cacheTableExists(db, table)) {
        io.stdout.write(`Cache table '${table}' already exists.\n`);
        continue;
      }
      if (options.dryRun) {
        for (const statement of cacheTableStatements(db, table)) io.stdout.write(`${statement};\n`);
        continue;
      }
      try {
        await createCacheTable(db, table);
      } catch (error) {
        throw new CommandError(`Cache table '${table}' could not be created in database '${db.alias}': ${(error as Error).message}`);
      }
      io.stdout.write(`Cache table '${table}' created.\n`);
    }
    return 0;
  },
};
