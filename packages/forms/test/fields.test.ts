/** Every field: what it cleans good input to, and the message for each kind of bad input (Django's wording). */
import { describe, expect, it } from 'vitest';
import { Form, forms, readImageInfo, SplitDateTimeWidget, type Field } from '../src/index.js';
import { gif, jpeg, png, webpLossless, webpLossy } from './images.js';

async function clean(field: Field, value: unknown): Promise<unknown> {
  return field.clean(value);
}

async function messages(field: Field, value: unknown): Promise<string[]> {
  try {
    await field.clean(value);
  } catch (error) {
    return (error as { messages: string[] }).messages;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
}

describe('text fields', () => {
  it('trims char input, enforces lengths and rejects null characters', async () => {
    const field = forms.char({ maxLength: 5, minLength: 2 });
    expect(await clean(field, '  abc ')).toBe('abc');
    expect(await messages(field, 'abcdef')).toEqual(['Ensure this value has at most 5 characters (it has 6).']);
    expect(await messages(field, 'a')).toEqual(['Ensure this value has at least 2 characters (it has 1).']);
    expect(await messages(field, '')).toEqual(['This field is required.']);
    expect(await messages(field, 'a\0b')).toEqual(['Null characters are not allowed.']);
    expect(await clean(forms.char({ required: false }), '')).toBe('');
    expect(await clean(forms.char({ required: false, emptyValue: null }), '  ')).toBeNull();
  });

  it('accepts valid email addresses and rejects malformed ones', async () => {
    const field = forms.email();
    expect(await clean(field, ' ann@example.com ')).toBe('ann@example.com');
    expect(await clean(field, 'a.b+tag@sub.example.co.uk')).toBe('a.b+tag@sub.example.co.uk');
    for (const bad of ['ann', 'ann@', '@example.com', 'ann@example', 'a..b@example.com', 'ann@exam ple.com', `${'a'.repeat(320)}@example.com`]) {
      expect(await messages(field, bad)).toEqual(['Enter a valid email address.']);
    }
  });

  it('adds http:// to URLs without a scheme and rejects other schemes and hosts', async () => {
    const field = forms.url();
    expect(await clean(field, 'example.com/path')).toBe('http://example.com/path');
    expect(await clean(field, 'https://example.com:8000/?q=1')).toBe('https://example.com:8000/?q=1');
    for (const bad of ['javascript:alert(1)', 'http://', 'http://exa mple.com', 'http://-bad-.com', 'mailto:ann@example.com']) {
      expect(await messages(field, bad)).toEqual(['Enter a valid URL.']);
    }
  });

  it('checks slugs, regexes and UUIDs', async () => {
    expect(await clean(forms.slug(), 'my-post_1')).toBe('my-post_1');
    expect(await messages(forms.slug(), 'my post')).toEqual(['Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.']);
    expect(await clean(forms.slug({ allowUnicode: true }), 'café')).toBe('café');
    const code = forms.regex({ regex: /^[A-Z]{3}$/ });
    expect(await clean(code, 'ABC')).toBe('ABC');
    expect(await messages(code, 'abc')).toEqual(['Enter a valid value.']);
    const uuid = forms.uuid();
    expect(await clean(uuid, '{12345678-1234-5678-1234-567812345678}')).toBe('12345678-1234-5678-1234-567812345678');
    expect(await clean(uuid, '123456781234567812345678123456AB')).toBe('12345678-1234-5678-1234-5678123456ab');
    expect(await messages(uuid, 'not-a-uuid')).toEqual(['Enter a valid UUID.']);
    expect(await clean(forms.uuid({ required: false }), '')).toBeNull();
  });
});

describe('number fields', () => {
  it('parses integers without locale rules and checks bounds and steps', async () => {
    const field = forms.integer({ minValue: 0, maxValue: 100, stepSize: 5 });
    expect(await clean(field, ' 10 ')).toBe(10);
    expect(await clean(field, '15.0')).toBe(15);
    for (const bad of ['abc', '1,000', '1 000', '10.5', '1e3', '']) {
      expect(await messages(forms.integer(), bad)).toEqual([bad === '' ? 'This field is required.' : 'Enter a whole number.']);
    }
    expect(await messages(field, '-5')).toEqual(['Ensure this value is greater than or equal to 0.']);
    expect(await messages(field, '105')).toEqual(['Ensure this value is less than or equal to 100.']);
    expect(await messages(field, '12')).toEqual(['Ensure this value is a multiple of step size 5.']);
    expect(await messages(forms.integer({ minValue: 1, stepSize: 5 }), '3')).toEqual([
      'Ensure this value is a multiple of step size 5, starting from 1, e.g. 1, 6, 11, and so on.',
    ]);
    expect(await clean(forms.integer({ required: false }), '')).toBeNull();
  });

  it('parses floats and rejects non-finite or localized numbers', async () => {
    expect(await clean(forms.float(), '1.5e2')).toBe(150);
    for (const bad of ['inf', 'NaN', '1,5', 'one']) expect(await messages(forms.float(), bad)).toEqual(['Enter a number.']);
  });

  it('keeps decimals exact as strings and checks digits and places', async () => {
    const field = forms.decimal({ maxDigits: 5, decimalPlaces: 2 });
    expect(await clean(field, '12.50')).toBe('12.50');
    expect(await clean(field, '.5')).toBe('0.5');
    expect(await messages(field, '1.234')).toEqual(['Ensure that there are no more than 2 decimal places.']);
    expect(await messages(field, '123456')).toEqual(['Ensure that there are no more than 5 digits in total.']);
    expect(await messages(field, '1234.5')).toEqual(['Ensure that there are no more than 3 digits before the decimal point.']);
    expect(await messages(field, '1,5')).toEqual(['Enter a number.']);
  });
});

describe('boolean and choice fields', () => {
  it('reads checkboxes and null booleans', async () => {
    expect(await clean(forms.boolean({ required: false }), 'false')).toBe(false);
    expect(await clean(forms.boolean(), 'on')).toBe(true);
    expect(await messages(forms.boolean(), false)).toEqual(['This field is required.']);
    expect(await clean(forms.nullBoolean(), 'unknown')).toBeNull();
    expect(await clean(forms.nullBoolean(), 'true')).toBe(true);
    expect(await clean(forms.nullBoolean(), 'false')).toBe(false);
  });

  it('accepts only listed choices, grouped ones included, and coerces typed choices', async () => {
    const field = forms.choice({
      choices: [
        ['a', 'A'],
        ['Group', [['b', 'B']]],
      ],
    });
    expect(await clean(field, 'b')).toBe('b');
    expect(await messages(field, 'z')).toEqual(['Select a valid choice. z is not one of the available choices.']);
    const typed = forms.typedChoice({
      choices: [
        [1, 'One'],
        [2, 'Two'],
      ],
      coerce: Number,
      required: false,
      emptyValue: null,
    });
    expect(await clean(typed, '2')).toBe(2);
    expect(await clean(typed, '')).toBeNull();
    const multiple = forms.multipleChoice({
      choices: [
        ['a', 'A'],
        ['b', 'B'],
      ],
    });
    expect(await clean(multiple, ['a', 'b'])).toEqual(['a', 'b']);
    expect(await messages(multiple, ['a', 'x'])).toEqual(['Select a valid choice. x is not one of the available choices.']);
    expect(await messages(multiple, 'a')).toEqual(['Enter a list of values.']);
    expect(await messages(multiple, [])).toEqual(['This field is required.']);
  });
});

describe('date and time fields', () => {
  it('reads Django’s default date formats and rejects impossible dates', async () => {
    const field = forms.date();
    expect(await clean(field, '2006-10-25')).toBe('2006-10-25');
    expect(await clean(field, '10/25/2006')).toBe('2006-10-25');
    expect(await clean(field, '10/25/06')).toBe('2006-10-25');
    expect(await clean(field, 'Oct 25 2006')).toBe('2006-10-25');
    expect(await clean(field, '25 October, 2006')).toBe('2006-10-25');
    for (const bad of ['2006-02-30', '25/10/2006', 'yesterday', '2006-13-01']) expect(await messages(field, bad)).toEqual(['Enter a valid date.']);
  });

  it('reads times and rejects out-of-range ones', async () => {
    expect(await clean(forms.time(), '14:30')).toBe('14:30:00');
    expect(await clean(forms.time(), '14:30:59.5')).toBe('14:30:59.500');
    for (const bad of ['24:00', '12:60', 'noon']) expect(await messages(forms.time(), bad)).toEqual(['Enter a valid time.']);
  });

  it('reads date-times as wall-clock time in the field’s zone, and honours explicit offsets', async () => {
    expect(await clean(forms.dateTime(), '2026-01-02 10:30')).toEqual(new Date('2026-01-02T10:30:00Z'));
    expect(await clean(forms.dateTime({ timeZone: 'Europe/Paris' }), '2026-07-01T12:00')).toEqual(new Date('2026-07-01T10:00:00Z'));
    expect(await clean(forms.dateTime({ timeZone: 'Europe/Paris' }), '2026-07-01T12:00:00+00:00')).toEqual(new Date('2026-07-01T12:00:00Z'));
    expect(await clean(forms.dateTime({ widget: SplitDateTimeWidget }), ['2026-01-02', '08:15'])).toEqual(new Date('2026-01-02T08:15:00Z'));
    for (const bad of ['2026-01-02 25:00', 'soon', '2026-02-30 10:00']) expect(await messages(forms.dateTime(), bad)).toEqual(['Enter a valid date/time.']);
    expect(await messages(forms.dateTime(), ['2026-01-02'])).toEqual(['Enter a valid date/time.']);
  });

  it('reads durations in Django’s formats as milliseconds', async () => {
    const field = forms.duration();
    expect(await clean(field, '01:02:03')).toBe(3_723_000);
    expect(await clean(field, '2 days, 00:00:01')).toBe(172_801_000);
    expect(await clean(field, '3 00:00:00.5')).toBe(259_200_500);
    expect(await clean(field, 'P1DT2H')).toBe(93_600_000);
    expect(await clean(field, '30')).toBe(30_000);
    for (const bad of ['forever', '1:99:00', 'P']) expect(await messages(field, bad)).toEqual(['Enter a valid duration.']);
    expect(await messages(field, '1000000000 00:00:00')).toEqual(['The number of days must be between -999999999 and 999999999.']);
  });
});

describe('json, file and image fields', () => {
  it('parses JSON and re-shows invalid JSON as typed', async () => {
    expect(await clean(forms.json(), '{"a": [1, 2]}')).toEqual({ a: [1, 2] });
    expect(await messages(forms.json(), '{oops')).toEqual(['Enter a valid JSON.']);
    class F extends Form.define({ data: forms.json() }) {}
    const form = new F({ data: { data: '{oops' } });
    expect(await form.isValid()).toBe(false);
    expect(form.get('data').toHtml()).toContain('{oops</textarea>');
  });

  const file = (name: string, bytes: Uint8Array, contentType = 'application/octet-stream') => ({
    name,
    size: bytes.length,
    contentType,
    read: async () => bytes,
  });

  it('rejects missing, empty, over-long and over-size files', async () => {
    expect(await messages(forms.file(), null)).toEqual(['This field is required.']);
    expect(await messages(forms.file(), file('a.txt', new Uint8Array()))).toEqual(['The submitted file is empty.']);
    expect(await messages(forms.file({ maxLength: 5 }), file('long-name.txt', new Uint8Array([1])))).toEqual([
      'Ensure this filename has at most 5 characters (it has 13).',
    ]);
    expect(await messages(forms.file({ maxSize: 2 }), file('a.bin', new Uint8Array([1, 2, 3])))).toEqual(['Ensure this file is at most 2 bytes (it has 3).']);
    expect(await messages(forms.file(), 'not a file')).toEqual(['No file was submitted. Check the encoding type on the form.']);
    const ok = file('a.txt', new Uint8Array([65]));
    expect(await clean(forms.file(), ok)).toBe(ok);
  });

  it('reads format and dimensions of PNG, JPEG, GIF and WebP images from their headers', () => {
    expect(readImageInfo(png(3, 2))).toEqual({ format: 'png', width: 3, height: 2, contentType: 'image/png' });
    expect(readImageInfo(jpeg(640, 480))).toEqual({ format: 'jpeg', width: 640, height: 480, contentType: 'image/jpeg' });
    expect(readImageInfo(gif(7, 9))).toEqual({ format: 'gif', width: 7, height: 9, contentType: 'image/gif' });
    expect(readImageInfo(webpLossy(100, 50))).toMatchObject({ format: 'webp', width: 100, height: 50 });
    expect(readImageInfo(webpLossless(33, 44))).toMatchObject({ format: 'webp', width: 33, height: 44 });
    expect(readImageInfo(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(readImageInfo(png(3, 2).subarray(0, 20))).toBeNull();
  });

  it('accepts images by content whatever their name, and rejects non-images named .png', async () => {
    const cleaned = (await clean(forms.image(), file('photo.dat', png(16, 8)))) as { image: { width: number; height: number }; name: string };
    expect(cleaned.name).toBe('photo.dat');
    expect(cleaned.image).toMatchObject({ format: 'png', width: 16, height: 8 });
    expect(await messages(forms.image(), file('evil.png', new TextEncoder().encode('<?php echo 1; ?>'), 'image/png'))).toEqual([
      'Upload a valid image. The file you uploaded was either not an image or a corrupted image.',
    ]);
  });
});

describe('options every field takes', () => {
  it('runs validators, custom messages and keeps disabled fields at their initial value', async () => {
    const even = (value: number) => (value % 2 === 0 ? undefined : 'Give an even number.');
    const field = forms.integer({ validators: [even], errorMessages: { invalid: 'Digits only, please.' } });
    expect(await messages(field, '3')).toEqual(['Give an even number.']);
    expect(await messages(field, 'x')).toEqual(['Digits only, please.']);
    class F extends Form.define({ plan: forms.char({ disabled: true, initial: 'free' }) }) {}
    const form = new F({ data: { plan: 'premium' } });
    expect(await form.isValid()).toBe(true);
    expect(form.cleanedData.plan).toBe('free');
    expect(form.get('plan').toHtml()).toBe('<input type="text" name="plan" value="free" required disabled id="id_plan">');
  });
});
