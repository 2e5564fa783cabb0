import { HttpResponse, JsonResponse, type HttpRequest } from '@manouche/core';
import { Session } from '@manouche/contrib-sessions/models';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRequired } from '../src/access.js';
import { authSettings } from '../src/auth-settings.js';
import { User } from '../src/models.js';
import { Client, migratedDatabase, serveAuth, testSettings } from './support.js';

const whoami = async (request: HttpRequest) => {
  const user = await request.auser();
  return new JsonResponse({ username: user.isAuthenticated ? user.getUsername() : null, authenticated: user.isAuthenticated });
};
const views = {
  'whoami/': whoami,
  'private/': loginRequired(async (request: HttpRequest) => new HttpResponse(`hello ${request.user.getUsername()}`)),
};
const vectors = JSON.parse(readFileSync(new URL('./data/django-password-vectors.json', import.meta.url), 'utf8')) as {
  vectors: Array<{ algorithm: string; password: string; params: Record<string, number>; encoded: string }>;
};

function sessionKey(client: Client): string {
  return decodeURIComponent(client.cookies.get('sessionid') ?? '');
}

describe.each(testDatabaseTargets())('logging in and out over HTTP on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof serveAuth>>;
  beforeAll(async () => {
    testDb = await migratedDatabase(dialect);
    const settings = testSettings();
    authSettings(settings);
    await User.objects.createUser('ann', 'ann@example.com', 'la pompe 1958');
    await User.objects.createUser('inactive', 'x@example.com', 'la pompe 1958', { isActive: false });
    server = await serveAuth(settings, views);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  it('shows the login form, refuses a wrong password with a clear message, and logs in with a new session key', async () => {
    const client = new Client(server.url);
    const form = await client.request('/accounts/login/');
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="username"');
    const wrong = await client.login('ann', 'nope');
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('Please enter a correct username and password. Note that both fields may be case-sensitive.');
    expect(wrong.text).toContain('value="ann"');
    expect(wrong.text).not.toContain('nope');

    // A session from before the login (a planted one, say) must not become the logged-in one.
    const planted = new Client(server.url);
    await planted.request('/accounts/login/');
    client.cookies.set('sessionid', 'plantedsessionkey0123456789abcdef');
    const ok = await client.login('ann', 'la pompe 1958', '/private/');
    expect(ok.status).toBe(302);
    expect(ok.location).toBe('/private/');
    const key = sessionKey(client);
    expect(key).toMatch(/^[a-z0-9]{32}$/);
    expect(key).not.toBe('plantedsessionkey0123456789abcdef');
    expect(JSON.parse((await client.request('/whoami/')).text)).toEqual({ username: 'ann', authenticated: true });
    expect((await client.request('/private/')).text).toBe('hello ann');
    const ann = await User.objects.get({ username: 'ann' });
    expect(ann.lastLogin).toBeInstanceOf(Date);
  });

  it('rotates the session key when a visitor with a session logs in', async () => {
    const client = new Client(server.url);
    await client.login('ann', 'wrong');
    await client.login('ann', 'la pompe 1958');
    const first = sessionKey(client);
    await client.login('ann', 'la pompe 1958');
    const second = sessionKey(client);
    expect(second).not.toBe(first);
    const stale = new Client(server.url);
    stale.cookies.set('sessionid', first);
    expect(JSON.parse((await stale.request('/whoami/')).text).authenticated).toBe(false);
  });

  it('redirects anonymous visitors of a loginRequired view to LOGIN_URL with next', async () => {
    const response = await new Client(server.url).request('/private/?a=1');
    expect(response.status).toBe(302);
    expect(response.location).toBe('/accounts/login/?next=/private/%3Fa%3D1');
  });

  it('ignores a next URL on another site and goes to LOGIN_REDIRECT_URL', async () => {
    const client = new Client(server.url);
    for (const next of ['https://evil.example/', '//evil.example/', '\\\\evil.example']) {
      const response = await client.login('ann', 'la pompe 1958', next);
      expect(response.location).toBe('/accounts/profile/');
    }
  });

  it('logs out on POST only, and the old session cookie no longer authenticates', async () => {
    const client = new Client(server.url);
    await client.login('ann', 'la pompe 1958');
    const before = sessionKey(client);
    expect((await client.request('/accounts/logout/')).status).toBe(405);
    const out = await client.request('/accounts/logout/', { method: 'POST', form: {} });
    expect(out.status).toBe(200);
    expect(out.text).toContain('Logged out');
    expect(JSON.parse((await client.request('/whoami/')).text).authenticated).toBe(false);
    expect(await Session.objects.filter({ sessionKey: before }).exists()).toBe(false);
    const replay = new Client(server.url);
    replay.cookies.set('sessionid', before);
    expect(JSON.parse((await replay.request('/whoami/')).text).authenticated).toBe(false);
  });

  it('treats a forged session cookie as an anonymous visitor', async () => {
    const client = new Client(server.url);
    for (const forged of ['0123456789abcdefghijklmnopqrstuv', '%00%01', 'a'.repeat(4000)]) {
      client.cookies.set('sessionid', forged);
      const response = await client.request('/whoami/');
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text).authenticated).toBe(false);
    }
  });

  it('refuses inactive users like a wrong password', async () => {
    const response = await new Client(server.url).login('inactive', 'la pompe 1958');
    expect(response.status).toBe(200);
    expect(response.text).toContain('Please enter a correct username and password.');
  });

  it('answers a clear login failure, not an error page, for an unknown hasher prefix in the stored password', async () => {
    await User.objects.create({ username: 'legacy', password: 'bcrypt_sha256$$2b$12$abcdefghijklmnopqrstuuJx1S0zZ0zZ0zZ0zZ0zZ0zZ0zZ0zZ0zZ', email: '' });
    const response = await new Client(server.url).login('legacy', 'whatever');
    expect(response.status).toBe(200);
    expect(response.text).toContain('Please enter a correct username and password.');
    expect(server.errors).toEqual([]);
    expect((await User.objects.get({ username: 'legacy' })).password).toMatch(/^bcrypt_sha256\$/);
  });

  it('refuses an over-long password before hashing it, with the same answer as a wrong one', async () => {
    const response = await new Client(server.url).login('ann', 'x'.repeat(5000));
    expect(response.status).toBe(200);
    expect(response.text).toContain('Please enter a correct username and password.');
  });

  it('logs in a user whose password Django stored, and upgrades the hash to the preferred hasher', async () => {
    const old = vectors.vectors.find((v) => v.algorithm === 'pbkdf2_sha256' && v.params.iterations === 600000)!;
    await User.objects.create({ username: 'from_django', password: old.encoded, email: '' });
    const client = new Client(server.url);
    expect((await client.login('from_django', old.password)).status).toBe(302);
    const stored = (await User.objects.get({ username: 'from_django' })).password;
    expect(stored).toMatch(/^pbkdf2_sha256\$1000\$/);
    // The upgraded hash keeps the session valid (the session hash was taken after the upgrade).
    expect(JSON.parse((await client.request('/whoami/')).text).authenticated).toBe(true);
    expect((await new Client(server.url).login('from_django', old.password)).status).toBe(302);
  });

  it('logs out other sessions when the password changes', async () => {
    await User.objects.createUser('bob', 'bob@example.com', 'first password 1');
    const laptop = new Client(server.url);
    const phone = new Client(server.url);
    await laptop.login('bob', 'first password 1');
    await phone.login('bob', 'first password 1');
    const change = await laptop.request('/accounts/password_change/', {
      form: { old_password: 'first password 1', new_password1: 'second password 2', new_password2: 'second password 2' },
    });
    expect(change.status).toBe(302);
    expect(change.location).toBe('/accounts/password_change/done/');
    expect(JSON.parse((await laptop.request('/whoami/')).text).authenticated).toBe(true);
    expect(JSON.parse((await phone.request('/whoami/')).text).authenticated).toBe(false);
    expect((await laptop.request('/accounts/password_change/done/')).text).toContain('Your password was changed.');
  });

  it('refuses a password change with a wrong old password or mismatched new ones', async () => {
    await User.objects.createUser('carla', '', 'carla password 1');
    const client = new Client(server.url);
    await client.login('carla', 'carla password 1');
    const wrongOld = await client.request('/accounts/password_change/', {
      form: { old_password: 'nope', new_password1: 'new one 123', new_password2: 'new one 123' },
    });
    expect(wrongOld.text).toContain('Your old password was entered incorrectly. Please enter it again.');
    const mismatch = await client.request('/accounts/password_change/', {
      form: { old_password: 'carla password 1', new_password1: 'new one 123', new_password2: 'new one 124' },
    });
    expect(mismatch.text).toContain('The two password fields didn’t match.');
    expect(await (await User.objects.get({ username: 'carla' })).checkPassword('carla password 1')).toBe(true);
    expect((await new Client(server.url).request('/accounts/password_change/')).location).toBe('/accounts/login/?next=/accounts/password_change/');
  });
});
