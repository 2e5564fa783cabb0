import { beforeEach, describe, expect, it } from 'vitest';
import { type EmailMultiAlternatives, configureMail, mailAdmins, mailManagers, outbox, sendMail, sendMassMail } from '../src/index.js';

beforeEach(() => {
  outbox.length = 0;
  configureMail({
    EMAIL_BACKEND: 'manouche.mail.backends.locmem.EmailBackend',
    DEFAULT_FROM_EMAIL: 'site@example.com',
    SERVER_EMAIL: 'errors@example.com',
    EMAIL_SUBJECT_PREFIX: '[Blog] ',
    ADMINS: [['Ana', 'ana@example.com'], 'ops@example.com'],
    MANAGERS: ['editor@example.com'],
  });
});

describe('sendMail', () => {
  it('sends from DEFAULT_FROM_EMAIL when the sender is null, with an HTML alternative when given', async () => {
    expect(await sendMail('Reset', 'Go to the link', null, ['bo@example.com'], { htmlMessage: '<a href="/reset">Go</a>' })).toBe(1);
    const [message] = outbox as EmailMultiAlternatives[];
    expect([message!.fromEmail, message!.sender(), message!.to]).toEqual([null, 'site@example.com', ['bo@example.com']]);
    expect(message!.alternatives).toEqual([{ content: '<a href="/reset">Go</a>', mimetype: 'text/html' }]);
  });

  it('sends one message per entry of sendMassMail', async () => {
    expect(
      await sendMassMail([
        ['A', 'a', null, ['a@example.com']],
        ['B', 'b', 'x@example.com', ['b@example.com', 'c@example.com']],
      ]),
    ).toBe(2);
    expect(outbox.map((m) => [m.subject, m.sender(), m.to])).toEqual([
      ['A', 'site@example.com', ['a@example.com']],
      ['B', 'x@example.com', ['b@example.com', 'c@example.com']],
    ]);
  });
});

describe('mailAdmins and mailManagers', () => {
  it('mail ADMINS and MANAGERS from SERVER_EMAIL with EMAIL_SUBJECT_PREFIX', async () => {
    await mailAdmins('Disk full', 'Only 2% left', { htmlMessage: '<b>2%</b>' });
    await mailManagers('Broken link', '/old/ is linked from /blog/');
    expect(outbox.map((m) => [m.subject, m.fromEmail, m.to])).toEqual([
      ['[Blog] Disk full', 'errors@example.com', ['ana@example.com', 'ops@example.com']],
      ['[Blog] Broken link', 'errors@example.com', ['editor@example.com']],
    ]);
  });

  it('do nothing when the list is empty', async () => {
    configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.locmem.EmailBackend' });
    expect(await mailAdmins('x', 'y')).toBe(0);
    expect(outbox).toEqual([]);
  });
});
