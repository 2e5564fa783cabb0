import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BadHeaderError, EmailMessage, EmailMultiAlternatives, configureMail, outbox } from '../src/index.js';

beforeEach(() => {
  configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.locmem.EmailBackend', DEFAULT_FROM_EMAIL: 'Blog <site@example.com>' });
  outbox.length = 0;
});

describe('EmailMessage', () => {
  it('builds a MIME message with Date, Message-ID, Reply-To, extra headers, and DEFAULT_FROM_EMAIL as sender', async () => {
    const message = new EmailMessage({
      subject: 'Café ☕',
      body: 'Grüße',
      to: ['ana@example.com'],
      replyTo: ['help@example.com'],
      headers: { 'X-Campaign': 'winter' },
    });
    const raw = (await message.message()).toString('utf8');
    expect(raw).toMatch(/^From: Blog <site@example\.com>$/m);
    expect(raw).toMatch(/^Reply-To: help@example\.com$/m);
    expect(raw).toMatch(/^X-Campaign: winter$/m);
    expect(raw).toMatch(/^Date: /m);
    expect(raw).toMatch(/^Message-ID: </m);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(message.recipients()).toEqual(['ana@example.com']);
  });

  it('lets From, To and Reply-To in headers replace the headers while the envelope keeps the fields', async () => {
    const message = new EmailMessage({
      body: 'x',
      fromEmail: 'bounce@example.com',
      to: ['ana@example.com'],
      headers: { From: 'News <news@example.com>', To: 'list@example.com' },
    });
    const raw = (await message.message()).toString('utf8');
    expect(raw).toMatch(/^From: News <news@example\.com>$/m);
    expect(raw).toMatch(/^To: list@example\.com$/m);
    expect([message.sender(), message.recipients()]).toEqual(['bounce@example.com', ['ana@example.com']]);
  });

  it.each([
    ['the subject', { subject: 'Hi\nBcc: victim@example.com', to: ['a@example.com'] }, 'Subject'],
    ['a recipient', { to: ['a@example.com\r\nBcc: victim@example.com'] }, 'To'],
    ['the sender', { fromEmail: 'x@example.com\nBcc: v@example.com', to: ['a@example.com'] }, 'From'],
    ['Reply-To', { replyTo: ['x@example.com\nX: y'], to: ['a@example.com'] }, 'Reply-To'],
    ['a custom header', { headers: { 'X-Tag': 'a\nBcc: v@example.com' }, to: ['a@example.com'] }, 'X-Tag'],
  ])('refuses a newline in %s with BadHeaderError naming the header, and sends nothing', async (_what, init, header) => {
    const message = new EmailMessage(init);
    await expect(message.send()).rejects.toThrow(BadHeaderError);
    await expect(message.message()).rejects.toThrow(`for header "${header}"`);
    expect(outbox).toEqual([]);
  });

  it('refuses a single string where a list of addresses belongs', () => {
    expect(() => new EmailMessage({ to: 'ana@example.com' as unknown as string[] })).toThrow(
      `"to" must be a list of addresses, not a single string: write ['ana@example.com']`,
    );
  });

  it('attaches content and files, with the MIME type given or guessed from the name', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manouche-mail-attach-'));
    try {
      writeFileSync(path.join(dir, 'notes.txt'), 'from disk');
      const message = new EmailMessage({ subject: 'Files', body: 'See attached.', to: ['ana@example.com'] });
      message.attach('report.csv', 'a,b\n1,2\n', 'text/csv');
      message.attach('logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      message.attachFile(path.join(dir, 'notes.txt'));
      const raw = (await message.message()).toString('utf8');
      expect(raw).toContain('Content-Type: multipart/mixed');
      expect(raw).toMatch(/Content-Type: text\/csv; name=report\.csv/);
      expect(raw).toMatch(/Content-Type: image\/png; name=logo\.png/);
      expect(raw).toMatch(/Content-Disposition: attachment; filename=notes\.txt/);
      expect(message.attachments.map((a) => a.filename)).toEqual(['report.csv', 'logo.png', 'notes.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends an HTML body itself with contentSubtype html', async () => {
    const message = new EmailMessage({ body: '<p>Hi</p>', to: ['ana@example.com'] });
    message.contentSubtype = 'html';
    expect((await message.message()).toString('utf8')).toMatch(/Content-Type: text\/html; charset=utf-8/);
  });

  it('sends nothing and answers 0 without recipients', async () => {
    expect(await new EmailMessage({ subject: 'nobody' }).send()).toBe(0);
    expect(outbox).toEqual([]);
  });
});

describe('EmailMultiAlternatives', () => {
  it('sends the text body with an HTML alternative (multipart/alternative)', async () => {
    const message = new EmailMultiAlternatives({ subject: 'Welcome', body: 'Hello!', to: ['ana@example.com'] });
    message.attachAlternative('<p>Hello!</p>', 'text/html');
    message.attach('terms.txt', 'Be nice.');
    const raw = (await message.message()).toString('utf8');
    expect(raw).toContain('Content-Type: multipart/mixed');
    expect(raw).toContain('Content-Type: multipart/alternative');
    expect(raw.indexOf('text/plain')).toBeLessThan(raw.indexOf('text/html'));
    expect(await message.send()).toBe(1);
    expect((outbox[0] as EmailMultiAlternatives).alternatives).toEqual([{ content: '<p>Hello!</p>', mimetype: 'text/html' }]);
  });

  it('needs both the content and the MIME type of an alternative', () => {
    expect(() => new EmailMultiAlternatives().attachAlternative('<p>x</p>', '')).toThrow('attachAlternative(content, mimetype) needs both');
  });
});
