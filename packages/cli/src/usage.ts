import type { Command, CommandOption } from '@manouche/contracts';

/**
 * Options every command accepts, handled by the dispatcher.
 *
 * @example
 * GLOBAL_OPTIONS.map((option) => option.name); // ['settings', 'traceback', 'help']
 */
export const GLOBAL_OPTIONS: readonly CommandOption[] = [
  {
    name: 'settings',
    type: 'string',
    help: 'The settings module: a dotted path (mysite.settings.production) or a file path. Default: MANOUCHE_SETTINGS_MODULE, then "manouche.settings" in package.json.',
  },
  { name: 'traceback', type: 'boolean', help: 'Print the full stack trace when the command fails.' },
  { name: 'help', short: 'h', type: 'boolean', help: 'Show help for the command.' },
];

function optionLabel(option: CommandOption): string {
  const long =
    option.type === 'boolean' ? `--${option.name}` : `--${option.name}=${option.type === 'number' ? 'N' : option.name.toUpperCase().replace(/-/g, '_')}`;
  return option.short ? `-${option.short}, ${long}` : `    ${long}`;
}

/**
 * The one-line synopsis: `Usage: manouche migrate [app] [migration] [options]`.
 *
 * @example
 * formatUsage(migrateCommand); // 'Usage: manouche migrate [app_label] [migration_name] [options]'
 */
export function formatUsage(command: Command): string {
  const args = (command.args ?? []).map((a) => {
    const name = a.variadic ? `${a.name}...` : a.name;
    return a.optional || a.variadic ? `[${name}]` : name.toUpperCase();
  });
  return `Usage: manouche ${[command.name, ...args, '[options]'].join(' ')}`;
}

function table(rows: Array<[string, string]>): string[] {
  const width = Math.min(32, Math.max(...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/**
 * The full help for `manouche help <command>`: synopsis, description, arguments and options.
 *
 * @example
 * process.stdout.write(formatCommandHelp(migrateCommand)); // what `manouche help migrate` prints
 */
export function formatCommandHelp(command: Command): string {
  const lines = [formatUsage(command), '', command.help];
  if (command.description) lines.push('', command.description.trim());
  if (command.args?.length) {
    lines.push('', 'Arguments:', ...table(command.args.map((a) => [a.name, `${a.help}${a.optional || a.variadic ? ' (optional)' : ''}`])));
  }
  const describe = (o: CommandOption): [string, string] => {
    const extra = [o.multiple ? 'repeatable' : '', o.default !== undefined && o.default !== false ? `default: ${String(o.default)}` : ''].filter(Boolean);
    return [optionLabel(o), extra.length ? `${o.help} (${extra.join('; ')})` : o.help];
  };
  if (command.options?.length) lines.push('', 'Options:', ...table(command.options.map(describe)));
  lines.push('', 'Global options:', ...table(GLOBAL_OPTIONS.map(describe)));
  return `${lines.join('\n')}\n`;
}

/**
 * The command list for `manouche help`.
 *
 * @example
 * process.stdout.write(formatCommandList(cliCommands())); // what `manouche help` prints
 */
export function formatCommandList(commands: readonly Command[]): string {
  const sorted = [...commands].sort((a, b) => a.name.localeCompare(b.name));
  return [
    'Usage: manouche <command> [arguments] [options]',
    '',
    "Type 'manouche help <command>' for help on a specific command.",
    '',
    'Available commands:',
    ...table(sorted.map((c) => [c.name, c.help])),
    '',
  ].join('\n');
}
