import convict from 'convict';
import type { SettingsRegistry } from './registry.js';
import { envVarOf } from './registry.js';
import type { SettingSpec, SettingType } from './setting-types.js';
import { checkType, parseEnvValue } from './setting-types.js';

// convict keeps formats in one process-wide table: register ours once, under names no one else uses.
// A format per type and nullability, because convict's coerce() only sees the raw text.
const TYPES: readonly SettingType[] = ['boolean', 'integer', 'number', 'string', 'list', 'url', 'enum', 'json'];
const SCHEMA_KEY = 'manoucheSpec';

function formatName(type: SettingType, nullable: boolean): string {
  return `manouche-${type}${nullable ? '-nullable' : ''}`;
}

for (const type of TYPES) {
  for (const nullable of [false, true]) {
    convict.addFormat({
      name: formatName(type, nullable),
      validate(value: unknown, schema: convict.SchemaObj) {
        checkType((schema as unknown as Record<string, SettingSpec>)[SCHEMA_KEY], value);
      },
      coerce: (raw: string) => parseEnvValue(type, raw, nullable),
    });
  }
}

/** Internal convict key for DATABASE_URL; lower case, so it can never clash with a setting. */
const DATABASE_URL_KEY = 'databaseUrl';

/** The values after precedence is applied, plus the DATABASE_URL override when set. */
export interface LayeredValues {
  values: Record<string, unknown>;
  databaseUrl: string | null;
  /** convict's own validation (formats, strict undeclared keys): its report with echoed values removed, or undefined. */
  convictReport(): string | undefined;
}

function plainCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainCopy);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainCopy(item)]));
  }
  return value;
}

/**
 * Layers the values with convict: schema defaults < the settings module < environment variables.
 * convict reads the environment when built and again on load(), after the module's values are set,
 * which is what gives the environment the last word.
 */
export function layerValues(registry: SettingsRegistry, moduleValues: Record<string, unknown>, env: Record<string, string | undefined>): LayeredValues {
  const schema: Record<string, unknown> = {};
  for (const [name, spec] of registry.entries()) {
    const typeOnly = {
      type: spec.type,
      default: spec.default,
      values: spec.values,
      min: spec.min,
      max: spec.max,
      schemes: spec.schemes,
      nullable: spec.nullable,
      sensitive: spec.sensitive,
    };
    schema[name] = {
      doc: spec.doc ?? '',
      format: formatName(spec.type, spec.nullable === true),
      default: plainCopy(spec.default),
      env: envVarOf(name, spec),
      nullable: spec.nullable === true,
      sensitive: spec.sensitive === true,
      [SCHEMA_KEY]: typeOnly,
    };
  }
  schema[DATABASE_URL_KEY] = {
    doc: 'Overrides DATABASES.default with a database URL.',
    format: formatName('string', true),
    default: null,
    env: 'DATABASE_URL',
    nullable: true,
    sensitive: true,
    [SCHEMA_KEY]: { type: 'string', nullable: true, sensitive: true },
  };
  const config = convict(schema as convict.Schema<Record<string, unknown>>, { env: { ...env }, args: [] });
  for (const [name, value] of Object.entries(moduleValues)) config.set(name, plainCopy(value));
  config.load({});
  const { [DATABASE_URL_KEY]: databaseUrl, ...values } = config.getProperties() as Record<string, unknown>;
  return {
    values,
    databaseUrl: (databaseUrl as string | null) ?? null,
    convictReport() {
      try {
        config.validate({ allowed: 'strict' });
        return undefined;
      } catch (error) {
        return (error as Error).message.replace(/: value was .*$/gm, '');
      }
    },
  };
}
