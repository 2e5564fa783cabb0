import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BaseEmailBackend,
  EmailMessage,
  MESSAGE_SEPARATOR,
  MailConfigurationError,
  configureMail,
  getConnection,
  outbox,
  sendMail,
  type EmailBackend,
} from '../src/index.js';
import * as mail from '../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'manouche-mail-'));
  outbox.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('EMAIL_BACKEND', () => {
  it('locmem keeps sent messages in mail.outbox for tests', async () => {
    configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.locmem.EmailBackend' });
    await sendMail('Hello', 'Body', 'from@example.com', ['to@example.com']);
    expect(mail.outbox).toHaveLength(1);
    expect([mail.outbox[0]!.subject, mail.outbox[0]!.body, mail.outbox[0]!.fromEmail, mail.outbox[0]!.to]).toEqual([
      'Hello',
      'Body',
      'from@example.com',
      ['to@example.com'],
    ]);
  });

  it('console writes each message and a separator line', async () => {
    configureMail({});
    const stream = new PassThrough();
    let written = '';
    stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    const connection = await getConnection('manouche.mail.backends.console.EmailBackend', { stream });
    expect(
      await connection.sendMessages([
        new EmailMessage({ subject: 'First', body: 'one', to: ['a@example.com'] }),
        new EmailMessage({ subject: 'Second', body: 'two', to: ['b@example.com'] }),
      ]),
    ).toBe(2);
    expect(written).toMatch(/Subject: First[\s\S]*one[\s\S]*-{79}\n[\s\S]*Subject: Second[\s\S]*two[\s\S]*-{79}\n$/);
    expect(written.split(MESSAGE_SEPARATOR)).toHaveLength(3);
  });

  it('filebased writes each batch to a new .log file in EMAIL_FILE_PATH, creating the folder', async () => {
    const folder = path.join(dir, 'mails', 'out');
    configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.filebased.EmailBackend', EMAIL_FILE_PATH: folder });
    await sendMail('First', 'one', null, ['a@example.com']);
    await sendMail('Second', 'two', null, ['b@example.com']);
    const files = readdirSync(folder).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{8}-\d{6}-[0-9a-f]{12}\.log$/);
    const contents = files.map((file) => readFileSync(path.join(folder, file), 'utf8'));
    expect(contents.join('')).toContain('Subject: First');
    expect(contents.join('')).toContain('Subject: Second');
    expect(contents[0]!.endsWith(MESSAGE_SEPARATOR)).toBe(true);
  });

  it('filebased needs EMAIL_FILE_PATH, and a folder there', async () => {
    configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.filebased.EmailBackend' });
    await expect(getConnection()).rejects.toThrow('The file email backend needs a folder: set EMAIL_FILE_PATH');
    writeFileSync(path.join(dir, 'a-file'), '');
    configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.filebased.EmailBackend', EMAIL_FILE_PATH: path.join(dir, 'a-file') });
    await expect(getConnection()).rejects.toThrow('exists but is not a folder');
  });

  it('dummy drops messages and reports them sent', async () => {
    configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.dummy.EmailBackend' });
    expect(await sendMail('x', 'y', null, ['a@example.com'])).toBe(1);
    expect(outbox).toEqual([]);
  });

  it("refuses Django's backend names with the Manouche one", async () => {
    configureMail({ EMAIL_BACKEND: 'django.core.mail.backends.locmem.EmailBackend' });
    await expect(sendMail('x', 'y', null, ['a@example.com'])).rejects.toThrow(
      "EMAIL_BACKEND 'django.core.mail.backends.locmem.EmailBackend' is Django's name: write 'manouche.mail.backends.locmem.EmailBackend' instead.",
    );
    await expect(getConnection('nonsense')).rejects.toThrow(MailConfigurationError);
  });

  it('loads a custom backend class through the importModule given to configureMail', async () => {
    const seen: string[] = [];
    class RecordingBackend extends BaseEmailBackend {
      async sendMessages(messages: readonly EmailMessage[]) {
        seen.push(...messages.map((m) => m.subject));
        return messages.length;
      }
    }
    configureMail({ EMAIL_BACKEND: 'shop.mail.RecordingBackend' }, { importModule: async (name) => (name === 'shop.mail' ? { RecordingBackend } : {}) });
    expect(await sendMail('Order shipped', 'y', null, ['a@example.com'])).toBe(1);
    expect(seen).toEqual(['Order shipped']);
    configureMail({ EMAIL_BACKEND: 'shop.mail.Missing' }, { importModule: async () => ({}) });
    await expect(getConnection()).rejects.toThrow("EMAIL_BACKEND 'shop.mail.Missing': module 'shop.mail' has no backend class 'Missing'.");
  });

  it('lets one opened connection carry several sends', async () => {
    configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.locmem.EmailBackend' });
    const connection: EmailBackend = await getConnection();
    await connection.open();
    await new EmailMessage({ subject: 'a', to: ['a@example.com'], connection }).send();
    await new EmailMessage({ subject: 'b', to: ['b@example.com'], connection }).send();
    await connection.close();
    expect(outbox.map((m) => m.subject)).toEqual(['a', 'b']);
  });
});
