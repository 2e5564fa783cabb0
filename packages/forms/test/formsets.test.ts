/** Formsets: the management form, extra/min/max, delete and order, and forged counts. */
import { describe, expect, it } from 'vitest';
import { Form, formsetFactory, forms } from '../src/index.js';

class ArticleForm extends Form.define({ title: forms.char(), pubDate: forms.date({ required: false }) }) {}

const management = (total: number | string, initial: number | string = 0, prefix = 'form') => ({
  [`${prefix}-TOTAL_FORMS`]: String(total),
  [`${prefix}-INITIAL_FORMS`]: String(initial),
});

describe('an unbound formset', () => {
  it('renders the management form and initial plus extra forms', () => {
    const FormSet = formsetFactory(ArticleForm, { extra: 2 });
    const formset = new FormSet({ initial: [{ title: 'First' }] });
    expect(formset.forms).toHaveLength(3);
    const html = formset.toHtml();
    expect(
      html.startsWith(
        '<input type="hidden" name="form-TOTAL_FORMS" value="3" id="id_form-TOTAL_FORMS"><input type="hidden" name="form-INITIAL_FORMS" value="1" id="id_form-INITIAL_FORMS"><input type="hidden" name="form-MIN_NUM_FORMS" value="0" id="id_form-MIN_NUM_FORMS"><input type="hidden" name="form-MAX_NUM_FORMS" value="1000" id="id_form-MAX_NUM_FORMS">',
      ),
    ).toBe(true);
    expect(html).toContain('<input type="text" name="form-0-title" value="First" id="id_form-0-title">');
    expect(html).toContain('<input type="text" name="form-2-title" id="id_form-2-title">');
    expect(formset.emptyForm.get('title').toHtml()).toBe('<input type="text" name="form-__prefix__-title" id="id_form-__prefix__-title">');
  });

  it('keeps within maxNum and reaches minNum', () => {
    expect(new (formsetFactory(ArticleForm, { extra: 5, maxNum: 2 }))().forms).toHaveLength(2);
    expect(new (formsetFactory(ArticleForm, { extra: 1, minNum: 3 }))().forms).toHaveLength(4);
    expect(() => formsetFactory(ArticleForm, { maxNum: 10, absoluteMax: 5 })).toThrow(
      "formsetFactory(ArticleForm): 'absoluteMax' (5) must be greater or equal to 'maxNum' (10).",
    );
  });
});

describe('a bound formset', () => {
  const FormSet = formsetFactory(ArticleForm, { extra: 1, canDelete: true, canOrder: true });

  it('validates each form, skips blank extra forms, and returns cleaned data', async () => {
    const formset = new FormSet({
      data: { ...management(3, 1), 'form-0-title': 'Kept', 'form-1-title': 'Added', 'form-1-pubDate': '2026-01-02', 'form-2-title': '' },
    });
    expect(await formset.isValid()).toBe(true);
    expect(formset.cleanedData).toEqual([
      { title: 'Kept', pubDate: null, ORDER: null, DELETE: false },
      { title: 'Added', pubDate: '2026-01-02', ORDER: null, DELETE: false },
      {},
    ]);
  });

  it('reports each form’s errors and ignores errors of forms marked for deletion', async () => {
    const formset = new FormSet({ data: { ...management(2, 2), 'form-0-title': '', 'form-0-DELETE': 'on', 'form-1-title': '', 'form-1-pubDate': 'bad' } });
    expect(await formset.isValid()).toBe(false);
    expect(formset.errors.map((e) => e.toObject())).toEqual([{ title: ['This field is required.'], pubDate: ['Enter a valid date.'] }]);
    expect(formset.deletedForms).toEqual([formset.forms[0]]);
    expect(formset.totalErrorCount()).toBe(2);
  });

  it('orders forms by the submitted ORDER', async () => {
    const formset = new FormSet({
      data: {
        ...management(3, 3),
        'form-0-title': 'A',
        'form-0-ORDER': '3',
        'form-1-title': 'B',
        'form-1-ORDER': '1',
        'form-2-title': 'C',
        'form-2-ORDER': '2',
      },
    });
    expect(await formset.isValid()).toBe(true);
    expect(formset.orderedForms.map((form) => form.cleanedData.title)).toEqual(['B', 'C', 'A']);
  });

  it('enforces minNum and maxNum when asked to', async () => {
    const Strict = formsetFactory(ArticleForm, { extra: 0, minNum: 2, maxNum: 2, validateMin: true, validateMax: true });
    const few = new Strict({ data: { ...management(1), 'form-0-title': 'Only' } });
    expect(await few.isValid()).toBe(false);
    expect(few.nonFormErrors().messages).toEqual(['Please submit at least 2 forms.']);
    const many = new Strict({ data: { ...management(3), 'form-0-title': 'a', 'form-1-title': 'b', 'form-2-title': 'c' } });
    expect(await many.isValid()).toBe(false);
    expect(many.nonFormErrors().messages).toEqual(['Please submit at most 2 forms.']);
    expect(String(many.nonFormErrors())).toBe('<ul class="errorlist nonform"><li>Please submit at most 2 forms.</li></ul>');
  });
});

describe('tampered management data', () => {
  const FormSet = formsetFactory(ArticleForm);

  it('is an error, not a crash, when the management form is missing or not a number', async () => {
    const missing = new FormSet({ data: { 'form-0-title': 'x' } });
    expect(await missing.isValid()).toBe(false);
    expect(missing.nonFormErrors().messages).toEqual([
      'ManagementForm data is missing or has been tampered with. Missing fields: form-TOTAL_FORMS, form-INITIAL_FORMS. You may need to file a bug report if the issue persists.',
    ]);
    const garbage = new FormSet({ data: management('lots', '1e9') });
    expect(await garbage.isValid()).toBe(false);
    expect(garbage.forms).toHaveLength(0);
  });

  it('builds at most absoluteMax forms for a forged TOTAL_FORMS, and says so', async () => {
    const formset = new FormSet({ data: { ...management('999999999'), 'form-0-title': 'x' } });
    expect(formset.totalFormCount()).toBe(2000);
    expect(await formset.isValid()).toBe(false);
    expect(formset.nonFormErrors().messages).toEqual(['Please submit at most 1000 forms.']);
    const negative = new FormSet({ data: management(-5, -5) });
    expect(negative.forms).toHaveLength(0);
    expect(await negative.isValid()).toBe(true);
  });
});
