import type { Project } from './project.js';

/**
 * A positional argument of a command.
 *
 * @example
 * args: [{ name: 'app_label', help: 'The app to migrate.', optional: true }]
 */
export interface CommandArgument {
  name: string;
  help: string;
  /** Default: required. */
  optional?: boolean;
  /** Collects the remaining arguments. */
  variadic?: boolean;
}

/**
 * A `--flag` of a command.
 *
 * @example
 * options: [{ name: 'no-input', type: 'boolean', help: 'Do not prompt.' }] // run() reads options.noInput
 */
export interface CommandOption {
  /** Long name without dashes, kebab-case (`no-input`). Reaches `run` camel-cased (`noInput`). */
  name: string;
  type: 'boolean' | 'string' | 'number';
  help: string;
  /** One-letter alias without the dash. */
  short?: string;
  default?: string | number | boolean;
  /** Repeatable; the value is an array. */
  multiple?: boolean;
}

/**
 * Where a command writes and reads: the process's streams in real use, buffers in tests.
 *
 * @example
 * if (io.interactive && (await io.prompt('Delete every post? [y/N] ')) !== 'y') return;
 * io.stdout.write('Deleted.\n');
 */
export interface CommandIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether a person can answer questions (false with `--no-input`, in CI, or without a TTY). */
  interactive: boolean;
  /** Asks a question and returns the answer; only called when `interactive`. */
  prompt(question: string): Promise<string>;
  /** Asks for a secret (a password) without echoing what is typed; `prompt` is used where absent. */
  promptSecret?(question: string): Promise<string>;
}

/**
 * What a command's `run` receives.
 *
 * @example
 * async run({ args, options, io, project }: CommandContext) {
 *   const { settings } = await project();
 *   io.stdout.write(`${args.who} on ${settings.DEBUG ? 'debug' : 'production'}\n`);
 * }
 */
export interface CommandContext {
  /** Positional arguments by name (variadic ones as arrays). */
  args: Record<string, string | string[] | undefined>;
  /** Options by camelCased name, with defaults applied. */
  options: Record<string, string | number | boolean | Array<string | number> | undefined>;
  io: CommandIO;
  /** The working directory the command was run from. */
  cwd: string;
  /**
   * Loads the project (settings, apps, databases) on first call. Commands that work without
   * a project (`startproject`, `help`) never call it.
   */
  project(): Promise<Project>;
}

/**
 * A management command. Layers, the meta-package and installed apps contribute them; the CLI
 * dispatches to them without importing them.
 *
 * @example
 * export const hello: Command = {
 *   name: 'hello', help: 'Greets someone.',
 *   args: [{ name: 'who', help: 'who to greet' }],
 *   async run({ args, io }) { io.stdout.write(`Hello ${args.who}\n`); },
 * };
 */
export interface Command {
  name: string;
  /** One line, shown in `manouche help`. */
  help: string;
  /** Longer text for `manouche help <command>`. */
  description?: string;
  args?: CommandArgument[];
  options?: CommandOption[];
  /** Returns the exit code (0 when omitted). Throw a CommandError for a clean failure message. */
  run(context: CommandContext): Promise<number | void>;
}

/**
 * A failure a command reports to the user: printed without a stack, exits with `exitCode`.
 *
 * @example
 * if (!app) throw new CommandError(`No installed app with label "${label}".`, 2);
 */
export class CommandError extends Error {
  readonly code = 'MANOUCHE_COMMAND_ERROR';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
