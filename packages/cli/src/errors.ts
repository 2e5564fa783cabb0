import { CommandError, ErrorCodes } from '@manouche/contracts';
import { didYouMean } from '@manouche/contracts/text';

/** Errors the `manouche` command raises itself. Each carries a stable `code`. */

/**
 * Base class: printed without a stack trace unless `--traceback` is given.
 *
 * @example
 * throw new CliError('The blog app is not installed.', 'MYSITE_NO_BLOG'); // printed as one line, exit status 1
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * `manouche <name>` where no command is called `name`.
 *
 * @example
 * await runCli(['migrat'], { commands, loadProject }); // Unknown command: 'migrat'. Did you mean 'migrate'?
 */
export class UnknownCommandError extends CliError {
  constructor(
    readonly command: string,
    readonly suggestions: string[],
  ) {
    super(`Unknown command: '${command}'.${didYouMean(suggestions, "'")}\nType 'manouche help' for the list of commands.`, 'MANOUCHE_CLI_UNKNOWN_COMMAND', 1);
  }
}

/**
 * Wrong, unknown or missing arguments and options; the message ends with the command's usage.
 *
 * @example
 * parseCommandLine(dumpdataCommand, ['--indent=two']); // UsageError: Option --indent expects a number, got 'two'. + the usage line
 */
export class UsageError extends CliError {
  constructor(message: string, usage: string) {
    super(`${message}\n\n${usage}`, 'MANOUCHE_CLI_USAGE', 2);
  }
}

/**
 * No package.json above the working directory, so there is no project to load.
 *
 * @example
 * // cd /tmp && manouche migrate
 * // No Manouche project found: there is no package.json in /tmp or any folder above it. …
 */
export class ProjectNotFoundError extends CliError {
  constructor(cwd: string) {
    super(
      `No Manouche project found: there is no package.json in ${cwd} or any folder above it. Run the command inside a project, or create one with 'manouche startproject NAME'.`,
      'MANOUCHE_CLI_NO_PROJECT',
    );
  }
}

/**
 * A dotted module name (`mysite.settings`) or path that matches no file of the project.
 *
 * @example
 * resolveProjectModule('/srv/mysite', 'blog.urlz'); // Cannot find module 'blog.urlz'. Tried: /srv/mysite/blog/urlz.ts …
 */
export class ProjectModuleNotFoundError extends CliError {
  constructor(
    readonly specifier: string,
    readonly tried: string[],
    what = 'module',
    origin?: string,
  ) {
    super(
      `Cannot find ${what} '${specifier}'${origin ? ` (from ${origin})` : ''}. Tried:\n${tried.map((t) => `  ${t}`).join('\n')}`,
      ErrorCodes.projectModuleNotFound,
    );
  }
}

/**
 * No settings module given by `--settings`, MANOUCHE_SETTINGS_MODULE or package.json.
 *
 * @example
 * // manouche migrate, with neither --settings, MANOUCHE_SETTINGS_MODULE nor package.json "manouche": { "settings" }
 * // No settings module is configured. Pass --settings=mysite.settings, …
 */
export class SettingsNotConfiguredError extends CliError {
  constructor(packageJson: string) {
    super(
      `No settings module is configured. Pass --settings=mysite.settings, set MANOUCHE_SETTINGS_MODULE, or add "manouche": { "settings": "mysite.settings" } to ${packageJson}.`,
      'MANOUCHE_CLI_NO_SETTINGS',
    );
  }
}

/**
 * A user's TypeScript file does not compile; the message starts with `file:line:column`.
 *
 * @example
 * explainLoadError(error); // UserSyntaxError: Syntax error in /srv/mysite/blog/views.ts:12:7: Expected ";" …
 */
export class UserSyntaxError extends CliError {
  constructor(message: string) {
    super(message, 'MANOUCHE_CLI_SYNTAX_ERROR');
  }
}

/**
 * A database driver package the project's DATABASES needs is not installed.
 *
 * @example
 * // DATABASES uses postgres:// but pg is not installed:
 * // The database driver 'pg' is not installed. Install it in the project: npm install pg
 */
export class MissingDriverError extends CliError {
  constructor(readonly driver: string) {
    super(`The database driver '${driver}' is not installed. Install it in the project: npm install ${driver}`, 'MANOUCHE_CLI_MISSING_DRIVER');
  }
}

/**
 * An invalid project or app name given to startproject/startapp.
 *
 * @example
 * validateName('my-site', 'project'); // InvalidNameError: 'my-site' is not a valid project name. …
 */
export class InvalidNameError extends CliError {
  constructor(message: string) {
    super(message, 'MANOUCHE_CLI_INVALID_NAME');
  }
}

/**
 * A scaffolding target that already exists.
 *
 * @example
 * // manouche startapp blog, where ./blog exists:
 * // 'blog' already exists. Choose another name or remove it first.
 */
export class DestinationExistsError extends CliError {
  constructor(target: string) {
    super(`'${target}' already exists. Choose another name or remove it first.`, 'MANOUCHE_CLI_DESTINATION_EXISTS');
  }
}

/**
 * A production build that esbuild could not complete.
 *
 * @example
 * // manouche build, with an import esbuild cannot resolve:
 * // BuildError: Could not resolve "./missing.js" …
 */
export class BuildError extends CliError {
  constructor(message: string) {
    super(message, 'MANOUCHE_CLI_BUILD_FAILED');
  }
}

/**
 * A project file the CLI reads as data (package.json) is not valid JSON or not the expected shape.
 * A CommandError, so it prints as one line: `CommandError: Invalid JSON in /p/package.json:3:5: …`.
 */
export class InvalidProjectFileError extends CommandError {
  constructor(message: string) {
    super(message, 1);
  }
}
