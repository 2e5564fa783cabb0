import type { Command, Project, SystemCheck } from '@manouche/contracts';
import { cliCommands } from '@manouche/cli';
import { migrationCommands } from '@manouche/migrations';
import { deployCheck, diffSettings } from '@manouche/settings';
import { middlewareCheck, missingMigrationsCheck, templatesCheck, urlsCheck } from './checks.js';
import { withPostMigrate } from './post-migrate.js';
import { developmentRunserverCommand } from './runserver-command.js';
import { testCommand } from './test-command.js';
import { dumpdataCommand, loaddataCommand } from '@manouche/fixtures';
import { cacheCheck, cacheCommands } from '@manouche/cache';
import { adminCheck } from '@manouche/contrib-admin';

/**
 * The system checks of a project: the settings layer's deploy checks, the URLconf and the
 * template engine loading, and model changes without migrations.
 *
 * @example
 * const messages = await runChecks(await collectChecks(project), { deploy: true });
 */
export async function collectChecks(project: Project): Promise<SystemCheck[]> {
  const admin = project.settings.INSTALLED_APPS.includes('manouche.contrib.admin') ? [adminCheck(project.settings)] : [];
  return [
    deployCheck(project.settings),
    urlsCheck(project),
    templatesCheck(project),
    middlewareCheck(project),
    missingMigrationsCheck(project),
    cacheCheck(project.settings),
    ...admin,
  ];
}

/**
 * Every command the `manouche` bin registers: the CLI's own (startproject, startapp, check,
 * shell, build, diffsettings), the migrations layer's (makemigrations, migrate, showmigrations,
 * sqlmigrate, squashmigrations), and runserver. Installed apps add theirs
 * through `appCommands`.
 *
 * @example
 * process.exitCode = await runCli(argv, { commands: managementCommands(), loadProject, discoverCommands: appCommands });
 */
export function managementCommands(): Command[] {
  return [
    ...cliCommands({ collectChecks, diffSettings: (settings, options) => diffSettings(settings, options) }),
    ...migrationCommands.map((command) => (command.name === 'migrate' ? withPostMigrate(command) : command)),
    developmentRunserverCommand,
    testCommand,
    dumpdataCommand,
    loaddataCommand,
    ...cacheCommands,
  ];
}

/**
 * The management commands installed apps contribute (Django's custom management commands).
 *
 * @example
 * appCommands(project).map((command) => command.name); // ['createsuperuser', 'changepassword', 'clearsessions', …]
 */
export function appCommands(project: Pick<Project, 'apps'>): Command[] {
  return project.apps.getAppConfigs().flatMap((app) => app.commands ?? []);
}
