/** Rendering through template files: the built-in files match the fast functions, and a project's files override them. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTemplateEngine } from '@manouche/templates';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CheckboxInput,
  CheckboxSelectMultiple,
  FileInput,
  Form,
  FormRenderer,
  formRendererFromSettings,
  formsetFactory,
  forms,
  HiddenInput,
  MultiWidget,
  PasswordInput,
  RadioSelect,
  SelectDateWidget,
  TemplatesSetting,
  Textarea,
  TextInput,
  ValidationError,
  Widget,
  type LayoutName,
} from '../src/index.js';

/** Whitespace between tags is not significant to the browser; compare without it. */
const squash = (html: string) => html.replace(/\s+/g, ' ').replace(/> </g, '><').replace(/ >/g, '>').trim();

class ProfileForm extends Form.define({
  name: forms.char({ maxLength: 20, helpText: 'Your <full> name & "title"' }),
  email: forms.email({ label: 'E-mail' }),
  password: forms.char({ widget: PasswordInput }),
  bio: forms.char({ widget: Textarea, required: false }),
  newsletter: forms.boolean({ required: false, widget: CheckboxInput }),
  colour: forms.choice({
    choices: [
      ['r', 'Red'],
      ['g', 'Green'],
    ],
    widget: RadioSelect,
  }),
  age: forms.integer({ minValue: 0 }),
  size: forms.choice({
    choices: [
      ['', '---'],
      [
        'Small',
        [
          ['s', 'S <small>'],
          ['xs', 'XS'],
        ],
      ],
      ['l', 'Large'],
    ],
  }),
  tags: forms.multipleChoice({
    choices: [
      ['a', 'A'],
      ['b', 'B'],
    ],
    required: false,
  }),
  answer: forms.nullBoolean(),
  perks: forms.multipleChoice({
    choices: [
      ['p', 'Parking'],
      [
        'Food',
        [
          ['l', 'Lunch & "tea"'],
          ['d', 'Dinner'],
        ],
      ],
    ],
    widget: CheckboxSelectMultiple,
    required: false,
  }),
  token: forms.char({ widget: HiddenInput }),
}) {
  override errorCssClass = 'error';
  override requiredCssClass = 'required';
}

const hostile = {
  name: '<script>alert(1)</script>',
  email: 'not an email"><b>',
  password: 'hunter2',
  bio: '</textarea><img src=x onerror=alert(1)>',
  newsletter: 'on',
  colour: 'x"y',
  age: '-1',
  size: 'xs"',
  tags: ['b', '<a>'],
  answer: 'true',
  perks: ['l', 'd', '"><x>'],
};

