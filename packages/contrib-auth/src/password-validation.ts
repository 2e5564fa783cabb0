import { createRequire } from 'node:module';
import { authSettings } from './auth-settings.js';
import { AuthConfigurationError, PasswordValidationError } from './errors.js';
import { MAXIMUM_PASSWORD_LENGTH } from './hashers.js';

/**
 * A password validator (Django's): `validate` returns the messages of what is wrong.
 *
 * @example
 * class NoSeasonValidator implements PasswordValidator {
 *   validate(password: string) { return /summer|winter/i.test(password) ? ['Avoid season names.'] : []; }
 *   getHelpText() { return 'Your password cannot contain a season name.'; }
 * }
 */
export interface PasswordValidator {
  validate(password: string, user?: Record<string, unknown> | null): string[] | Promise<string[]>;
  /** One sentence describing the rule, for forms. */
  getHelpText(): string;
}

/**
 * Django's MinimumLengthValidator (`minLength`, default 8).
 *
 * @example
 * AUTH_PASSWORD_VALIDATORS: [{ NAME: 'manouche.contrib.auth.password_validation.MinimumLengthValidator', OPTIONS: { minLength: 10 } }],
 * new MinimumLengthValidator({ minLength: 10 }).validate('short'); // ['This password is too short. It must contain at least 10 characters.']
 */
export class MinimumLengthValidator implements PasswordValidator {
  readonly minLength: number;
  constructor(options: { minLength?: number; min_length?: number } = {}) {
    this.minLength = options.minLength ?? options.min_length ?? 8;
  }
  validate(password: string): string[] {
    if ([...password].length >= this.minLength) return [];
    return [`This password is too short. It must contain at least ${this.minLength} character${this.minLength === 1 ? '' : 's'}.`];
  }
  getHelpText(): string {
    return `Your password must contain at least ${this.minLength} character${this.minLength === 1 ? '' : 's'}.`;
  }
}

/**
 * Django's NumericPasswordValidator: not entirely digits.
 *
 * @example
 * new NumericPasswordValidator().validate('12345678'); // ['This password is entirely numeric.']
 */
export class NumericPasswordValidator implements PasswordValidator {
  validate(password: string): string[] {
    return /^\p{Nd}+$/u.test(password) ? ['This password is entirely numeric.'] : [];
  }
  getHelpText(): string {
    return "Your password can't be entirely numeric.";
  }
}

let commonPasswords: Promise<Set<string>> | undefined;

function loadCommonPasswords(): Promise<Set<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then((module) => {
    // Bundlers may hand the CommonJS build over as the default export.
    const { dictionary } = (module as { dictionary?: typeof module.dictionary }).dictionary
      ? module
      : (module as unknown as { default: typeof module }).default;
    return new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  });
  return commonPasswords;
}

/**
 * Django's CommonPasswordValidator: refuses passwords on the common-passwords list shipped by
 * `@zxcvbn-ts/language-common` (compared lower-case and trimmed, as Django).
 *
 * @example
 * await new CommonPasswordValidator().validate('password'); // ['This password is too common.']
 */
export class CommonPasswordValidator implements PasswordValidator {
  async validate(password: string): Promise<string[]> {
    return (await loadCommonPasswords()).has(password.toLowerCase().trim()) ? ['This password is too common.'] : [];
  }
  getHelpText(): string {
    return "Your password can't be a commonly used password.";
  }
}

function quickRatio(a: string, b: string): number {
  // difflib's quick_ratio: matches counted by character multiset, 2*M/T.
  const counts = new Map<string, number>();
  for (const char of b) counts.set(char, (counts.get(char) ?? 0) + 1);
  let matches = 0;
  for (const char of a) {
    const left = counts.get(char) ?? 0;
    if (left > 0) {
      matches++;
      counts.set(char, left - 1);
    }
  }
  return a.length + b.length === 0 ? 1 : (2 * matches) / (a.length + b.length);
}

/** Django's shortcut: a value far shorter than the password cannot reach the similarity bound. */
function exceedsMaximumLengthRatio(password: string, maxSimilarity: number, value: string): boolean {
  return password.length >= 10 * value.length && value.length < (maxSimilarity / 2) * password.length;
}

const DEFAULT_USER_ATTRIBUTES = ['username', 'firstName', 'lastName', 'email'];
const ATTRIBUTE_NAMES: Record<string, string> = { username: 'username', firstName: 'first name', lastName: 'last name', email: 'email address' };

/**
 * Django's UserAttributeSimilarityValidator: refuses a password too similar (ratio ≥ `maxSimilarity`,
 * 0.7) to the username, names or email (and the email's parts).
 *
 * @example
 * new UserAttributeSimilarityValidator().validate('ana.lopez', { username: 'ana.lopez' }); // ['The password is too similar to the username.']
 */
