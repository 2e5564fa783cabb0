import type { CommandContext, Project } from '@manouche/contracts';
import { CommandError } from '@manouche/contracts';
import { authSettings } from '../auth-settings.js';
import { getUserModel } from '../backends.js';

/** The project of a command, with the auth settings made current and the user model resolved. */
export async function authCommandProject(context: CommandContext): Promise<{ project: Project; UserModel: ReturnType<typeof getUserModel>; using: string }> {
  const project = await context.project();
  const settings = authSettings(project.settings);
  const using = typeof context.options.database === 'string' ? context.options.database : 'default';
  if (!project.databases.aliases().includes(using))
    throw new CommandError(`Unknown database '${using}': DATABASES has ${project.databases.aliases().join(', ')}.`);
  return { project, UserModel: getUserModel(settings), using };
}

/** Asks for a password without echo when the terminal allows it. */
export function askSecret(context: CommandContext, question: string): Promise<string> {
  return context.io.promptSecret ? context.io.promptSecret(question) : context.io.prompt(question);
}
