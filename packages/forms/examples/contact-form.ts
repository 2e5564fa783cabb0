// The README example: a contact form with typed cleaned data, a clean hook, errors and rendering.
import { Form, forms, Textarea, ValidationError } from '@manouche/forms';

export class ContactForm extends Form.define({
  subject: forms.char({ maxLength: 100 }),
  email: forms.email({ label: 'Your email' }),
  message: forms.char({ widget: Textarea }),
  copies: forms.integer({ required: false, minValue: 1, maxValue: 5 }),
  topic: forms.choice({ choices: [['bug', 'Bug report'], ['idea', 'Idea']] }),
}) {
  cleanSubject() {
    const subject = this.cleanedData.subject; // typed string
    if (subject.toLowerCase().includes('viagra')) throw new ValidationError('No spam, please.', { code: 'spam' });
    return subject;
  }
}

/** Binds `data` (request.post() in a view), validates, and returns what a view would use. */
export async function handleContact(data: Record<string, string>) {
  const form = new ContactForm({ data });
  if (await form.isValid()) {
    const { subject, copies } = form.cleanedData; // string, number | null
    return { valid: true, subject, copies };
  }
  return {
    valid: false,
    errors: form.errors.asData(), // { field: [{ message, code }] }
    html: form.toHtml(), // Django 5's <div> layout, submitted values re-shown, escaped
  };
}
