import { CommandError, type Command, type CommandContext, type CommandIO, type Project } from '@manouche/contracts';
import { createInterface } from 'node:readline/promises';
import { parseCommandLine } from './argv.js';
import { suggest } from './did-you-mean.js';
import { CliError, ProjectNotFoundError, SettingsNotConfiguredError, UnknownCommandError } from './errors.js';
import { createModuleImporter, explainLoadError, findProjectRoot, resolveProjectModule } from './project-modules.js';
import { formatCommandHelp, formatCommandList } from './usage.js';
import { promptSecret } from './secret-prompt.js';

/** Where the settings module was chosen from. */
export type SettingsSource = '--settings' | 'MANOUCHE_SETTINGS_MODULE' | 'package.json';

/**
 * What the dispatcher hands to `loadProject` when a command first asks for the project.
 *
 * @example
 * import { loadProject } from 'manouche'; // (options: LoadProjectOptions) => Promise<Project>
 * await runCli(process.argv.slice(2), { commands, loadProject });
 */
export interface LoadProjectOptions {
  /** The working directory the command runs in. */
  cwd: string;
  /** The project folder (the nearest folder with a package.json). */
  baseDir: string;
  /** The settings module as given (`mysite.settings`, `config/dev.ts`). */
  settingsModule: string;
  /** Which of `--settings`, MANOUCHE_SETTINGS_MODULE or package.json gave it. */
  settingsSource: SettingsSource;
  /** The file the settings module resolved to. */
  settingsFile: string;
  /** Imports a project module by dotted name or path, TypeScript included (one instance per file). */
  importModule(specifier: string): Promise<Record<string, unknown>>;
}

/**
 * What `runCli` needs: the commands to dispatch to and how to load a project.
 *
 * @example
 * const options: RunCliOptions = { commands: [...cliCommands(), ...migrationCommands], loadProject, env: { ...process.env, CI: 'true' } };
 * process.exitCode = await runCli(['migrate', '--plan'], options);
 */
export interface RunCliOptions {
  commands: readonly Command[];
  /** Builds the project (settings, apps, databases); the meta-package provides it. */
  loadProject?: (options: LoadProjectOptions) => Promise<Project>;
  /**
   * Finds commands the project adds (installed apps' management commands). Called only when a
   * command name is not among `commands`, and for `help`.
   */
  discoverCommands?: (options: LoadProjectOptions) => Promise<readonly Command[]>;
  /** Streams and prompts; the process's own by default. */
  io?: Partial<CommandIO>;
  cwd?: string;
  /** Environment to read MANOUCHE_SETTINGS_MODULE and CI from; `process.env` by default. */
  env?: Record<string, string | undefined>;
}

function defaultIo(env: Record<string, string | undefined>): CommandIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdin.isTTY) && env.CI !== 'true',
    async prompt(question) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    promptSecret: (question) => promptSecret(question),
  };
}

/** Finds the project folder and its settings module: `--settings`, else MANOUCHE_SETTINGS_MODULE, else package.json. */
function locateProject(cwd: string, env: Record<string, string | undefined>, flag: string | undefined): LoadProjectOptions {
  const root = findProjectRoot(cwd);
  if (!root) throw new ProjectNotFoundError(cwd);
  const fromEnv = env.MANOUCHE_SETTINGS_MODULE;
  const [settingsModule, settingsSource]: [string | undefined, SettingsSource] = flag
    ? [flag, '--settings']
    : fromEnv
      ? [fromEnv, 'MANOUCHE_SETTINGS_MODULE']
      : [root.packageJson.manouche?.settings, 'package.json'];
  if (!settingsModule) throw new SettingsNotConfiguredError(root.packageJsonPath);
  const settingsFile = resolveProjectModule(root.baseDir, settingsModule, 'settings module', settingsSource);
  return { cwd, baseDir: root.baseDir, settingsModule, settingsSource, settingsFile, importModule: createModuleImporter(root.baseDir) };
}

