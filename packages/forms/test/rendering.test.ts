/** Django 5's HTML: the div layout, asP/asUl/asTable, widgets, escaping, and printing a form in a template. */
import { createTemplateEngine } from '@manouche/templates';
import { describe, expect, it } from 'vitest';
import {
  CheckboxSelectMultiple,
  ClearableFileInput,
  Form,
  FormRenderer,
  forms,
  HiddenInput,
  PasswordInput,
  RadioSelect,
  Select,
  SplitDateTimeWidget,
  Textarea,
} from '../src/index.js';

class ContactForm extends Form.define({
  subject: forms.char({ maxLength: 100, helpText: '100 characters max.' }),
  email: forms.email({ label: 'Your email' }),
  message: forms.char({ widget: new Textarea({ attrs: { rows: '3', class: 'wide' } }), required: false }),
  secret: forms.char({ widget: HiddenInput, required: false }),
}) {}

describe('the default div layout', () => {
  it('renders label, help text, errors and widget per field, with HTML5 attributes', () => {
    expect(new ContactForm().toHtml()).toBe(
      [
        '<div>',
        '<label for="id_subject">Subject:</label>',
        '<div class="helptext" id="id_subject_helptext">100 characters max.</div>',
        '<input type="text" name="subject" maxlength="100" required aria-describedby="id_subject_helptext" id="id_subject">',
        '</div>',
        '<div>',
        '<label for="id_email">Your email:</label>',
        '<input type="email" name="email" required id="id_email">',
        '</div>',
        '<div>',
        '<label for="id_message">Message:</label>',
        '<textarea name="message" cols="40" rows="3" class="wide" id="id_message">',
        '</textarea>',
        '<input type="hidden" name="secret" id="id_secret">',
        '</div>',
      ].join('\n'),
    );
  });

  it('re-renders submitted values, escaped, with the field errors and hidden-field errors on top', async () => {
    class F extends Form.define({ name: forms.char({ maxLength: 3 }), token: forms.integer({ widget: HiddenInput }) }) {}
    const form = new F({ data: { name: '<b>"x"</b>', token: 'abc' } });
    await form.isValid();
    const html = form.toHtml();
    expect(html).toContain('<ul class="errorlist nonfield"><li>(Hidden field token) Enter a whole number.</li></ul>');
    expect(html).toContain('<ul class="errorlist"><li>Ensure this value has at most 3 characters (it has 10).</li></ul>');
    expect(html).toContain('<input type="text" name="name" value="&lt;b&gt;&quot;x&quot;&lt;/b&gt;" maxlength="3" required aria-invalid="true" id="id_name">');
    expect(html).not.toContain('<b>');
  });

  it('never writes a password back into the page', async () => {
    class Login extends Form.define({ username: forms.char(), password: forms.char({ widget: PasswordInput }) }) {}
    const form = new Login({ data: { username: 'ann', password: 'hunter2' } });
    await form.isValid();
    expect(form.toHtml()).toContain('<input type="password" name="password" required id="id_password">');
    expect(form.toHtml()).not.toContain('hunter2');
  });

  it('adds the error and required CSS classes a form asks for', async () => {
    class F extends Form.define({ name: forms.char() }) {
      override errorCssClass = 'error';
      override requiredCssClass = 'required';
    }
    const form = new F({ data: {} });
    await form.isValid();
    expect(form.toHtml()).toContain('<div class="error required">\n<label for="id_name" class="required">Name:</label>');
  });
});

describe('the other layouts', () => {
  it('renders asP, asUl and asTable like Django', () => {
    class F extends Form.define({ name: forms.char({ helpText: 'Full name' }) }) {}
    const form = new F({ autoId: false });
    expect(String(form.asP())).toBe('<p>\n<label>Name:</label> <input type="text" name="name" required>\n<span class="helptext">Full name</span>\n</p>');
    expect(String(form.asUl())).toBe('<li>\n<label>Name:</label> <input type="text" name="name" required>\n<span class="helptext">Full name</span>\n</li>');
    expect(String(form.asTable())).toBe(
      '<tr>\n<th><label>Name:</label></th>\n<td>\n<input type="text" name="name" required>\n<br>\n<span class="helptext">Full name</span>\n</td>\n</tr>',
    );
  });

  it('renders with a renderer whose templates the project overrides', () => {
    const renderer = new FormRenderer({ templates: { div: (ctx) => ctx.fields.map(([f]) => `<section>${f.asFieldGroup()}</section>`).join('') } });
    class F extends Form.define({ name: forms.char() }) {}
    expect(new F({ renderer }).toHtml()).toBe('<section><label for="id_name">Name:</label>\n<input type="text" name="name" required id="id_name"></section>');
  });
});

