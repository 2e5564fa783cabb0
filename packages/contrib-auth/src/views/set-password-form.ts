import type { HttpRequest } from '@manouche/core';
import type { AbstractBaseUser } from '../models.js';
import { newPasswordErrors } from '../password-validation.js';
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
  for (const message of await newPasswordErrors(password, values.new_password2!, user as unknown as Record<string, unknown>))
    addError(form, 'new_password2', message);
  return { form, password, values };
}