/** The `--settings` value in a command line that was not parsed yet (for discovering commands). */
function settingsFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--settings=')) return argv[i].slice('--settings='.length);
    if (argv[i] === '--settings') return argv[i + 1];
  }
  return undefined;
}

function describeFailure(error: unknown, traceback: boolean): string {
  if (error instanceof CommandError) return traceback ? `${error.stack}\n` : `CommandError: ${error.message}\n`;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const known = error instanceof CliError || (typeof code === 'string' && code.startsWith('MANOUCHE_'));
    if (known && !traceback) return `${error.name}: ${error.message}\n`;
    return `${error.stack ?? `${error.name}: ${error.message}`}\n`;
  }
  return `${String(error)}\n`;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommandError || error instanceof CliError) return error.exitCode;
  return 1;
}

/**
 * Runs one `manouche` command line and resolves to its exit code (it never calls
 * `process.exit`). Handles `help`, `help <command>`, `<command> --help`, unknown commands
 * (with a did-you-mean, exit 1), usage errors (exit 2), `--settings` and `--traceback`.
 * A project loaded by the command is closed when the command ends.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), { commands: [...cliCommands(), migrate], loadProject });
 */
export async function runCli(argv: readonly string[], options: RunCliOptions): Promise<number> {
  const env = options.env ?? process.env;
  const io: CommandIO = { ...defaultIo(env), ...options.io };
  const cwd = options.cwd ?? process.cwd();
  const commands = new Map(options.commands.map((c) => [c.name, c]));
  const [name, ...rest] = argv;
  let discoveryError: unknown;
  const discover = async () => {
    if (!options.discoverCommands) return;
    try {
      for (const extra of await options.discoverCommands(locateProject(cwd, env, settingsFlag(rest))))
        if (!commands.has(extra.name)) commands.set(extra.name, extra);
    } catch (error) {
      // Outside a project there is nothing to discover; any other failure is shown with the answer.
      if (!(error instanceof ProjectNotFoundError)) discoveryError = explainLoadError(error);
    }
  };
  const unknown = (word: string) => {
    const because = discoveryError instanceof Error ? `\n(The project's own commands could not be listed: ${discoveryError.message})` : '';
    io.stderr.write(`${new UnknownCommandError(word, suggest(word, [...commands.keys(), 'help'])).message}${because}\n`);
    return 1;
  };

  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest.find((word) => !word.startsWith('-')) : undefined;
    if (topic === undefined || !commands.has(topic)) await discover();
    if (topic === undefined) {
      io.stdout.write(formatCommandList([...commands.values()]));
      if (discoveryError instanceof Error) io.stdout.write(`(The project's own commands are not listed: ${discoveryError.message})\n`);
      return 0;
    }
    const command = commands.get(topic);
    if (!command) return unknown(topic);
    io.stdout.write(formatCommandHelp(command));
    return 0;
  }

  if (!commands.has(name)) await discover();
  const command = commands.get(name);
  if (!command) return unknown(name);

  let traceback = rest.includes('--traceback');
  let loaded: Promise<Project> | undefined;
  try {
    const parsed = parseCommandLine(command, rest);
    traceback = parsed.traceback;
    if (parsed.help) {
      io.stdout.write(formatCommandHelp(command));
      return 0;
    }
    if (parsed.settings && env === process.env) process.env.MANOUCHE_SETTINGS_MODULE = parsed.settings;
    const loadProject = async (): Promise<Project> => {
      const located = locateProject(cwd, env, parsed.settings);
      if (!options.loadProject) throw new CommandError(`'${command.name}' needs a project, but this manouche command was started without a project loader.`);
      return options.loadProject(located);
    };
    const context: CommandContext = {
      args: parsed.args,
      options: parsed.options,
      io,
      cwd,
      project: () => (loaded ??= loadProject()),
    };
    const code = await command.run(context);
    return code ?? 0;
  } catch (error) {
    const explained = explainLoadError(error);
    io.stderr.write(describeFailure(explained, traceback));
    return exitCodeOf(explained);
  } finally {
    if (loaded) {
      const project = await loaded.catch(() => undefined);
      await project?.close();
    }
  }
}
