import { outbox } from '@manouche/mail';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authSettings } from '../src/auth-settings.js';
import { User } from '../src/models.js';
import { PasswordResetTokenGenerator } from '../src/tokens.js';
import { Client, migratedDatabase, serveAuth, testSettings } from './support.js';

describe.each(testDatabaseTargets())('the password reset flow on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof serveAuth>>;
  beforeAll(async () => {
    testDb = await migratedDatabase(dialect);
    const settings = testSettings({ AUTH_PASSWORD_VALIDATORS: [{ NAME: 'manouche.contrib.auth.password_validation.MinimumLengthValidator' }] });
    authSettings(settings);
    await User.objects.createUser('django', 'Django@Example.com', 'old password 1');
    server = await serveAuth(settings);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });
  beforeEach(() => {
    outbox.length = 0;
  });

  it('mails a link that sets a new password once, and says the same for an unknown address', async () => {
    const client = new Client(server.url);
    const unknown = await client.request('/accounts/password_reset/', { form: { email: 'nobody@example.com' } });
    expect(unknown.status).toBe(302);
    expect(outbox).toHaveLength(0);
    const asked = await client.request('/accounts/password_reset/', { form: { email: 'django@example.com' } });
    expect(asked.status).toBe(302);
    expect(asked.location).toBe(unknown.location);
    expect(asked.location).toBe('/accounts/password_reset/done/');
    expect(outbox).toHaveLength(1);
    const mail = outbox[0]!;
    expect(mail.to).toEqual(['Django@example.com']); // createUser normalises the domain, as Django
    expect(mail.subject).toBe(`Password reset on ${new URL(server.url).host}`);
    const link = /http:\/\/[^/]+(\/accounts\/reset\/[^/]+\/[^/]+\/)/.exec(mail.body)![1]!;
    expect(mail.body).toContain('Your username, in case you’ve forgotten: django');

    const opened = await client.request(link);
    expect(opened.status).toBe(302);
    expect(opened.location).toMatch(/\/accounts\/reset\/[^/]+\/set-password\/$/);
    const form = await client.request(opened.location!);
    expect(form.text).toContain('Enter new password');
    const tooShort = await client.request(opened.location!, { form: { new_password1: 'short', new_password2: 'short' } });
    expect(tooShort.text).toContain('This password is too short. It must contain at least 8 characters.');
    const done = await client.request(opened.location!, { form: { new_password1: 'brand new pass', new_password2: 'brand new pass' } });
    expect(done.status).toBe(302);
    expect(done.location).toBe('/accounts/reset/done/');
    expect((await client.login('django', 'brand new pass')).status).toBe(302);

    const again = await new Client(server.url).request(link);
    expect(again.status).toBe(200);
    expect(again.text).toContain('The password reset link was invalid, possibly because it has already been used.');
  });

  it('refuses a tampered token and an unknown user id', async () => {
    const client = new Client(server.url);
    for (const link of ['/accounts/reset/MQ/abc-123/', '/accounts/reset/OTk5OQ/abc-123/', '/accounts/reset/!!/set-password/']) {
      const response = await client.request(link);
      expect(response.status).toBe(200);
      expect(response.text).toContain('Password reset unsuccessful');
    }
  });
});

describe('PasswordResetTokenGenerator', () => {
  const user = new User({ id: 7, username: 'ann', password: 'pbkdf2_sha256$1$salt$hash', email: 'ann@example.com', lastLogin: null });

  it('accepts its token until PASSWORD_RESET_TIMEOUT passes', () => {
    authSettings(testSettings({ PASSWORD_RESET_TIMEOUT: 3600 }));
    let now = Date.UTC(2026, 0, 1);
    const generator = new PasswordResetTokenGenerator(() => now);
    const token = generator.makeToken(user);
    expect(token).toMatch(/^[0-9a-z]+-[0-9a-f]{32}$/);
    expect(generator.checkToken(user, token)).toBe(true);
    now += 3600_000;
    expect(generator.checkToken(user, token)).toBe(true);
    now += 1000;
    expect(generator.checkToken(user, token)).toBe(false);
  });

  it('stops accepting the token after a password change or a login', () => {
    authSettings(testSettings());
    const generator = new PasswordResetTokenGenerator();
    const token = generator.makeToken(user);
    const changed = new User({ ...user.toJSON(), password: 'pbkdf2_sha256$1$salt$other' });
    expect(generator.checkToken(changed, token)).toBe(false);
    const loggedIn = new User({ ...user.toJSON(), lastLogin: new Date() });
    expect(generator.checkToken(loggedIn, token)).toBe(false);
    expect(generator.checkToken(user, `${token}x`)).toBe(false);
    expect(generator.checkToken(user, 'zzzzzzzzzzzzzzzz-abc')).toBe(false);
  });
});
