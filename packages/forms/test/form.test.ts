/** Binding, validation hooks, errors in every format, prefixes, initial data and changes. */
import { describe, expect, it } from 'vitest';
import { Form, forms, ValidationError } from '../src/index.js';

class SignupForm extends Form.define({
  username: forms.char({ maxLength: 20 }),
  email: forms.email(),
  password: forms.char(),
  confirm: forms.char(),
  age: forms.integer({ required: false, minValue: 13 }),
  tags: forms.multipleChoice({
    choices: [
      ['jazz', 'Jazz'],
      ['swing', 'Swing'],
    ],
    required: false,
  }),
}) {
  cleanUsername() {
    if (this.cleanedData.username === 'admin') throw new ValidationError('This name is reserved.', { code: 'reserved' });
    return this.cleanedData.username.toLowerCase();
  }
  override clean() {
    if (this.cleanedData.password !== undefined && this.cleanedData.password !== this.cleanedData.confirm) {
      this.addError('confirm', 'The two passwords differ.');
      throw new ValidationError('Please check the form.', { code: 'check' });
    }
  }
}

const valid = { username: 'Django', email: 'dj@example.com', password: 's3cret', confirm: 's3cret', age: '20' };

describe('a bound form', () => {
  it('cleans each field, runs clean<Field> hooks and types the cleaned data', async () => {
    const form = new SignupForm({ data: { ...valid, tags: ['jazz', 'swing'] } });
    expect(form.isBound).toBe(true);
    expect(await form.isValid()).toBe(true);
    expect(form.cleanedData).toEqual({ username: 'django', email: 'dj@example.com', password: 's3cret', confirm: 's3cret', age: 20, tags: ['jazz', 'swing'] });
  });

  it('reads multi-valued data from a QueryDict-like object', async () => {
    const params = new URLSearchParams('username=a&email=a@example.com&password=x&confirm=x&tags=jazz&tags=swing');
    const data = { get: (k: string) => params.get(k) ?? undefined, getAll: (k: string) => params.getAll(k), has: (k: string) => params.has(k) };
    const form = new SignupForm({ data });
    expect(await form.isValid()).toBe(true);
    expect(form.cleanedData.tags).toEqual(['jazz', 'swing']);
  });

  it('collects field errors, hook errors and non-field errors, and drops failed fields from cleaned data', async () => {
    const form = new SignupForm({ data: { ...valid, username: 'admin', email: 'nope', confirm: 'other', age: '9' } });
    expect(await form.isValid()).toBe(false);
    expect(form.errors.toObject()).toEqual({
      username: ['This name is reserved.'],
      email: ['Enter a valid email address.'],
      age: ['Ensure this value is greater than or equal to 13.'],
      confirm: ['The two passwords differ.'],
      __all__: ['Please check the form.'],
    });
    expect(form.cleanedData).not.toHaveProperty('username');
    expect(form.cleanedData).not.toHaveProperty('confirm');
    expect(form.hasError('username', 'reserved')).toBe(true);
    expect(form.hasError('email', 'reserved')).toBe(false);
    expect(form.nonFieldErrors().messages).toEqual(['Please check the form.']);
  });

  it('gives errors as HTML, text, data and JSON', async () => {
    const form = new SignupForm({ data: { ...valid, email: 'nope' } });
    await form.isValid();
    expect(form.errors.asUl()).toBe('<ul class="errorlist"><li>email<ul class="errorlist"><li>Enter a valid email address.</li></ul></li></ul>');
    expect(form.errors.asText()).toBe('* email\n  * Enter a valid email address.');
    expect(form.errors.asData()).toEqual({ email: [{ message: 'Enter a valid email address.', code: 'invalid' }] });
    expect(JSON.parse(form.errors.asJson())).toEqual({ email: [{ message: 'Enter a valid email address.', code: 'invalid' }] });
    expect(form.errors.get('email')!.asText()).toBe('* Enter a valid email address.');
    expect(String(form.errors.get('email'))).toBe('<ul class="errorlist"><li>Enter a valid email address.</li></ul>');
  });

  it('refuses addError for a field the form does not have, naming the fields it has', async () => {
    const form = new SignupForm({ data: valid });
    await form.isValid();
    expect(() => form.addError('nope' as never, 'x')).toThrow(
      "'SignupForm' has no field named 'nope'. Its fields: username, email, password, confirm, age, tags.",
    );
    form.addError(null, new ValidationError({ email: 'Taken.', __all__: 'Nope.' }));
    expect(form.errors.toObject()).toEqual({ email: ['Taken.'], __all__: ['Nope.'] });
  });

  it('is never valid unbound, and binds even to empty data', async () => {
    expect(await new SignupForm().isValid()).toBe(false);
    const empty = new SignupForm({ data: {} });
    expect(await empty.isValid()).toBe(false);
    expect(empty.errors.get('username')!.messages).toEqual(['This field is required.']);
  });
});

describe('prefixes, initial data and changes', () => {
  it('reads prefixed names and renders prefixed ids', async () => {
    const form = new SignupForm({ prefix: 'signup', data: Object.fromEntries(Object.entries(valid).map(([k, v]) => [`signup-${k}`, v])) });
    expect(await form.isValid()).toBe(true);
    expect(form.get('username').toHtml()).toBe('<input type="text" name="signup-username" value="Django" maxlength="20" required id="id_signup-username">');
  });

  it('shows initial values unbound, prefers the form’s initial over the field’s, and evaluates functions', () => {
    class F extends Form.define({ name: forms.char({ initial: 'field' }), when: forms.date({ initial: () => '2026-01-01' }) }) {}
    expect(new F().get('name').getValue()).toBe('field');
    expect(new F({ initial: { name: 'form' } }).get('name').getValue()).toBe('form');
    expect(new F().get('when').toHtml()).toContain('value="2026-01-01"');
  });

  it('tells which fields changed from their initial values', () => {
    class F extends Form.define({ name: forms.char(), age: forms.integer(), ok: forms.boolean({ required: false }) }) {}
    const same = new F({ initial: { name: 'Ann', age: 30, ok: false }, data: { name: 'Ann', age: '30' } });
    expect(same.hasChanged()).toBe(false);
    const changed = new F({ initial: { name: 'Ann', age: 30 }, data: { name: 'Ann', age: '31', ok: 'on' } });
    expect(changed.changedData).toEqual(['age', 'ok']);
  });

  it('skips validation of an unchanged form when empty is permitted', async () => {
    const form = new SignupForm({ data: {}, emptyPermitted: true });
    expect(await form.isValid()).toBe(true);
    expect(form.cleanedData).toEqual({});
  });
});

describe('file uploads', () => {
  it('binds files separately from data and says the form is multipart', async () => {
    class Upload extends Form.define({ title: forms.char(), attachment: forms.file() }) {}
    const attachment = { name: 'notes.txt', size: 5, contentType: 'text/plain', read: async () => new TextEncoder().encode('hello') };
    const form = new Upload({ data: { title: 'x' }, files: { attachment } });
    expect(form.isMultipart()).toBe(true);
    expect(await form.isValid()).toBe(true);
    expect(form.cleanedData.attachment.name).toBe('notes.txt');
    const missing = new Upload({ data: { title: 'x' } });
    expect(await missing.isValid()).toBe(false);
    expect(missing.errors.get('attachment')!.messages).toEqual(['This field is required.']);
  });
});
