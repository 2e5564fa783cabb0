/** The README's example runs, and the README shows it verbatim. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleContact } from '../examples/contact-form.js';

describe('the README example', () => {
  it('is shown in the README as it is in examples/', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(new URL('../examples/contact-form.ts', import.meta.url), 'utf8'));
  });

  it('cleans valid data into typed values', async () => {
    expect(await handleContact({ subject: ' Hello ', email: 'ann@example.com', message: 'Hi', copies: '2', topic: 'idea' })).toEqual({
      valid: true,
      subject: 'Hello',
      copies: 2,
    });
  });

  it('reports errors with codes and re-renders the submitted values', async () => {
    const result = await handleContact({ subject: 'Cheap viagra', email: 'nope', message: '', copies: '9', topic: 'other' });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual({
      subject: [{ message: 'No spam, please.', code: 'spam' }],
      email: [{ message: 'Enter a valid email address.', code: 'invalid' }],
      message: [{ message: 'This field is required.', code: 'required' }],
      copies: [{ message: 'Ensure this value is less than or equal to 5.', code: 'max_value' }],
      topic: [{ message: 'Select a valid choice. other is not one of the available choices.', code: 'invalid_choice' }],
    });
    expect(result.html).toContain('<input type="email" name="email" value="nope" required aria-invalid="true" id="id_email">');
  });
});
