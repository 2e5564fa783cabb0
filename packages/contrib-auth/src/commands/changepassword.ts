import { CommandError, type Command, type CommandContext } from '@manouche/contracts';
import { userInfo } from 'node:os';
import { PasswordValidationError } from '../errors.js';
import { MAXIMUM_PASSWORD_LENGTH } from '../hashers.js';
import type { AbstractBaseUser } from '../models.js';
import { validatePassword } from '../password-validation.js';
import { askSecret, authCommandProject } from './command-project.js';

/**
 * `manouche changepassword [username]`: sets a user's password, typed twice without echo and
 * checked by AUTH_PASSWORD_VALIDATORS; three mismatches or refusals end the command.
 *
 * @example
 * // manouche changepassword ana
 * // Password: ********   Password (again): ********
 * // Password changed successfully for user 'ana'
 */
export const changepasswordCommand: Command = {
  name: 'changepassword',
  help: "Change a user's password for manouche.contrib.auth.",
  args: [{ name: 'username', help: "Username to change password for; by default, it's the current username.", optional: true }],
  options: [{ name: 'database', type: 'string', default: 'default', help: 'Specifies the database to use. Default is "default".' }],
  async run(context: CommandContext) {
    const { args, io } = context;
    const { UserModel, using } = await authCommandProject(context);
    if (!io.interactive) throw new CommandError('changepassword needs a terminal to ask for the password (it never reads one from arguments).');
    const username = typeof args.username === 'string' ? args.username : userInfo().username;
    const user = (await UserModel.objects
      .using(using)
      .filter({ [UserModel.USERNAME_FIELD]: username } as never)
      .first()) as AbstractBaseUser | undefined;
    if (!user) throw new CommandError(`user '${username}' does not exist`);
    io.stdout.write(`Changing password for user '${username}'\n`);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const first = await askSecret(context, 'Password: ');
      const second = await askSecret(context, 'Password (again): ');
      if (first !== second) {
        io.stderr.write('Passwords do not match. Please try again.\n');
        continue;
      }
      if (first.length > MAXIMUM_PASSWORD_LENGTH) {
        io.stderr.write(`Passwords are limited to ${MAXIMUM_PASSWORD_LENGTH} characters.\n`);
        continue;
      }
      try {
        await validatePassword(first, user as unknown as Record<string, unknown>);
      } catch (error) {
        if (!(error instanceof PasswordValidationError)) throw error;
        io.stderr.write(`${error.messages.join('\n')}\n`);
        continue;
      }
      await user.setPassword(first);
      await user.save({ using });
      io.stdout.write(`Password changed successfully for user '${username}'\n`);
      return;
    }
    throw new CommandError(`Aborting password change for user '${username}' after 3 attempts`);
  },
};