describe('the built-in template files', () => {
  const layouts: LayoutName[] = ['div', 'p', 'ul', 'table'];

  it.each(layouts)('render the %s layout as the built-in functions do, unbound and with errors', async (layout) => {
    const files = new TemplatesSetting();
    const unbound = [new ProfileForm(), new ProfileForm({ renderer: files })];
    expect(squash(unbound[1]!.render(layout).toString())).toBe(squash(unbound[0]!.render(layout).toString()));

    const bound = [new ProfileForm({ data: hostile }), new ProfileForm({ data: hostile, renderer: files })];
    await Promise.all(bound.map((form) => form.isValid()));
    const fromFiles = bound[1]!.render(layout).toString();
    expect(squash(fromFiles)).toBe(squash(bound[0]!.render(layout).toString()));
    expect(fromFiles).toContain('(Hidden field token) This field is required.');
    expect(fromFiles).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(fromFiles).not.toContain('<script>');
    expect(fromFiles).not.toContain('hunter2');
    expect(fromFiles).not.toContain('<img');
  });

  it('let functions given to the renderer win over the files', () => {
    class One extends Form.define({ a: forms.char() }) {}
    const renderer = new TemplatesSetting({ field: (field) => `<i>${field.name}</i>`, templates: { p: (ctx) => `p:${ctx.fields.length}` } });
    expect(new One({ renderer }).toHtml()).toBe('<div>\n<i>a</i>\n</div>');
    expect(new One({ renderer }).asP().toString()).toBe('p:1');
  });

  it('render file inputs, the clearable one with its current file, as the built-in functions do', async () => {
    class Upload extends Form.define({
      cv: forms.file({ required: false }),
      photo: forms.file(),
      scans: forms.file({ required: false, widget: new FileInput({ allowMultipleSelected: true }) }),
    }) {}
    const initial = { cv: { name: 'cv <1>.pdf', url: '/media/cv%201.pdf?a=1&b="2"' }, photo: { name: 'me.png' } };
    const pair = [new Upload({ initial }), new Upload({ initial, renderer: new TemplatesSetting() })];
    const fromFiles = pair[1]!.toHtml();
    expect(squash(fromFiles)).toBe(squash(pair[0]!.toHtml()));
    expect(fromFiles).toContain('<a href="/media/cv%201.pdf?a=1&amp;b=&quot;2&quot;">cv &lt;1&gt;.pdf</a>');
    expect(fromFiles).toContain('name="cv-clear" id="cv-clear_id"');
    expect(fromFiles).not.toContain('name="photo-clear"');
    expect(fromFiles).toContain('multiple');
    const empty = [new Upload(), new Upload({ renderer: new TemplatesSetting() })];
    expect(squash(empty[1]!.toHtml())).toBe(squash(empty[0]!.toHtml()));
  });

  it('render MultiWidget, SplitDateTimeWidget and SelectDateWidget as the built-in functions do, bound and unbound', async () => {
    class Code extends Widget {
      render(name: string) {
        return `<output name="${name}">code</output>`;
      }
    }
    class Pair extends MultiWidget {
      constructor() {
        super({ widgets: { '': TextInput, _code: Code } });
      }
      override decompress(value: unknown) {
        return typeof value === 'string' ? value.split('|') : [null, null];
      }
    }
    class Event extends Form.define({
      when: forms.splitDateTime({ timeZone: 'UTC' }),
      born: forms.date({ widget: new SelectDateWidget({ years: [1910, 1911], emptyLabel: ['Year', 'Month', 'Day'] }), required: false }),
      pair: forms.char({ widget: Pair, required: false }),
    }) {}
    const initial = { when: new Date('1910-01-23T08:30:00Z'), born: '1910-01-23', pair: 'a"b|x' };
    const data = { when_0: '1910-01-23', when_1: '<b>', born_year: '1911', born_month: '2', born_day: '31', pair: '<i>' };
    for (const options of [{ initial }, { data }]) {
      const pair = [new Event(options), new Event({ ...options, renderer: new TemplatesSetting() })];
      await Promise.all(pair.map((form) => form.isValid()));
      const fromFiles = pair[1]!.toHtml();
      expect(squash(fromFiles)).toBe(squash(pair[0]!.toHtml()));
      expect(fromFiles).toContain('<output name="pair_code">code</output>');
      expect(fromFiles).not.toContain('<b>');
      expect(fromFiles).not.toContain('<i>');
    }
  });

  it('render formsets through django/forms/formsets/*.html as the built-in functions do', async () => {
    class Choice extends Form.define({ text: forms.char({ maxLength: 20 }) }) {}
    const ChoiceFormSet = formsetFactory(Choice, { extra: 2, canDelete: true });
    const data = { 'form-TOTAL_FORMS': '2', 'form-INITIAL_FORMS': '0', 'form-0-text': '<b>Yes</b>', 'form-1-text': '' };
    for (const options of [{}, { data }]) {
      const pair = [new ChoiceFormSet(options), new ChoiceFormSet({ ...options, renderer: new TemplatesSetting() })];
      await Promise.all(pair.map((formset) => formset.isValid()));
      for (const layout of ['div', 'p', 'ul', 'table'] as const) {
        expect(squash(pair[1]!.render(layout).toString())).toBe(squash(pair[0]!.render(layout).toString()));
      }
      expect(pair[1]!.render('div').toString()).not.toContain('<b>');
    }
  });

  it('render a form of hidden fields only, with and without errors', async () => {
    class Hidden extends Form.define({ next: forms.char({ widget: HiddenInput }) }) {}
    for (const data of [undefined, {}]) {
      const forms = [new Hidden({ data }), new Hidden({ data, renderer: new TemplatesSetting() })];
      await Promise.all(forms.map((form) => form.isValid()));
      for (const layout of ['div', 'p', 'ul', 'table']) expect(squash(forms[1]!.render(layout).toString())).toBe(squash(forms[0]!.render(layout).toString()));
    }
  });
});

