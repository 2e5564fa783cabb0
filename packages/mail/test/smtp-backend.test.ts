import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EmailMessage,
  EmailMultiAlternatives,
  MailConfigurationError,
  MailDeliveryError,
  configureMail,
  getConnection,
  sendMail,
  sendMassMail,
} from '../src/index.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
  secure: boolean;
}

let certDir: string;
let cert: string;
let key: string;
beforeAll(() => {
  certDir = mkdtempSync(path.join(tmpdir(), 'manouche-mail-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      path.join(certDir, 'key.pem'),
      '-out',
      path.join(certDir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(path.join(certDir, 'cert.pem'), 'utf8');
  key = readFileSync(path.join(certDir, 'key.pem'), 'utf8');
});
afterAll(() => rmSync(certDir, { recursive: true, force: true }));

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** A real SMTP server on a loopback port that records what it receives and how many connections it saw. */
async function smtpServer(options: SMTPServerOptions = {}) {
  const received: Received[] = [];
  let connections = 0;
  const server = new SMTPServer({
    disabledCommands: ['AUTH'],
    logger: false,
    ...options,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
          secure: session.secure,
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, connections: () => connections };
}

function smtpSettings(port: number, extra: Record<string, unknown> = {}) {
  configureMail({
    EMAIL_BACKEND: 'manouche.mail.backends.smtp.EmailBackend',
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: port,
    EMAIL_TIMEOUT: 5,
    DEFAULT_FROM_EMAIL: 'site@example.com',
    ...extra,
  });
}

describe('the SMTP backend against a real server on loopback', () => {
  beforeEach(() => configureMail({}));

  it('delivers to every recipient with the envelope, and keeps Bcc out of the headers', async () => {
    const { port, received } = await smtpServer();
    smtpSettings(port);
    const message = new EmailMessage({
      subject: 'Vote counted',
      body: 'Thanks for voting.',
      to: ['ana@example.com'],
      cc: ['bo@example.com'],
      bcc: ['audit@example.com'],
    });
    expect(await message.send()).toBe(1);
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.from).toBe('site@example.com');
    expect(mail!.to).toEqual(['ana@example.com', 'bo@example.com', 'audit@example.com']);
    expect(mail!.raw).toContain('Subject: Vote counted');
    expect(mail!.raw).toContain('To: ana@example.com');
    expect(mail!.raw).toContain('Cc: bo@example.com');
    expect(mail!.raw).not.toContain('audit@example.com');
    expect(mail!.raw).toContain('Thanks for voting.');
    expect(mail!.secure).toBe(false);
  });

  it('sends a batch over one connection (sendMassMail)', async () => {
    const { port, received, connections } = await smtpServer();
    smtpSettings(port);
    const sent = await sendMassMail([
      ['One', 'first', null, ['a@example.com']],
      ['Two', 'second', 'other@example.com', ['b@example.com']],
      ['Three', 'third', null, ['c@example.com']],
    ]);
    expect(sent).toBe(3);
    expect(received.map((mail) => [mail.from, mail.to])).toEqual([
      ['site@example.com', ['a@example.com']],
      ['other@example.com', ['b@example.com']],
      ['site@example.com', ['c@example.com']],
    ]);
    expect(connections()).toBe(1);
  });

  it('logs in with EMAIL_HOST_USER / EMAIL_HOST_PASSWORD after STARTTLS with EMAIL_USE_TLS', async () => {
    const { port, received } = await smtpServer({
      disabledCommands: [],
      key,
      cert,
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 's3cret') callback(null, { user: 'mailer' });
        else callback(new Error('Invalid username or password'));
      },
    });
    smtpSettings(port, { EMAIL_USE_TLS: true, EMAIL_HOST_USER: 'mailer', EMAIL_HOST_PASSWORD: 's3cret' });
    const connection = await getConnection(undefined, { tls: { ca: cert } });
    expect(await sendMail('Secure', 'Over TLS', null, ['ana@example.com'], { connection })).toBe(1);
    expect([received[0]!.user, received[0]!.secure]).toEqual(['mailer', true]);
    const wrong = await getConnection(undefined, { tls: { ca: cert }, password: 'nope' });
    await expect(sendMail('Secure', 'Over TLS', null, ['ana@example.com'], { connection: wrong })).rejects.toThrow(MailDeliveryError);
    expect(await sendMail('Secure', 'Over TLS', null, ['ana@example.com'], { authPassword: 'nope', failSilently: true })).toBe(0);
  });

  it('refuses a server certificate it cannot verify', async () => {
    const { port } = await smtpServer({ key, cert });
    smtpSettings(port, { EMAIL_USE_TLS: true });
    await expect(sendMail('Secure', 'Over TLS', null, ['ana@example.com'])).rejects.toThrow(/SMTP delivery to 127\.0\.0\.1:\d+ failed: .*certificate/);
  });

  it('speaks TLS from the first byte with EMAIL_USE_SSL', async () => {
    const { port, received } = await smtpServer({ secure: true, key, cert });
    smtpSettings(port, { EMAIL_USE_SSL: true });
    const connection = await getConnection(undefined, { tls: { ca: cert } });
    const message = new EmailMultiAlternatives({ subject: 'Implicit TLS', body: 'plain', to: ['ana@example.com'], connection });
    message.attachAlternative('<p>html</p>', 'text/html');
    expect(await message.send()).toBe(1);
    expect(received[0]!.secure).toBe(true);
    expect(received[0]!.raw).toContain('Content-Type: text/html');
  });

  it('presents the client certificate of EMAIL_SSL_CERTFILE / EMAIL_SSL_KEYFILE, and names an unreadable one', async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=mailer-client',
        '-keyout',
        path.join(certDir, 'client-key.pem'),
        '-out',
        path.join(certDir, 'client-cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const presented: string[] = [];
    const { port } = await smtpServer({
      key,
      cert,
      requestCert: true,
      rejectUnauthorized: false,
      onSecure(socket, _session, callback) {
        presented.push(String((socket as import('node:tls').TLSSocket).getPeerCertificate().subject?.CN));
        callback();
      },
    } as SMTPServerOptions);
    smtpSettings(port, {
      EMAIL_USE_TLS: true,
      EMAIL_SSL_CERTFILE: path.join(certDir, 'client-cert.pem'),
      EMAIL_SSL_KEYFILE: path.join(certDir, 'client-key.pem'),
    });
    expect(await sendMail('Mutual TLS', 'x', null, ['ana@example.com'], { connection: await getConnection(undefined, { tls: { ca: cert } }) })).toBe(1);
    expect(presented).toEqual(['mailer-client']);
    smtpSettings(port, { EMAIL_USE_TLS: true, EMAIL_SSL_CERTFILE: path.join(certDir, 'missing.pem') });
    await expect(sendMail('x', 'y', null, ['ana@example.com'])).rejects.toThrow(`EMAIL_SSL_CERTFILE '${path.join(certDir, 'missing.pem')}' cannot be read`);
  });

  it('does not upgrade to TLS unless EMAIL_USE_TLS is on, as Django', async () => {
    const { port, received } = await smtpServer({ key, cert });
    smtpSettings(port);
    expect(await sendMail('Plain', 'No TLS asked', null, ['ana@example.com'])).toBe(1);
    expect(received[0]!.secure).toBe(false);
  });

  it('reports an unreachable server with host and port, or swallows it with failSilently', async () => {
    const { port } = await smtpServer();
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    smtpSettings(port);
    await expect(sendMail('Lost', 'nobody listens', null, ['ana@example.com'])).rejects.toThrow(`SMTP delivery to 127.0.0.1:${port} failed:`);
    expect(await sendMail('Lost', 'nobody listens', null, ['ana@example.com'], { failSilently: true })).toBe(0);
  });

  it('refuses EMAIL_USE_TLS and EMAIL_USE_SSL together', async () => {
    smtpSettings(2525, { EMAIL_USE_TLS: true, EMAIL_USE_SSL: true });
    await expect(getConnection()).rejects.toThrow(MailConfigurationError);
    await expect(getConnection()).rejects.toThrow('EMAIL_USE_TLS and EMAIL_USE_SSL are mutually exclusive');
  });
});
