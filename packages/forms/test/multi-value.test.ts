/** Field order, TypedMultipleChoiceField, MultiValueField/MultiWidget, SplitDateTimeField and SelectDateWidget. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CheckboxSelectMultiple, Form, forms, MultiWidget, SelectDateWidget, SplitDateTimeWidget, TextInput, ValidationError } from '../src/index.js';

describe('fieldOrder', () => {
  class Signup extends Form.define({ username: forms.char(), email: forms.email(), password: forms.char(), age: forms.integer() }) {
    static override fieldOrder = ['password', 'nope', 'email'];
  }

  it('puts the listed fields first, ignores unknown names and keeps the rest in declared order', () => {
    expect(Object.keys(new Signup().fields)).toEqual(['password', 'email', 'username', 'age']);
    expect(new Signup().visibleFields().map((f) => f.name)).toEqual(['password', 'email', 'username', 'age']);
  });

  it('takes an order per instance, and null keeps the declared order', () => {
    expect(Object.keys(new Signup({ fieldOrder: ['age'] }).fields)).toEqual(['age', 'username', 'email', 'password']);
    expect(Object.keys(new Signup({ fieldOrder: null }).fields)).toEqual(['username', 'email', 'password', 'age']);
  });
});

describe('typedMultipleChoice', () => {
  class Pick extends Form.define({
    ids: forms.typedMultipleChoice({
      choices: [
        ['1', 'One'],
        ['2', 'Two'],
        ['x', 'Ex'],
      ],
      coerce: (v) => {
        const n = Number(v);
        if (!Number.isInteger(n)) throw new Error('not a number');
        return n;
      },
    }),
    tags: forms.typedMultipleChoice({ choices: [['a', 'A']], coerce: (v) => v.toUpperCase(), required: false, emptyValue: null }),
  }) {}

  it('coerces every chosen value', async () => {
    const form = new Pick({ data: { ids: ['2', '1'] } });
    expect(await form.isValid()).toBe(true);
    expect(form.cleanedData).toEqual({ ids: [2, 1], tags: null });
    expectTypeOf(form.cleanedData.ids).toEqualTypeOf<number[]>();
    expectTypeOf(form.cleanedData.tags).toEqualTypeOf<string[] | null>();
  });

  it('rejects a value coerce throws on, or one outside the choices, naming it', async () => {
    const form = new Pick({ data: { ids: ['x'], tags: ['<b>'] } });
    expect(await form.isValid()).toBe(false);
    expect(form.errors.asData()).toEqual({
      ids: [{ message: 'Select a valid choice. x is not one of the available choices.', code: 'invalid_choice' }],
      tags: [{ message: 'Select a valid choice. <b> is not one of the available choices.', code: 'invalid_choice' }],
    });
    expect(form.toHtml()).toContain('&lt;b&gt; is not one of the available choices.');
  });

  it('requires a selection when required', async () => {
    const form = new Pick({ data: {} });
    expect(await form.isValid()).toBe(false);
    expect(form.errors.get('ids')?.messages).toEqual(['This field is required.']);
  });
});

class PhoneWidget extends MultiWidget {
  constructor() {
    super({ widgets: { _area: new TextInput({ attrs: { size: '3' } }), _number: TextInput } });
  }
  override decompress(value: unknown): unknown[] {
    return typeof value === 'string' ? value.split('-') : [null, null];
  }
}

describe('MultiValueField with a MultiWidget', () => {
  class Contact extends Form.define({
    phone: forms.multiValue({
      fields: [forms.regex({ regex: /^\d{3}$/ }), forms.regex({ regex: /^\d{4}$/, errorMessages: { invalid: 'Four digits.' } })],
      widget: PhoneWidget,
      compress: (parts) => (parts.length ? parts.join('-') : null),
    }),
    extension: forms.multiValue({
      fields: [forms.char(), forms.char({ required: false })],
      widget: new MultiWidget({ widgets: [TextInput, TextInput] }),
      requireAllFields: false,
      required: false,
      compress: (parts) => parts.filter(Boolean).join('/') || null,
    }),
  }) {}

  it('renders one input per part, named with the suffixes, with ids _0/_1 and a fieldset legend', () => {
    const html = new Contact({ initial: { phone: '555-"1234' } }).toHtml();
    expect(html).toContain(
      '<input type="text" name="phone_area" value="555" size="3" required id="id_phone_0"><input type="text" name="phone_number" value="&quot;1234" required id="id_phone_1">',
    );
    expect(html).toContain('<fieldset>\n<legend>Phone:</legend>');
  });

  it('cleans each part with its field and compresses them', async () => {
    const form = new Contact({ data: { phone_area: '555', phone_number: '1234', extension_0: 'a', extension_1: '' } });
    expect(await form.isValid()).toBe(true);
    expect(form.cleanedData).toEqual({ phone: '555-1234', extension: 'a' });
    expectTypeOf(form.cleanedData.phone).toEqualTypeOf<string | null>();
  });

  it("collects the parts' errors, and requires every part when requireAllFields", async () => {
    const bad = new Contact({ data: { phone_area: '55', phone_number: 'x', extension_0: '', extension_1: 'b' } });
    expect(await bad.isValid()).toBe(false);
    expect(bad.errors.get('phone')?.messages).toEqual(['Enter a valid value.', 'Four digits.']);
    expect(bad.errors.get('extension')?.asData()).toEqual([{ message: 'Enter a complete value.', code: 'incomplete' }]);

    const half = new Contact({ data: { phone_area: '555', phone_number: '' } });
    expect(await half.isValid()).toBe(false);
    expect(half.errors.get('phone')?.messages).toEqual(['This field is required.']);
    expect(half.toHtml()).toContain('value="555"');
  });

  it('reports a change only when a part differs from the initial value', () => {
    const same = new Contact({ initial: { phone: '555-1234' }, data: { phone_area: '555', phone_number: '1234' } });
    expect(same.changedData).toEqual([]);
    const changed = new Contact({ initial: { phone: '555-1234' }, data: { phone_area: '555', phone_number: '9999' } });
    expect(changed.changedData).toEqual(['phone']);
  });

  it('says to implement decompress() when a MultiWidget gets a single value', () => {
    const widget = new MultiWidget({ widgets: [TextInput, TextInput] });
    expect(() => widget.render('x', 'a-b')).toThrow(/decompress\(\) is not implemented/);
  });
});

describe('splitDateTime', () => {
  class Meeting extends Form.define({
    at: forms.splitDateTime({ timeZone: 'Europe/Paris' }),
    until: forms.splitDateTime({ required: false }),
  }) {}

  it('renders a date input and a time input showing the initial Date in the field zone', () => {
    const html = new Meeting({ initial: { at: new Date('2026-07-01T08:30:00Z') } }).toHtml();
    expect(html).toContain(
      '<input type="date" name="at_0" value="2026-07-01" required id="id_at_0"><input type="time" name="at_1" value="10:30:00" required id="id_at_1">',
    );
  });

  it('cleans the two parts into one Date at that wall-clock time in the zone', async () => {
    const form = new Meeting({ data: { at_0: '2026-07-01', at_1: '10:30', until_0: '', until_1: '' } });
    expect(await form.isValid()).toBe(true);
    expect(form.cleanedData.at.toISOString()).toBe('2026-07-01T08:30:00.000Z');
    expect(form.cleanedData.until).toBeNull();
    expectTypeOf(form.cleanedData.until).toEqualTypeOf<Date | null>();
  });

  it("gives Django's messages for a bad date, a bad time and a missing part", async () => {
    const form = new Meeting({ data: { at_0: '2026-02-30', at_1: '25:00', until_0: '2026-01-01', until_1: '' } });
    expect(await form.isValid()).toBe(false);
    expect(form.errors.asData()).toEqual({
      at: [
        { message: 'Enter a valid date.', code: 'invalid' },
        { message: 'Enter a valid time.', code: 'invalid' },
      ],
      until: [{ message: 'Enter a valid time.', code: 'invalid_time' }],
    });
  });

  it('sees an unchanged Date as unchanged', () => {
    const initial = { at: new Date('2026-07-01T08:30:00Z') };
    expect(new Meeting({ initial, data: { at_0: '2026-07-01', at_1: '10:30:00' } }).changedData).toEqual([]);
    expect(new Meeting({ initial, data: { at_0: '2026-07-01', at_1: '10:31' } }).changedData).toEqual(['at']);
  });

  it('still reads the widget on its own as [date, time]', () => {
    const widget = new SplitDateTimeWidget({ dateAttrs: { class: 'd' } });
    expect(widget.render('w', ['2026-01-02', '03:04'], { id: 'id_w' })).toBe(
      '<input type="date" name="w_0" value="2026-01-02" class="d" id="id_w_0"><input type="time" name="w_1" value="03:04" id="id_w_1">',
    );
    expect(widget.valueFromDatadict(new URLSearchParams('w_0=a&w_1=b') as never, new URLSearchParams() as never, 'w')).toEqual(['a', 'b']);
  });
});

describe('SelectDateWidget', () => {
  class Birthday extends Form.define({
    born: forms.date({ widget: new SelectDateWidget({ years: [2000, 2001] }) }),
    wed: forms.date({ required: false, widget: new SelectDateWidget({ years: [2030], emptyLabel: ['Year', 'Month', 'Day'], months: { 1: 'Jan', 2: 'Feb' } }) }),
  }) {}

  it('renders month, day and year selects with the initial date selected and no empty choice when required', () => {
    const html = new Birthday({ initial: { born: '2001-02-03' } }).toHtml();
    expect(html).toContain('<fieldset>\n<legend>Born:</legend>\n<select name="born_month"');
    expect(new Birthday().get('born').idForLabel).toBe('id_born_month');
    expect(html).toContain(
      '<select name="born_month" required id="id_born_month">\n  <option value="1">January</option>\n  <option value="2" selected>February</option>',
    );
    expect(html).toContain('<option value="3" selected>3</option>');
    expect(html).toContain('<option value="31">31</option>');
    expect(html).toContain(
      '<select name="born_year" required id="id_born_year">\n  <option value="2000">2000</option>\n  <option value="2001" selected>2001</option>\n</select>',
    );
    expect(html).not.toContain('name="born_month" required id="id_born_month">\n  <option value=""');
  });

  it('offers the empty labels for an optional field', () => {
    const html = new Birthday().toHtml();
    expect(html).toContain(
      '<select name="wed_month" id="id_wed_month">\n  <option value="" selected>Month</option>\n  <option value="1">Jan</option>\n  <option value="2">Feb</option>\n</select>',
    );
    expect(html).toContain('<option value="" selected>Day</option>');
    expect(html).toContain('<option value="" selected>Year</option>\n  <option value="2030">2030</option>');
  });

  it('cleans the three selects into a date, and an all-empty optional one into null', async () => {
    const form = new Birthday({ data: { born_year: '2000', born_month: '2', born_day: '29', wed_year: '', wed_month: '', wed_day: '' } });
    expect(await form.isValid()).toBe(true);
    expect(form.cleanedData).toEqual({ born: '2000-02-29', wed: null });
  });

  it('rejects an impossible or partly chosen date and shows the choice again', async () => {
    const form = new Birthday({ data: { born_year: '2001', born_month: '2', born_day: '29', wed_year: '2030', wed_month: '', wed_day: '5' } });
    expect(await form.isValid()).toBe(false);
    expect(form.errors.asData()).toEqual({
      born: [{ message: 'Enter a valid date.', code: 'invalid' }],
      wed: [{ message: 'Enter a valid date.', code: 'invalid' }],
    });
    const html = form.toHtml();
    expect(html).toContain('<option value="29" selected>29</option>');
    expect(html).toContain('<option value="5" selected>5</option>');
  });

  it("reads Django's pseudo-ISO value for hostile input and never echoes it unescaped", async () => {
    const widget = new SelectDateWidget();
    const data = new URLSearchParams({ d_year: '"><x>', d_month: '1', d_day: '1' });
    expect(widget.valueFromDatadict(data as never, new URLSearchParams() as never, 'd')).toBe('"><x>-1-1');
    expect(widget.valueOmittedFromData(new URLSearchParams() as never, new URLSearchParams() as never, 'd')).toBe(true);
    class One extends Form.define({ d: forms.date({ widget: SelectDateWidget }) }) {}
    const form = new One({ data: { d_year: '"><x>', d_month: '1', d_day: '1' } });
    expect(await form.isValid()).toBe(false);
    expect(form.toHtml()).not.toContain('<x>');
  });
});

describe('MultipleChoiceField stays as it was', () => {
  it('still renders checkboxes', () => {
    class F extends Form.define({ c: forms.multipleChoice({ choices: [['a', 'A']], widget: CheckboxSelectMultiple }) }) {}
    expect(new F().toHtml()).toContain('type="checkbox"');
    expect(ValidationError).toBeDefined();
  });
});
