/** The errors @manouche/forms raises, each with a stable `code`. */

/**
 * One validation message with Django's error code (`required`, `invalid`, `max_length`, …).
 *
 * @example
 * form.errors.get('email')?.entries; // [{ message: 'Enter a valid email address.', code: 'invalid' }]
 */
export interface ErrorEntry {
  message: string;
  code: string;
}

/**
 * What a ValidationError can be built from: a message, several, or messages per field.
 *
 * @example
 * form.addError('email', 'Already taken.');
 * form.addError(null, { email: 'Already taken.', name: ['Too short.', 'Not a name.'] } satisfies ValidationErrorInput);
 */
export type ValidationErrorInput =
  | string
  | ValidationError
  | ReadonlyArray<string | ValidationError>
  | Readonly<Record<string, string | ValidationError | ReadonlyArray<string | ValidationError>>>;

function fill(message: string, params: Record<string, unknown> | undefined): string {
  if (!params) return message;
  return message.replace(/%\((\w+)\)[sd]|\{(\w+)\}/g, (whole, a: string | undefined, b: string | undefined) => {
    const key = (a ?? b)!;
    return key in params ? String(params[key]) : whole;
  });
}

/**
 * Django's forms ValidationError: raised by fields, validators and `clean` hooks. Holds a list
 * of messages (each with a code) or messages per field (from a form-level `clean()`).
 *
 * @example
 * throw new ValidationError('Enter a whole number.', { code: 'invalid' });
 * throw new ValidationError({ email: 'Already taken.', __all__: 'Try again.' });
 */
export class ValidationError extends Error {
  /** Stable code of this error class. */
  readonly code = 'MANOUCHE_FORMS_VALIDATION_ERROR';
  /** The messages, when they are not per field. */
  readonly errorList: ErrorEntry[] = [];
  /** The messages per field, when the error was built from an object. */
  readonly errorDict: Record<string, ErrorEntry[]> | undefined;

  constructor(input: ValidationErrorInput, options: { code?: string; params?: Record<string, unknown> } = {}) {
    // Validation errors are expected outcomes, raised for every bad value: a stack trace would cost
    // more than the validation itself and show nothing useful.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super('');
    Error.stackTraceLimit = limit;
    this.name = 'ValidationError';
    if (typeof input === 'string') {
      this.errorList.push({ message: fill(input, options.params), code: options.code ?? 'invalid' });
    } else if (input instanceof ValidationError) {
      this.errorList.push(...input.errorList);
      if (input.errorDict) this.errorDict = { ...input.errorDict };
    } else if (Array.isArray(input)) {
      for (const item of input as ReadonlyArray<string | ValidationError>) this.errorList.push(...new ValidationError(item, options).entries());
    } else {
      this.errorDict = {};
      for (const [field, value] of Object.entries(input as Record<string, string | ValidationError | ReadonlyArray<string | ValidationError>>)) {
        this.errorDict[field] = new ValidationError(value as ValidationErrorInput, options).entries();
      }
    }
    this.message = this.errorDict
      ? Object.entries(this.errorDict)
          .map(([field, list]) => `${field}: ${list.map((e) => e.message).join(' ')}`)
          .join('; ')
      : this.errorList.map((e) => e.message).join(' ');
  }

  /** Every entry, flattened (per-field entries included). */
  entries(): ErrorEntry[] {
    return this.errorDict ? Object.values(this.errorDict).flat() : [...this.errorList];
  }

  /** The messages as plain strings. */
  get messages(): string[] {
    return this.entries().map((entry) => entry.message);
  }
}

/**
 * A form, field or view was declared wrongly (Django's ImproperlyConfigured), named in the message.
 *
 * @example
 * formsetFactory(BookForm, { maxNum: 10, absoluteMax: 5 });
 * // ImproperlyConfigured: formsetFactory(BookForm): 'absoluteMax' (5) must be greater or equal to 'maxNum' (10).
 */
export class FormsConfigurationError extends Error {
  readonly code = 'MANOUCHE_FORMS_IMPROPERLY_CONFIGURED';
  constructor(message: string) {
    super(message);
    this.name = 'ImproperlyConfigured';
  }
}

/**
 * A form was used in a way its state does not allow (cleaned data read before validation, saving an invalid form).
 *
 * @example
 * form.addError('emial', 'Already taken.');
 * // FormStateError (MANOUCHE_FORMS_UNKNOWN_FIELD): 'ContactForm' has no field named 'emial'. Its fields: name, email.
 */
export class FormStateError extends Error {
  readonly code: string;
  constructor(
    code: 'MANOUCHE_FORMS_NOT_VALIDATED' | 'MANOUCHE_FORMS_SAVE_INVALID' | 'MANOUCHE_FORMS_CHOICES_NOT_LOADED' | 'MANOUCHE_FORMS_UNKNOWN_FIELD',
    message: string,
  ) {
    super(message);
    this.name = 'FormStateError';
    this.code = code;
  }
}
