/**
 * The logged-in user's password change in the admin: linked from every page's header, the old
 * password checked, AUTH_PASSWORD_VALIDATORS honoured, and the session kept (other sessions end).
 */
import { User } from '@manouche/contrib-auth';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site } from './support/site.js';
import { AdminClient, migratedDatabase, serveAdmin, testSettings } from './support/stack.js';

const OLD = 'la pompe 1958';
const NEW = 'Djangology 1949 Rome';

// One database is enough here: the views only read and write one user row.
const [sqlite] = testDatabaseTargets();

describe('changing the password in the admin', () => {
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof serveAdmin>>;

  beforeAll(async () => {
    testDb = await migratedDatabase(sqlite!.dialect);
    await User.objects.createUser('staff', 'staff@example.com', OLD, { isStaff: true });
    server = await serveAdmin(site, testSettings({ AUTH_PASSWORD_VALIDATORS: [{ NAME: 'manouche.contrib.auth.password_validation.MinimumLengthValidator' }] }));
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  it('sends anonymous visitors to the login page', async () => {
    const anonymous = new AdminClient(server.url);
    const response = await anonymous.get('/admin/password_change/');
    expect(response.status).toBe(302);
    expect(response.location).toBe('/admin/login/?next=%2Fadmin%2Fpassword_change%2F');
  });

  it('links the form from the header and shows each error next to its field', async () => {
    const client = new AdminClient(server.url);
    await client.login('staff', OLD);
    const index = await client.get('/admin/');
    expect(index.text).toContain('<a href="/admin/password_change/">Change password</a>');
    const form = await client.get('/admin/password_change/');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<title>Password change | Shop admin</title>');
    expect(form.text).toMatch(/<input type="password" name="old_password" id="id_old_password" autocomplete="current-password"/);

    const wrongOld = await client.post('/admin/password_change/', { old_password: 'nope', new_password1: NEW, new_password2: NEW });
    expect(wrongOld.status).toBe(200);
    expect(wrongOld.text).toContain('Your old password was entered incorrectly. Please enter it again.');
    const tooShort = await client.post('/admin/password_change/', { old_password: OLD, new_password1: 'short', new_password2: 'short' });
    expect(tooShort.text).toContain('This password is too short. It must contain at least 8 characters.');
    const mismatch = await client.post('/admin/password_change/', { old_password: OLD, new_password1: NEW, new_password2: `${NEW}!` });
    expect(mismatch.text).toContain('The two password fields didn’t match.');
    expect(await (await User.objects.get({ username: 'staff' })).checkPassword(OLD)).toBe(true);
  });

  it('changes the password, keeps this session logged in and ends the others', async () => {
    const other = new AdminClient(server.url);
    await other.login('staff', OLD);
    expect((await other.get('/admin/')).status).toBe(200);

    const client = new AdminClient(server.url);
    await client.login('staff', OLD);
    await client.get('/admin/password_change/');
    const changed = await client.post('/admin/password_change/', { old_password: OLD, new_password1: NEW, new_password2: NEW });
    expect(changed.status).toBe(302);
    expect(changed.location).toBe('/admin/password_change/done/');
    const done = await client.get('/admin/password_change/done/');
    expect(done.status).toBe(200);
    expect(done.text).toContain('Your password was changed.');
    expect((await client.get('/admin/')).status).toBe(200);
    expect(await (await User.objects.get({ username: 'staff' })).checkPassword(NEW)).toBe(true);

    const stale = await other.get('/admin/');
    expect(stale.status).toBe(302);
    expect(stale.location).toContain('/admin/login/');
  });
});
