import type { Command, CommandOption } from '@manouche/contracts';
import { UsageError } from './errors.js';
import { GLOBAL_OPTIONS, formatUsage } from './usage.js';

type OptionValue = string | number | boolean | Array<string | number> | undefined;

/** A command line split into the command's arguments and options, and the global options. */
export interface ParsedCommandLine {
  args: Record<string, string | string[] | undefined>;
  options: Record<string, OptionValue>;
  settings?: string;
  traceback: boolean;
  help: boolean;
}

/**
 * `no-input` → `noInput`.
 *
 * @example
 * camelCase('no-input'); // 'noInput'
 */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function parseValue(command: Command, option: CommandOption, raw: string): string | number | boolean {
  if (option.type === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || Number.isNaN(n)) throw new UsageError(`Option --${option.name} expects a number, got '${raw}'.`, formatUsage(command));
    return n;
  }
  if (option.type === 'boolean') {
    if (/^(true|1|yes)$/i.test(raw)) return true;
    if (/^(false|0|no)$/i.test(raw)) return false;
    throw new UsageError(`Option --${option.name} is a flag; it takes no value (got '${raw}').`, formatUsage(command));
  }
  return raw;
}

/**
 * Parses `argv` (the words after the command name) against the command's arguments and
 * options; throws a UsageError (exit code 2) that ends with the command's usage.
 *
 * @example
 * parseCommandLine(migrate, ['blog', '--fake', '--settings=mysite.settings']);
 * // { args: { app: 'blog' }, options: { fake: true }, settings: 'mysite.settings', traceback: false, help: false }
 */
export function parseCommandLine(command: Command, argv: readonly string[]): ParsedCommandLine {
  const usage = formatUsage(command);
  const all = [...(command.options ?? []), ...GLOBAL_OPTIONS];
  const byName = new Map(all.map((o) => [o.name, o]));
  const byShort = new Map(all.filter((o) => o.short).map((o) => [o.short as string, o]));
  const values = new Map<CommandOption, OptionValue>();
  const positionals: string[] = [];

  const set = (option: CommandOption, value: string | number | boolean) => {
    if (option.multiple) {
      const list = (values.get(option) as Array<string | number> | undefined) ?? [];
      list.push(value as string | number);
      values.set(option, list);
    } else values.set(option, value);
  };

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
      const inline = eq === -1 ? undefined : token.slice(eq + 1);
      let option = byName.get(name);
      let negated = false;
      if (!option && name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean') {
        option = byName.get(name.slice(3));
        negated = true;
      }
      if (!option) {
        const known = all.map((o) => `--${o.name}`).join(', ');
        throw new UsageError(`Unknown option --${name} for '${command.name}'. Known options: ${known}.`, usage);
      }
      if (option.type === 'boolean') {
        if (negated && inline !== undefined) throw new UsageError(`Option --${name} takes no value.`, usage);
        set(option, negated ? false : inline === undefined ? true : parseValue(command, option, inline));
        continue;
      }
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`Option --${option.name} needs a value.`, usage);
      set(option, parseValue(command, option, value));
      continue;
    }
    if (token.startsWith('-') && token.length > 1 && !/^-\d/.test(token)) {
      const letters = token.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const option = byShort.get(letters[j]);
        if (!option) throw new UsageError(`Unknown option -${letters[j]} for '${command.name}'.`, usage);
        if (option.type === 'boolean') {
          set(option, true);
          continue;
        }
        const rest = letters.slice(j + 1);
        const value = rest || argv[++i];
        if (value === undefined) throw new UsageError(`Option -${option.short} (--${option.name}) needs a value.`, usage);
        set(option, parseValue(command, option, value));
        break;
      }
      continue;
    }
    positionals.push(token);
  }

  const options: Record<string, OptionValue> = {};
  for (const option of command.options ?? []) {
    const value = values.get(option);
    options[camelCase(option.name)] = value ?? (option.multiple ? [] : (option.default ?? (option.type === 'boolean' ? false : undefined)));
  }
  const help = values.get(byName.get('help') as CommandOption) === true;
  const parsed: ParsedCommandLine = {
    args: {},
    options,
    settings: values.get(byName.get('settings') as CommandOption) as string | undefined,
    traceback: values.get(byName.get('traceback') as CommandOption) === true,
    help,
  };
  if (help) return parsed;

  const specs = command.args ?? [];
  let index = 0;
  for (const spec of specs) {
    if (spec.variadic) {
      parsed.args[spec.name] = positionals.slice(index);
      index = positionals.length;
      if (!spec.optional && (parsed.args[spec.name] as string[]).length === 0) {
        throw new UsageError(`Missing argument ${spec.name.toUpperCase()}: ${spec.help}.`, usage);
      }
      continue;
    }
    if (index < positionals.length) parsed.args[spec.name] = positionals[index++];
    else if (!spec.optional) throw new UsageError(`Missing argument ${spec.name.toUpperCase()}: ${spec.help}.`, usage);
    else parsed.args[spec.name] = undefined;
  }
  if (index < positionals.length) {
    throw new UsageError(
      `Unexpected argument${positionals.length - index > 1 ? 's' : ''} for '${command.name}': ${positionals
        .slice(index)
        .map((p) => `'${p}'`)
        .join(', ')}.`,
      usage,
    );
  }
  return parsed;
}
