// The README's second example: a project template overriding the built-in layout, form assets,
// field order, a split date-time, select-based dates and typed multiple choices.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Form, FormRenderer, forms, SelectDateWidget, TextInput, type MediaDefinition } from '@manouche/forms';

const templates = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');

/** What `setup()` installs from TEMPLATES and FORM_RENDERER: templates/django/forms/div.html wins. */
export const renderer = new FormRenderer({ dirs: [templates] });

class ColourPicker extends TextInput {
  static override media: MediaDefinition = { css: { all: ['picker.css'] }, js: ['picker.js'] };
}

export class EventForm extends Form.define({
  title: forms.char({ maxLength: 80 }),
  startsAt: forms.splitDateTime({ timeZone: 'Europe/Paris' }),
  signupBy: forms.date({ widget: new SelectDateWidget({ years: [2026, 2027] }) }),
  rooms: forms.typedMultipleChoice({ choices: [['1', 'Hall'], ['2', 'Studio']], coerce: Number }),
  colour: forms.char({ widget: ColourPicker, required: false }),
}) {
  static override fieldOrder = ['startsAt', 'title'];
  static override media: MediaDefinition = { js: ['events.js'] };
}

/** Binds and validates `data`; returns the cleaned values or the re-rendered form. */
export async function handleEvent(data: Record<string, string | string[]>) {
  const form = new EventForm({ data, renderer });
  if (await form.isValid()) return { valid: true, event: form.cleanedData }; // startsAt: Date, rooms: number[]
  return { valid: false, html: form.toHtml(), assets: form.media.toHtml() };
}
