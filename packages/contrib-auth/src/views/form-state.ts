import type { HttpRequest } from '@manouche/core';

/** A submitted form as the default templates show it: values, errors per field, errors of the whole form. */
export interface FormState {
  /** Submitted values (never passwords). */
  data: Record<string, string>;
  /** Messages per field name. */
  errors: Record<string, string[]>;
  /** Messages about the form as a whole. */
  nonFieldErrors: string[];
  /** Whether no errors were found. */
  readonly isValid: boolean;
}

/** An empty form state, optionally with initial values. */
export function emptyForm(data: Record<string, string> = {}): FormState {
  return {
    data,
    errors: {},
    nonFieldErrors: [],
    get isValid() {
      return Object.keys(this.errors).length === 0 && this.nonFieldErrors.length === 0;
    },
  };
}

/** Adds an error to a field of `form`. */
export function addError(form: FormState, field: string | null, message: string): void {
  if (field === null) {
    form.nonFieldErrors.push(message);
    return;
  }
  const messages = form.errors[field] ?? [];
  messages.push(message);
  form.errors[field] = messages;
}

/** Reads the listed POST fields as strings; each missing or blank one gets "This field is required.". */
export async function readRequiredFields(
  request: HttpRequest,
  names: readonly string[],
  options: { keep?: readonly string[] } = {},
): Promise<{ form: FormState; values: Record<string, string> }> {
  const post = await request.post();
  const values: Record<string, string> = {};
  const form = emptyForm();
  for (const name of names) {
    const value = post.get(name) ?? '';
    values[name] = value;
    if (options.keep?.includes(name)) form.data[name] = value;
    if (value.trim() === '') addError(form, name, 'This field is required.');
  }
  return { form, values };
}

/**
 * Whether `url` is safe to redirect to after login/logout: relative, or on the request's own host
 * (with https when the request is secure). Django's url_has_allowed_host_and_scheme.
 */
export function isSafeRedirect(request: HttpRequest, url: string | null | undefined): url is string {
  if (!url) return false;
  const trimmed = url.trim();
  // Control characters and backslashes make browsers read a URL differently from the parser here.
  if (trimmed !== url || [...url].some((char) => char.charCodeAt(0) < 0x20 || char === '\\') || url.startsWith('///')) return false;
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://relative.invalid');
  } catch {
    return false;
  }
  const isRelative = !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//');
  if (isRelative) return parsed.host === 'relative.invalid';
  let host: string;
  try {
    host = request.getHost();
  } catch {
    return false;
  }
  if (parsed.host !== host) return false;
  return request.isSecure() ? parsed.protocol === 'https:' : parsed.protocol === 'http:' || parsed.protocol === 'https:';
}
