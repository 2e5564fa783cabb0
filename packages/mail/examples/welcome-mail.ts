// examples/welcome-mail.ts — run by test/readme-example.test.ts
import { EmailMultiAlternatives, configureMail, outbox, sendMail } from '@manouche/mail';

export async function main(): Promise<string[]> {
  // In a project, manouche's setup() calls configureMail(settings) for you.
  configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.locmem.EmailBackend', DEFAULT_FROM_EMAIL: 'Blog <noreply@example.com>' });

  await sendMail('Your comment was published', 'Thanks for commenting!', null, ['ana@example.com']);

  const welcome = new EmailMultiAlternatives({
    subject: 'Welcome to the blog',
    body: 'Hello Ana, welcome!',
    to: ['ana@example.com'],
    bcc: ['audit@example.com'],
    replyTo: ['editor@example.com'],
  });
  welcome.attachAlternative('<p>Hello <b>Ana</b>, welcome!</p>', 'text/html');
  welcome.attach('rules.txt', 'Be kind.\n', 'text/plain');
  await welcome.send();

  return outbox.map((mail) => `${mail.subject} → ${mail.recipients().join(', ')}`);
}