export class UserAttributeSimilarityValidator implements PasswordValidator {
  readonly userAttributes: string[];
  readonly maxSimilarity: number;
  constructor(options: { userAttributes?: string[]; user_attributes?: string[]; maxSimilarity?: number; max_similarity?: number } = {}) {
    this.userAttributes = options.userAttributes ?? options.user_attributes ?? DEFAULT_USER_ATTRIBUTES;
    this.maxSimilarity = options.maxSimilarity ?? options.max_similarity ?? 0.7;
    if (this.maxSimilarity < 0.1) throw new AuthConfigurationError('UserAttributeSimilarityValidator: maxSimilarity must be at least 0.1');
  }
  validate(password: string, user?: Record<string, unknown> | null): string[] {
    if (!user) return [];
    const lower = password.toLowerCase();
    for (const attribute of this.userAttributes) {
      const value = user[attribute];
      if (typeof value !== 'string' || value === '') continue;
      const valueLower = value.toLowerCase();
      for (const part of [...valueLower.split(/\W+/), valueLower]) {
        if (exceedsMaximumLengthRatio(lower, this.maxSimilarity, part)) continue;
        if (quickRatio(lower, part) >= this.maxSimilarity) return [`The password is too similar to the ${ATTRIBUTE_NAMES[attribute] ?? attribute}.`];
      }
    }
    return [];
  }
  getHelpText(): string {
    return "Your password can't be too similar to your other personal information.";
  }
}

type ValidatorFactory = (options: Record<string, unknown>) => PasswordValidator;
const VALIDATORS = new Map<string, ValidatorFactory>([
  ['manouche.contrib.auth.password_validation.UserAttributeSimilarityValidator', (options) => new UserAttributeSimilarityValidator(options)],
  ['manouche.contrib.auth.password_validation.MinimumLengthValidator', (options) => new MinimumLengthValidator(options)],
  ['manouche.contrib.auth.password_validation.CommonPasswordValidator', () => new CommonPasswordValidator()],
  ['manouche.contrib.auth.password_validation.NumericPasswordValidator', () => new NumericPasswordValidator()],
]);

/**
 * Makes a validator available to AUTH_PASSWORD_VALIDATORS under `name`.
 *
 * @example
 * registerPasswordValidator('accounts.validators.NoSeasonValidator', () => new NoSeasonValidator());
 * // AUTH_PASSWORD_VALIDATORS: [{ NAME: 'accounts.validators.NoSeasonValidator' }]
 */
export function registerPasswordValidator(name: string, create: ValidatorFactory): void {
  VALIDATORS.set(name, create);
}

/**
 * The AUTH_PASSWORD_VALIDATORS instances; an unknown NAME is an error naming the known ones.
 *
 * @example
 * const validators = getPasswordValidators(settings.AUTH_PASSWORD_VALIDATORS);
 * await validatePassword(password, user, validators);
 */
export function getPasswordValidators(
  config: ReadonlyArray<{ NAME: string; OPTIONS?: Record<string, unknown> }> = authSettings().AUTH_PASSWORD_VALIDATORS,
): PasswordValidator[] {
  return config.map(({ NAME, OPTIONS }) => {
    const create = VALIDATORS.get(NAME);
    if (create) return create(OPTIONS ?? {});
    const manouche = NAME.replace(/^django\./, 'manouche.');
    const hint = NAME.startsWith('django.') && VALIDATORS.has(manouche) ? ` Write '${manouche}': Django's names are not used in Manouche.` : '';
    throw new AuthConfigurationError(
      `AUTH_PASSWORD_VALIDATORS entry '${NAME}' is not a known password validator.${hint} Known validators: ${[...VALIDATORS.keys()].join(', ')}.`,
    );
  });
}

/**
 * Runs every validator and throws one PasswordValidationError with all messages (Django's validate_password).
 *
 * @example
 * await validatePassword('1234', user); // PasswordValidationError: This password is too short. …
 */
export async function validatePassword(password: string, user?: Record<string, unknown> | null, validators = getPasswordValidators()): Promise<void> {
  const messages: string[] = [];
  for (const validator of validators) messages.push(...(await validator.validate(password, user)));
  if (messages.length > 0) throw new PasswordValidationError(messages);
}

/**
 * The help texts of the validators, for a form.
 *
 * @example
 * passwordValidatorsHelpTexts(); // ['Your password must contain at least 8 characters.', "Your password can't be entirely numeric.", …]
 */
export function passwordValidatorsHelpTexts(validators = getPasswordValidators()): string[] {
  return validators.map((validator) => validator.getHelpText());
}

/**
 * Why a new password typed twice is refused, as Django's SetPasswordForm and UserCreationForm say it
 * (the messages belong under the second field): the two differ, it is longer than
 * MAXIMUM_PASSWORD_LENGTH, or AUTH_PASSWORD_VALIDATORS refuse it for `user`. Empty when accepted.
 *
 * @example
 * await newPasswordErrors('nuages 1940', 'nuages 1941', user); // ['The two password fields didn’t match.']
 */
export async function newPasswordErrors(password: string, confirmation: string, user?: Record<string, unknown> | null): Promise<string[]> {
  if (password !== confirmation) return ['The two password fields didn’t match.'];
  if (password.length > MAXIMUM_PASSWORD_LENGTH) return [`Ensure this value has at most ${MAXIMUM_PASSWORD_LENGTH} characters (it has ${password.length}).`];
  try {
    await validatePassword(password, user, getPasswordValidators());
    return [];
  } catch (error) {
    if (!(error instanceof PasswordValidationError)) throw error;
    return [...error.messages];
  }
}