describe('widgets', () => {
  const choices = [
    ['r', 'Red'],
    ['g', 'Green & <Blue>'],
  ] as const;

  it('renders select, select multiple and optgroups with the selected options', () => {
    class F extends Form.define({
      color: forms.choice({ choices: [['', '---'], ...choices], widget: Select }),
      colors: forms.multipleChoice({
        choices: [
          ['Warm', [['r', 'Red']]],
          ['g', 'Green'],
        ],
      }),
    }) {}
    const form = new F({ initial: { color: 'g', colors: ['r', 'g'] } });
    expect(form.get('color').toHtml()).toBe(
      '<select name="color" required id="id_color">\n  <option value="">---</option>\n  <option value="r">Red</option>\n  <option value="g" selected>Green &amp; &lt;Blue&gt;</option>\n</select>',
    );
    expect(form.get('colors').toHtml()).toBe(
      '<select name="colors" required id="id_colors" multiple>\n  <optgroup label="Warm">\n    <option value="r" selected>Red</option>\n  </optgroup>\n  <option value="g" selected>Green</option>\n</select>',
    );
  });

  it('renders radio buttons and checkboxes in a fieldset with a legend', () => {
    class F extends Form.define({
      color: forms.choice({ choices, widget: RadioSelect }),
      colors: forms.multipleChoice({ choices, widget: CheckboxSelectMultiple }),
    }) {}
    const html = new F({ initial: { colors: ['g'] } }).toHtml();
    expect(html).toContain(
      '<fieldset>\n<legend>Color:</legend>\n<div id="id_color">\n<div><label for="id_color_0"><input type="radio" name="color" value="r" required id="id_color_0"> Red</label></div>',
    );
    expect(html).toContain(
      '<div><label for="id_colors_1"><input type="checkbox" name="colors" value="g" id="id_colors_1" checked> Green &amp; &lt;Blue&gt;</label></div>',
    );
  });

  it('renders number, date, time and date-time inputs with HTML5 types', () => {
    class F extends Form.define({
      n: forms.decimal({ maxDigits: 5, decimalPlaces: 2, minValue: 0 }),
      d: forms.date(),
      t: forms.time(),
      at: forms.dateTime({ timeZone: 'Europe/Paris' }),
      split: forms.dateTime({ widget: SplitDateTimeWidget }),
      ok: forms.nullBoolean(),
    }) {}
    const form = new F({ initial: { d: '2026-03-01', at: new Date('2026-07-01T10:00:00Z'), split: new Date('2026-07-01T10:00:00Z'), ok: true } });
    expect(form.get('n').toHtml()).toBe('<input type="number" name="n" min="0" step="0.01" required id="id_n">');
    expect(form.get('d').toHtml()).toBe('<input type="date" name="d" value="2026-03-01" required id="id_d">');
    expect(form.get('t').toHtml()).toBe('<input type="time" name="t" required id="id_t">');
    expect(form.get('at').toHtml()).toBe('<input type="datetime-local" name="at" value="2026-07-01T12:00:00" required id="id_at">');
    expect(form.get('split').toHtml()).toBe(
      '<input type="date" name="split_0" value="2026-07-01" required id="id_split_0"><input type="time" name="split_1" value="10:00:00" required id="id_split_1">',
    );
    expect(form.get('ok').toHtml()).toContain('<option value="true" selected>Yes</option>');
  });

  it('shows the current file with a clear checkbox, and never a file input value', () => {
    class F extends Form.define({ doc: forms.file({ required: false, widget: ClearableFileInput }) }) {}
    const html = new F({ initial: { doc: { name: 'cv.pdf', url: '/media/cv.pdf' } } }).get('doc').toHtml();
    expect(html).toBe(
      'Currently: <a href="/media/cv.pdf">cv.pdf</a>\n<input type="checkbox" name="doc-clear" id="doc-clear_id">\n<label for="doc-clear_id">Clear</label><br>\nChange: <input type="file" name="doc" id="id_doc">',
    );
  });
});

describe('forms in templates', () => {
  const engine = createTemplateEngine({ autoescape: true });

  it('prints the whole form, escaped once, when a template outputs it', async () => {
    const form = new ContactForm({ data: { subject: '<script>', email: 'x' } });
    await form.isValid();
    const html = await engine.renderString('<form method="post"><%= it.form %></form>', { form });
    expect(html).toBe(`<form method="post">${form.toHtml()}</form>`);
    expect(html).toContain('value="&lt;script&gt;"');
    expect(html).not.toContain('<script>');
  });

  it('renders a form with a project template that loops over its fields, as Django’s form templates do', async () => {
    const form = new ContactForm({ data: { subject: 'Hi', email: 'bad' } });
    await form.isValid();
    const template = [
      '<%= it.form.nonFieldErrors() %>',
      '<% for (const field of it.form.visibleFields()) { %><p class="<%= field.cssClasses(\'row\') %>"><%= field.labelTag() %><%= field %><%= field.errors %></p><% } %>',
      '<% for (const field of it.form.hiddenFields()) { %><%= field %><% } %>',
    ].join('');
    const html = await engine.renderString(template, { form });
    expect(html).toContain(
      '<p class="row"><label for="id_email">Your email:</label><input type="email" name="email" value="bad" required aria-invalid="true" id="id_email"><ul class="errorlist"><li>Enter a valid email address.</li></ul></p>',
    );
    expect(html).toContain('<input type="hidden" name="secret" id="id_secret">');
  });

  it('prints one field, its label and its errors for manual layouts', async () => {
    const form = new ContactForm({ data: { subject: '', email: 'x' } });
    await form.isValid();
    const html = await engine.renderString("<%= it.form.get('email').labelTag() %><%= it.form.get('email') %><%= it.form.get('email').errors %>", { form });
    expect(html).toBe(
      '<label for="id_email">Your email:</label><input type="email" name="email" value="x" required aria-invalid="true" id="id_email"><ul class="errorlist"><li>Enter a valid email address.</li></ul>',
    );
  });
});