describe('a project overriding template files', () => {
  let dir: string;
  const write = (name: string, source: string) => {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, source);
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'manouche-forms-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("renders the project's django/forms/div.html instead of the built-in layout, and keeps the others", () => {
    write('django/forms/div.html', '<% for (const [field] of it.fields) { %><section><%= field.label %>|<%= field %></section><% } %>');
    const renderer = new FormRenderer({ dirs: [dir] });
    const form = new ProfileForm({ renderer, initial: { name: '<b>Ann</b>' } });
    const html = form.toHtml();
    expect(html).toContain('<section>Name|<input type="text" name="name" value="&lt;b&gt;Ann&lt;/b&gt;" maxlength="20"');
    expect(html.startsWith('<section>Name|')).toBe(true);
    expect(form.asP().toString()).toContain('<p class="required">');
  });

  it("uses the project's field template for asFieldGroup() and a widget template for that widget only", () => {
    write('django/forms/field.html', '<span class="group"><%= it.field.label %>: <%= it.field.asWidget() %></span>');
    write('django/forms/widgets/text.html', `<span class="text-input"><% include('django/forms/widgets/input.html', it) %></span>`);
    const renderer = new FormRenderer({ dirs: [dir] });
    const form = new ProfileForm({ renderer, data: { name: '"><script>x</script>' } });
    const html = form.toHtml();
    expect(html).toContain(
      '<span class="group">Name: <span class="text-input"><input type="text" name="name" value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;" maxlength="20" required aria-describedby="id_name_helptext" id="id_name"></span></span>',
    );
    expect(html).toContain('<span class="group">E-mail: <input type="email" name="email" required id="id_email"></span>');
  });

  it("prints every error list of the form through the project's errors/list/ul.html, messages escaped", async () => {
    write(
      'django/forms/errors/list/ul.html',
      '<ol class="<%= it.errorClass %> mine"><% for (const e of it.errors) { %><li data-code="<%= e.code %>"><%= e.message %></li><% } %></ol>',
    );
    class Pick extends Form.define({ n: forms.integer({ errorMessages: { invalid: '<b>Not</b> a number' } }), t: forms.char({ widget: HiddenInput }) }) {
      override clean() {
        throw new ValidationError('Form-wide <problem>', { code: 'wide' });
      }
    }
    const form = new Pick({ data: { n: 'x' }, renderer: new FormRenderer({ dirs: [dir] }) });
    await form.isValid();
    const html = form.toHtml();
    expect(html).toContain(
      '<ol class="errorlist nonfield mine"><li data-code="wide">Form-wide &lt;problem&gt;</li><li data-code="required">(Hidden field t) This field is required.</li></ol>',
    );
    expect(html).toContain('<ol class="errorlist mine"><li data-code="invalid">&lt;b&gt;Not&lt;/b&gt; a number</li></ol>');
    expect(form.errors.get('n')!.toString()).toBe('<ol class="errorlist mine"><li data-code="invalid">&lt;b&gt;Not&lt;/b&gt; a number</li></ol>');
    expect(html).not.toContain('<ul class="errorlist');
  });

  it('renders a custom widget from its own templateName, with the widget context', () => {
    write(
      'widgets/stars.html',
      '<span class="stars" data-name="<%= it.widget.name %>" data-value="<%= it.widget.value %>"<% include(\'django/forms/widgets/attrs.html\', it) %>></span>',
    );
    class Stars extends TextInput {
      override templateName = 'widgets/stars.html';
    }
    class Review extends Form.define({ rating: forms.integer({ widget: Stars, maxValue: 5 }) }) {}
    const html = new Review({ data: { rating: '"9"' }, renderer: new FormRenderer({ dirs: [dir] }) }).get('rating').toString();
    expect(html).toBe('<span class="stars" data-name="rating" data-value="&quot;9&quot;" required id="id_rating"></span>');
    // Without the file (no project folder), the widget's own HTML.
    expect(new Review().get('rating').toString()).toBe('<input type="text" name="rating" required id="id_rating">');
  });

  it("renders selects through the project's select.html with the option groups, labels escaped", () => {
    write(
      'django/forms/widgets/select.html',
      '<menu data-name="<%= it.widget.name %>"><% for (const [group, options] of it.widget.optgroups) { %><% for (const o of options) { %><li data-group="<%= group ?? \'\' %>"<% if (o.selected) { %> class="on"<% } %>><%= o.label %></li><% } %><% } %></menu>',
    );
    const html = new ProfileForm({ renderer: new FormRenderer({ dirs: [dir] }), initial: { size: 'xs' } }).get('size').toString();
    expect(html).toBe(
      '<menu data-name="size"><li data-group="">---</li><li data-group="Small">S &lt;small&gt;</li><li data-group="Small" class="on">XS</li><li data-group="">Large</li></menu>',
    );
  });

  it('renders a form whose templateName is a file of its own, with static() from the globals', () => {
    write('blog/comment_form.html', `<link href="<%= static('forms.css') %>"><% for (const field of it.form) { %><%= field.asFieldGroup() %><% } %>`);
    class CommentForm extends Form.define({ body: forms.char() }) {
      override templateName = 'blog/comment_form.html';
    }
    const form = new CommentForm({ renderer: new FormRenderer({ dirs: [dir], globals: { static: (file: string) => `/assets/${file}` } }) });
    expect(form.toHtml()).toBe('<link href="/assets/forms.css"><label for="id_body">Body:</label>\n<input type="text" name="body" required id="id_body">');
  });

  it('says which files it looked for when a form names a template that does not exist', () => {
    class Broken extends Form.define({ body: forms.char() }) {
      override templateNameDiv = 'missing/form.html';
    }
    expect(() => new Broken({ renderer: new FormRenderer({ dirs: [dir] }) }).toHtml()).toThrow(/missing\/form\.html/);
  });

  it('picks up an edited override on the next render in debug mode', () => {
    const renderer = new FormRenderer({ dirs: [dir], debug: true });
    class One extends Form.define({ a: forms.char() }) {}
    expect(new One({ renderer }).toHtml()).toContain('<div>');
    write('django/forms/div.html', 'custom <%= it.fields.length %>');
    expect(new One({ renderer }).toHtml()).toBe('custom 1');
  });

  it('prints the overridden form inside a page template unescaped once, with user values escaped', async () => {
    write('django/forms/div.html', '<% for (const [field] of it.fields) { %><em><%= field %></em><% } %>');
    class One extends Form.define({ q: forms.char() }) {}
    const engine = createTemplateEngine({ dirs: [dir] });
    const page = await engine.renderString('<form><%= it.form %></form>', {
      form: new One({ data: { q: '<i>' }, renderer: new FormRenderer({ dirs: [dir] }) }),
    });
    expect(page).toBe('<form><em><input type="text" name="q" value="&lt;i&gt;" required id="id_q"></em></form>');
  });
});

describe('FORM_RENDERER', () => {
  it("builds Django's two renderers by name, in Manouche's and Django's spelling", () => {
    expect(formRendererFromSettings('manouche.forms.renderers.DjangoTemplates', { dirs: ['x'] })).toBeInstanceOf(FormRenderer);
    expect(formRendererFromSettings('manouche.forms.renderers.DjangoTemplates')).not.toBeInstanceOf(TemplatesSetting);
    expect(formRendererFromSettings('django.forms.renderers.TemplatesSetting').dirs).toEqual([]);
    expect(formRendererFromSettings('django.forms.renderers.TemplatesSetting')).toBeInstanceOf(TemplatesSetting);
  });

  it('names the accepted values for an unknown renderer', () => {
    expect(() => formRendererFromSettings('django.forms.renderers.Jinja2')).toThrow(
      'Unknown FORM_RENDERER "django.forms.renderers.Jinja2": expected one of manouche.forms.renderers.DjangoTemplates, manouche.forms.renderers.TemplatesSetting, django.forms.renderers.DjangoTemplates, django.forms.renderers.TemplatesSetting.',
    );
  });
});
