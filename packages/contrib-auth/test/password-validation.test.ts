import { describe, expect, it } from 'vitest';
import { PasswordValidationError } from '../src/errors.js';
import {
  CommonPasswordValidator,
  getPasswordValidators,
  MinimumLengthValidator,
  NumericPasswordValidator,
  passwordValidatorsHelpTexts,
  UserAttributeSimilarityValidator,
  validatePassword,
} from '../src/password-validation.js';

const DJANGO_FOUR = [
  { NAME: 'manouche.contrib.auth.password_validation.UserAttributeSimilarityValidator' },
  { NAME: 'manouche.contrib.auth.password_validation.MinimumLengthValidator', OPTIONS: { minLength: 9 } },
  { NAME: 'manouche.contrib.auth.password_validation.CommonPasswordValidator' },
  { NAME: 'manouche.contrib.auth.password_validation.NumericPasswordValidator' },
];

describe("Django's four password validators", () => {
  it("gives Django's messages, all at once, in validator order", async () => {
    const error = await validatePassword('12345678', { username: 'x' }, getPasswordValidators(DJANGO_FOUR)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasswordValidationError);
    expect((error as PasswordValidationError).messages).toEqual([
      'This password is too short. It must contain at least 9 characters.',
      'This password is too common.',
      'This password is entirely numeric.',
    ]);
    await expect(validatePassword('tango in the night 1987', { username: 'django' }, getPasswordValidators(DJANGO_FOUR))).resolves.toBeUndefined();
  });

  it('refuses passwords too similar to the username, names or email (and its parts), as Django 4.2 answers', async () => {
    const validator = new UserAttributeSimilarityValidator();
    expect(validator.validate('reinhardt1', { username: 'reinhardt' })).toEqual(['The password is too similar to the username.']);
    expect(validator.validate('djangoreinhardt', { email: 'django.reinhardt@example.com' })).toEqual(['The password is too similar to the email address.']);
    expect(validator.validate('stephane!', { firstName: 'Stéphane', lastName: 'Grappelli' })).toEqual(['The password is too similar to the first name.']);
    expect(validator.validate('swingpass', { firstName: 'Stéphane' })).toEqual([]);
    expect(validator.validate('grappelli', { firstName: 'Stéphane', lastName: 'Grappelli' })).toEqual(['The password is too similar to the last name.']);
    expect(validator.validate('minor swing 1937', { username: 'django' })).toEqual([]);
    expect(() => new UserAttributeSimilarityValidator({ maxSimilarity: 0.05 })).toThrow('maxSimilarity must be at least 0.1');
  });

  it('uses the common-passwords list shipped by @zxcvbn-ts/language-common, case-insensitively', async () => {
    const validator = new CommonPasswordValidator();
    expect(await validator.validate('Password')).toEqual(['This password is too common.']);
    expect(await validator.validate(' qwerty ')).toEqual(['This password is too common.']);
    expect(await validator.validate('manouche swing 1934')).toEqual([]);
  });

  it('counts characters, not UTF-16 units, for the minimum length', () => {
    expect(new MinimumLengthValidator({ minLength: 3 }).validate('🎸🎸🎸')).toEqual([]);
    expect(new MinimumLengthValidator({ minLength: 1 }).getHelpText()).toBe('Your password must contain at least 1 character.');
    expect(new NumericPasswordValidator().validate('٣٣٣٣٣')).toEqual(['This password is entirely numeric.']);
  });

  it("has Django's help texts", () => {
    expect(passwordValidatorsHelpTexts(getPasswordValidators(DJANGO_FOUR))).toEqual([
      "Your password can't be too similar to your other personal information.",
      'Your password must contain at least 9 characters.',
      "Your password can't be a commonly used password.",
      "Your password can't be entirely numeric.",
    ]);
  });

  it('names the Manouche validator when given a Django name, and lists the known ones otherwise', () => {
    expect(() => getPasswordValidators([{ NAME: 'django.contrib.auth.password_validation.MinimumLengthValidator' }])).toThrow(
      "Write 'manouche.contrib.auth.password_validation.MinimumLengthValidator'",
    );
    expect(() => getPasswordValidators([{ NAME: 'nope' }])).toThrow(
      'Known validators: manouche.contrib.auth.password_validation.UserAttributeSimilarityValidator',
    );
  });
});
