import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FormRenderer, ModelForm, TemplatesSetting } from '@manouche/forms';
import { fields, Model, registerModels } from '@manouche/orm';
import { opsPerSecond } from '../lib/measure.js';
import type { BenchReport } from '../lib/report.js';

// A 10-field ModelForm (text, email, slug, choices, integer, decimal, boolean, date, date-time,
// URL): rendering it unbound, validating good data, and validating bad data then re-rendering it
// with the errors — what a create page does per request. No database is touched (no unique
// fields), so the numbers measure the forms machinery. Django's side is the same form in
// baselines/django-forms/bench_forms.py, run when BENCH_PYTHON (/usr/bin/python3) can import django
// (Debian's python3-django); otherwise its rows are left out with the reason.

const here = path.dirname(fileURLToPath(import.meta.url));
const python = process.env.BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

interface DjangoForms {
  django: string;
  render: number;
  validate: number;
  invalid_and_render: number;
}

/** Django's numbers, or the reason there are none. */
function runDjango(): DjangoForms | string {
  const script = path.join(here, '..', 'baselines', 'django-forms', 'bench_forms.py');
  const run = spawnSync(python, [script, '2'], { encoding: 'utf8' });
  if (run.status !== 0)
    return `${python} could not run ${path.basename(script)} (install Django with: apt-get install -y python3-django): ${(run.stderr || run.error?.message || '').trim().split('\n').pop()}`;
  return JSON.parse(run.stdout) as DjangoForms;
}

class Profile extends Model.define({
  name: fields.char({ maxLength: 100 }),
  email: fields.email({ maxLength: 254 }),
  slug: fields.slug({ maxLength: 50 }),
  kind: fields.char({
    maxLength: 2,
    choices: [
      ['pe', 'Person'],
      ['co', 'Company'],
      ['ng', 'Non-profit'],
    ],
    default: 'pe',
  }),
  age: fields.positiveSmallInteger(),
  balance: fields.decimal({ maxDigits: 10, decimalPlaces: 2 }),
  active: fields.boolean({ default: true }),
  birthday: fields.date({ null: true, blank: true }),
  joined: fields.dateTime(),
  website: fields.url({ blank: true }),
}) {}
registerModels('benchforms', { Profile });

class ProfileForm extends ModelForm.define(Profile, { fields: '__all__' }) {}

const good = {
  name: 'Django Reinhardt',
  email: 'django@example.com',
  slug: 'django',
  kind: 'pe',
  age: '43',
  balance: '1234.50',
  active: 'on',
  birthday: '1910-01-23',
  joined: '2026-01-02 10:30',
  website: 'https://example.com/',
};
const bad = { ...good, email: 'not-an-email', slug: 'not a slug', age: '-1', balance: '12.345', birthday: '1910-02-30', kind: 'zz' };

export default async function formsBench(): Promise<BenchReport> {
  // Correctness first: the measured paths do what they claim.
  const check = new ProfileForm({ data: good });
  if (!(await check.isValid())) throw new Error(`the good data does not validate: ${check.errors.asText()}`);
  const invalid = new ProfileForm({ data: bad });
  if ((await invalid.isValid()) || invalid.errors.size !== 6) throw new Error(`the bad data should give 6 errors, got ${invalid.errors.asText()}`);

  const render = await opsPerSecond(() => new ProfileForm().toHtml());
  // The renderers a project gets from FORM_RENDERER: the default one over a template folder without
  // overrides (what setup() installs), and TemplatesSetting (every form and field from template
  // files). TemplatesSetting runs last: until then the call sites see one renderer class, as in a project.
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-forms-'));
  const withFolder = new FormRenderer({ dirs: [folder] });
  const renderWithFolder = await opsPerSecond(() => new ProfileForm({ renderer: withFolder }).toHtml());
  const validate = await opsPerSecond(async () => {
    const form = new ProfileForm({ data: good });
    await form.isValid();
    return form.cleanedData;
  });
  const both = await opsPerSecond(async () => {
    const form = new ProfileForm({ data: bad });
    await form.isValid();
    return form.toHtml();
  });
  const fromFiles = new TemplatesSetting({ dirs: [folder] });
  if (new ProfileForm({ renderer: fromFiles }).toHtml().replace(/\s+/g, '') !== new ProfileForm().toHtml().replace(/\s+/g, ''))
    throw new Error('TemplatesSetting renders different HTML from the built-in layouts');
  const renderFromFiles = await opsPerSecond(() => new ProfileForm({ renderer: fromFiles }).toHtml());
  rmSync(folder, { recursive: true, force: true });
  const django = runDjango();
  const rows = [
    { case: 'Manouche: render unbound', value: Math.round(render), unit: 'forms/s' },
    { case: 'Manouche: render unbound, default renderer over a template folder', value: Math.round(renderWithFolder), unit: 'forms/s' },
    { case: 'Manouche: render unbound, TemplatesSetting (template files)', value: Math.round(renderFromFiles), unit: 'forms/s' },
    { case: 'Manouche: validate good data', value: Math.round(validate), unit: 'forms/s' },
    { case: 'Manouche: validate bad data + render errors', value: Math.round(both), unit: 'forms/s' },
  ];
  let summary: string;
  if (typeof django === 'string') {
    summary = `A 10-field ModelForm renders ${Math.round(render)}/s and validates ${Math.round(validate)}/s; Django not measured: ${django}.`;
  } else {
    rows.push(
      { case: `Django ${django.django}: render unbound (as_div)`, value: Math.round(django.render), unit: 'forms/s' },
      { case: `Django ${django.django}: validate good data`, value: Math.round(django.validate), unit: 'forms/s' },
      { case: `Django ${django.django}: validate bad data + render errors`, value: Math.round(django.invalid_and_render), unit: 'forms/s' },
    );
    const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
    summary = `Against Django ${django.django} on the same machine: render ${ratio(render, django.render)}, validate ${ratio(validate, django.validate)}, bad data + errors ${ratio(both, django.invalid_and_render)}.`;
  }
  return {
    id: 'forms',
    title: 'Forms: a 10-field ModelForm',
    description:
      'Operations per second in one process each: render the unbound form (Django 5 div layout), bind and validate good data, bind and validate bad data then render it with its 6 errors.',
    rows,
    summary,
    aim: 'at least 5x Django',
  };
}
