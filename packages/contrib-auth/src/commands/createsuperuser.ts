import { CommandError, type Command, type CommandContext } from '@manouche/contracts';
import { ValidationError } from '@manouche/orm';
import { userInfo } from 'node:os';
import { PasswordValidationError } from '../errors.js';
import { MAXIMUM_PASSWORD_LENGTH } from '../hashers.js';
import type { AbstractBaseUser } from '../models.js';
import { validatePassword } from '../password-validation.js';
import { UserManager } from '../user-manager.js';
import { askSecret, authCommandProject } from './command-project.js';

function fieldLabel(UserModel: { _meta: { getField(name: string): { options?: { verboseName?: unknown } } | undefined } }, name: string): string {
  const verbose = UserModel._meta.getField(name)?.options?.verboseName;
  const label = typeof verbose === 'string' ? verbose : name;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Validates one field value with the model's own validators; returns the messages. */
function fieldErrors(UserModel: { new (init: Record<string, unknown>): AbstractBaseUser }, name: string, value: string): string[] {
  const probe = new UserModel({ [name]: value });
  try {
    probe.fullClean({
      exclude: Object.keys((UserModel as unknown as { fields: Record<string, unknown> }).fields).filter((field) => field !== name),
      validateUnique: false,
    });
    return [];
  } catch (error) {
    if (error instanceof ValidationError)
      return Object.values(error.messages ?? {})
        .flat()
        .map(String);
    throw error;
  }
}

async function usernameTaken(UserModel: ReturnType<typeof import('../backends.js').getUserModel>, using: string, username: string): Promise<boolean> {
  return UserModel.objects
    .using(using)
    .filter({ [UserModel.USERNAME_FIELD]: username } as never)
    .exists();
}

/**
 * `manouche createsuperuser`: creates a user with every permission. Interactive (password
 * typed twice without echo, AUTH_PASSWORD_VALIDATORS applied with a chance to bypass), or with
 * `--no-input` from `--username`/`--email` and MANOUCHE_SUPERUSER_USERNAME / _EMAIL / _PASSWORD.
 *
 * @example
 * // MANOUCHE_SUPERUSER_PASSWORD=… manouche createsuperuser --no-input --username admin --email admin@example.com
 * // Superuser created successfully.
 */
export const createsuperuserCommand: Command = {
  name: 'createsuperuser',
  help: 'Used to create a superuser.',
  options: [
    { name: 'username', type: 'string', help: 'Specifies the login for the superuser.' },
    { name: 'email', type: 'string', help: 'Specifies the email for the superuser.' },
    {
      name: 'no-input',
      type: 'boolean',
      help: 'Tells Manouche to NOT prompt the user for input of any kind. You must use --username with --no-input, or set MANOUCHE_SUPERUSER_USERNAME; MANOUCHE_SUPERUSER_PASSWORD sets the password.',
    },
    { name: 'noinput', type: 'boolean', help: 'Same as --no-input (Django spelling).' },
    { name: 'database', type: 'string', default: 'default', help: 'Specifies the database to use. Default is "default".' },
  ],
  async run(context: CommandContext) {
    const { options, io } = context;
    const { UserModel, using } = await authCommandProject(context);
    const usernameField = UserModel.USERNAME_FIELD;
    const env = process.env;
    const interactive = !(options.noInput || options.noinput) && io.interactive;
    let username = typeof options.username === 'string' ? options.username : undefined;
    let email = typeof options.email === 'string' ? options.email : undefined;
    let password: string | null = null;

    if (!interactive) {
      username ??= env.MANOUCHE_SUPERUSER_USERNAME;
      email ??= env.MANOUCHE_SUPERUSER_EMAIL;
      password = env.MANOUCHE_SUPERUSER_PASSWORD ?? null;
      if (!username) throw new CommandError(`You must use --${usernameField} with --no-input (or set MANOUCHE_SUPERUSER_USERNAME).`);
      const errors = fieldErrors(UserModel, usernameField, username);
      if (errors.length) throw new CommandError(errors.join('; '));
      if (await usernameTaken(UserModel, using, username)) throw new CommandError('That username is already taken.');
      if (password !== null && password.length > MAXIMUM_PASSWORD_LENGTH)
        throw new CommandError(`MANOUCHE_SUPERUSER_PASSWORD is longer than ${MAXIMUM_PASSWORD_LENGTH} characters.`);
      if (password !== null) {
        try {
          await validatePassword(password, { [usernameField]: username, email: email ?? '' });
        } catch (error) {
          if (error instanceof PasswordValidationError) throw new CommandError(`MANOUCHE_SUPERUSER_PASSWORD: ${error.messages.join(' ')}`);
          throw error;
        }
      }
    } else {
      const label = fieldLabel(UserModel as never, usernameField);
      let defaultName = '';
      try {
        defaultName = userInfo().username.toLowerCase();
        if (fieldErrors(UserModel, usernameField, defaultName).length || (await usernameTaken(UserModel, using, defaultName))) defaultName = '';
      } catch {
        defaultName = '';
      }
      while (!username) {
        const answer = (await io.prompt(defaultName ? `${label} (leave blank to use '${defaultName}'): ` : `${label}: `)).trim() || defaultName;
        if (!answer) {
          io.stderr.write(`Error: This field cannot be blank.\n`);
          continue;
        }
        const errors = fieldErrors(UserModel, usernameField, answer);
        if (errors.length) {
          io.stderr.write(`Error: ${errors.join('; ')}\n`);
          continue;
        }
        if (await usernameTaken(UserModel, using, answer)) {
          io.stderr.write('Error: That username is already taken.\n');
          continue;
        }
        username = answer;
      }
      if (email === undefined && UserModel.REQUIRED_FIELDS.includes('email')) {
        for (;;) {
          const answer = (await io.prompt(`${fieldLabel(UserModel as never, 'email')}: `)).trim();
          const errors = answer ? fieldErrors(UserModel, 'email', answer) : [];
          if (errors.length) {
            io.stderr.write(`Error: ${errors.join('; ')}\n`);
            continue;
          }
          email = answer;
          break;
        }
      }
      while (password === null) {
        const first = await askSecret(context, 'Password: ');
        const second = await askSecret(context, 'Password (again): ');
        if (first !== second) {
          io.stderr.write("Error: Your passwords didn't match.\n");
          continue;
        }
        if (first.trim() === '') {
          io.stderr.write("Error: Blank passwords aren't allowed.\n");
          continue;
        }
        if (first.length > MAXIMUM_PASSWORD_LENGTH) {
          io.stderr.write(`Error: Passwords are limited to ${MAXIMUM_PASSWORD_LENGTH} characters.\n`);
          continue;
        }
        try {
          await validatePassword(first, { [usernameField]: username, email: email ?? '' });
        } catch (error) {
          if (!(error instanceof PasswordValidationError)) throw error;
          io.stderr.write(`${error.messages.join('\n')}\n`);
          const bypass = (await io.prompt('Bypass password validation and create user anyway? [y/N]: ')).trim().toLowerCase();
          if (bypass !== 'y') continue;
        }
        password = first;
      }
    }

    const manager = UserModel.objects instanceof UserManager ? (UserModel.objects as UserManager) : new UserManager(UserModel as never);
    await manager.createSuperuser(username, email ?? '', password, {}, { using });
    io.stdout.write('Superuser created successfully.\n');
  },
};
