import type { HttpRequest } from '@manouche/core';
import { PasswordValidationError } from '../errors.js';
import { MAXIMUM_PASSWORD_LENGTH } from '../hashers.js';
import type { AbstractBaseUser } from '../models.js';
import { getPasswordValidators, validatePassword } from '../password-validation.js';
import { addError, readRequiredFields, type FormState } from './form-state.js';

/**
 * Reads and checks `new_password1`/`new_password2` (Django's SetPasswordForm): required, equal,
 * at most 4096 characters, and accepted by AUTH_PASSWORD_VALIDATORS for `user`.
 */
export async function readNewPassword(
  request: HttpRequest,
  user: AbstractBaseUser,
  extraFields: readonly string[] = [],
): Promise<{ form: FormState; password: string; values: Record<string, string> }> {
  const { form, values } = await readRequiredFields(request, [...extraFields, 'new_password1', 'new_password2']);
  const password = values.new_password1!;
  if (form.errors.new_password1 || form.errors.new_password2) return { form, password, values };
  if (password !== values.new_password2) {
    addError(form, 'new_password2', 'The two password fields didn’t match.');
  } else if (password.length > MAXIMUM_PASSWORD_LENGTH) {
    addError(form, 'new_password2', `Ensure this value has at most ${MAXIMUM_PASSWORD_LENGTH} characters (it has ${password.length}).`);
  } else {
    try {
      await validatePassword(password, user as unknown as Record<string, unknown>, getPasswordValidators());
    } catch (error) {
      if (!(error instanceof PasswordValidationError)) throw error;
      for (const message of error.messages) addError(form, 'new_password2', message);
    }
  }
  return { form, password, values };
}
