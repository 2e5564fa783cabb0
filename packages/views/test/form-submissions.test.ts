/** Form submissions over real HTTP: every field's bad input re-rendered with its message, and file uploads (multipart) validated. */
import { Form, forms, SplitDateTimeWidget, type BaseForm } from '@manouche/forms';
import { path } from '@manouche/routing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormView } from '../src/index.js';
import { startSite, type Site } from './support/site.js';

class EverythingForm extends Form.define({
  char: forms.char({ maxLength: 5 }),
  email: forms.email(),
  url: forms.url(),
  slug: forms.slug(),
  regex: forms.regex({ regex: /^[A-Z]{3}$/ }),
  uuid: forms.uuid(),
  integer: forms.integer({ maxValue: 10 }),
  float: forms.float(),
  decimal: forms.decimal({ maxDigits: 4, decimalPlaces: 2 }),
  boolean: forms.boolean(),
  choice: forms.choice({ choices: [['a', 'A']] }),
  typed: forms.typedChoice({ choices: [['1', 'One']], coerce: Number }),
  multiple: forms.multipleChoice({ choices: [['a', 'A']] }),
  date: forms.date(),
  time: forms.time(),
  dateTime: forms.dateTime(),
  split: forms.dateTime({ widget: SplitDateTimeWidget }),
  duration: forms.duration(),
  json: forms.json(),
}) {}

class UploadForm extends Form.define({
  title: forms.char(),
  photo: forms.image(),
  attachment: forms.file({ maxSize: 10, required: false }),
}) {}

let uploaded: unknown;
class EverythingView extends FormView {
  override formClass = EverythingForm;
  override templateName = 'form-page.html';
  override successUrl = '/done/';
}
class UploadView extends FormView {
  override formClass = UploadForm;
  override templateName = 'form-page.html';
  override successUrl = '/done/';
  override async formValid(form: BaseForm) {
    const { title, photo } = (form as UploadForm).cleanedData;
    uploaded = { title, name: photo.name, image: photo.image };
    return super.formValid(form);
  }
}

const png = (w: number, h: number) => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, w);
  new DataView(b.buffer).setUint32(20, h);
  return b;
};

describe('form submissions over HTTP (SQLite)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('sqlite', [path('everything/', EverythingView.asView()), path('upload/', UploadView.asView())]);
  });
  afterAll(() => site?.close());

  it('re-renders every field’s bad input with its message', async () => {
    const bad: Record<string, string | string[]> = {
      char: 'toolong',
      email: 'x@',
      url: 'notaurl',
      slug: 'a b',
      regex: 'abc',
      uuid: 'nope',
      integer: '11',
      float: 'one',
      decimal: '1.234',
      choice: 'z',
      typed: '2',
      multiple: ['z'],
      date: '2026-02-30',
      time: '25:00',
      dateTime: 'soon',
      split_0: '2026-01-01',
      split_1: 'noon',
      duration: 'ages',
      json: '{bad',
    };
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(bad)) for (const item of [value].flat()) body.append(key, item);
    const response = await fetch(`${site.url}/everything/`, { method: 'POST', body });
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const message of [
      'Ensure this value has at most 5 characters (it has 7).',
      'Enter a valid email address.',
      'Enter a valid URL.',
      'Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.',
      'Enter a valid value.',
      'Enter a valid UUID.',
      'Ensure this value is less than or equal to 10.',
      'Enter a number.',
      'Ensure that there are no more than 2 decimal places.',
      'This field is required.',
      'Select a valid choice. z is not one of the available choices.',
      'Select a valid choice. 2 is not one of the available choices.',
      'Enter a valid date.',
      'Enter a valid time.',
      'Enter a valid date/time.',
      'Enter a valid duration.',
      'Enter a valid JSON.',
    ]) {
      expect(html, message).toContain(`<li>${message.replace(/&/g, '&amp;')}</li>`);
    }
    expect(html).toContain('value="toolong"');
    expect(html).toContain('{bad</textarea>');
    expect(html).toContain('<input type="time" name="split_1" value="noon"');
  });

  it('accepts an image by its content over multipart, with its dimensions', async () => {
    const body = new FormData();
    body.append('title', 'Holiday');
    body.append('photo', new Blob([png(640, 480)], { type: 'image/png' }), 'beach.png');
    const response = await fetch(`${site.url}/upload/`, { method: 'POST', body, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(uploaded).toEqual({ title: 'Holiday', name: 'beach.png', image: { format: 'png', width: 640, height: 480, contentType: 'image/png' } });
  });

  it('rejects a non-image named .png, an over-size file and a missing file, keeping the other values', async () => {
    const body = new FormData();
    body.append('title', 'Sneaky <b>');
    body.append('photo', new Blob(['<?php system($_GET["c"]); ?>'], { type: 'image/png' }), 'shell.png');
    body.append('attachment', new Blob(['x'.repeat(11)]), 'big.txt');
    const response = await fetch(`${site.url}/upload/`, { method: 'POST', body });
    const html = await response.text();
    expect(html).toContain('<li>Upload a valid image. The file you uploaded was either not an image or a corrupted image.</li>');
    expect(html).toContain('<li>Ensure this file is at most 10 bytes (it has 11).</li>');
    expect(html).toContain('value="Sneaky &lt;b&gt;"');
    expect(html).toContain('<input type="file" name="photo" accept="image/*" required aria-invalid="true" id="id_photo">');
    const missing = await fetch(`${site.url}/upload/`, { method: 'POST', body: new URLSearchParams({ title: 'No photo' }) });
    expect(await missing.text()).toContain('<li>This field is required.</li>');
  });
});
