/**
 * Users and groups in the admin (Django's UserAdmin and GroupAdmin): registered on the default
 * site by the admin app's ready() when auth is installed, the add form with the password twice,
 * the password shown masked and set only through its own form, and auth's permissions honoured.
 */
import { Group, Permission, User } from '@manouche/contrib-auth';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSite } from '../src/admin-site.js';
import { AlreadyRegistered } from '../src/errors.js';
import { appConfig, groupAdminOptions, registerAuthAdmin, userAdminOptions } from '../src/index.js';
import { site } from '../src/site.js';
import { AdminClient, migratedDatabase, serveAdmin, testSettings } from './support/stack.js';

const PASSWORD = 'la pompe 1958';
const NEW_PASSWORD = 'Nuages 1940 Paris';
const HOSTILE = `<script>alert(1)</script>"'&`;

// The admin app's ready(), as setup() runs it before importing the project's admin modules.
appConfig.ready({ settings: testSettings() });

async function userNamed(username: string) {
  return User.objects.get({ username });
}

describe.each(testDatabaseTargets())('users and groups in the admin on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof serveAdmin>>;
  let root: AdminClient;

  beforeAll(async () => {
    testDb = await migratedDatabase(dialect);
    await User.objects.createSuperuser('root', 'root@example.com', PASSWORD);
    await User.objects.createUser('clerk', 'clerk@example.com', PASSWORD, { isStaff: true });
    server = await serveAdmin(site, testSettings({ AUTH_PASSWORD_VALIDATORS: [{ NAME: 'manouche.contrib.auth.password_validation.MinimumLengthValidator' }] }));
    root = new AdminClient(server.url);
    await root.login('root', PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  it('lists Users and Groups under Authentication and Authorization for a superuser', async () => {
    const index = await root.get('/admin/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('Authentication and Authorization');
    expect(index.text).toContain('href="/admin/auth/user/"');
    expect(index.text).toContain('href="/admin/auth/group/"');
    const users = await root.get('/admin/auth/user/?q=clerk');
    expect(users.status).toBe(200);
    expect(users.text).toContain('clerk@example.com');
    expect(users.text).not.toContain('root@example.com');
  });

  it('adds a user through the add form, opens its change page, and the user can log in with that password', async () => {
    const form = await root.get('/admin/auth/user/add/');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<input type="text" name="username"/);
    expect(form.text).toContain('name="password1"');
    expect(form.text).toContain('name="password2"');
    const added = await root.post('/admin/auth/user/add/', { username: 'stephane', password1: NEW_PASSWORD, password2: NEW_PASSWORD, _save: 'Save' });
    expect(added.status).toBe(302);
    const user = await userNamed('stephane');
    expect(added.location).toBe(`/admin/auth/user/${user.pk}/change/`);
    expect(user.password).not.toContain(NEW_PASSWORD);
    expect(await user.checkPassword(NEW_PASSWORD)).toBe(true);
    const change = await root.get(added.location!);
    expect(change.text).toContain('The user “stephane” was added successfully. You may edit it again below.');

    // Only staff may log in to the admin: the new user's login proves the stored hash.
    await User.objects.filter({ pk: user.pk }).update({ isStaff: true });
    const client = new AdminClient(server.url);
    const login = await client.login('stephane', NEW_PASSWORD);
    expect(login.status).toBe(302);
    expect(login.location).toBe('/admin/');
  });

  it('refuses mismatched, too short and duplicate entries on the add form, saving nothing', async () => {
    await root.get('/admin/auth/user/add/');
    const mismatch = await root.post('/admin/auth/user/add/', { username: 'django', password1: NEW_PASSWORD, password2: `${NEW_PASSWORD}!` });
    expect(mismatch.status).toBe(200);
    expect(mismatch.text).toContain('The two password fields didn’t match.');
    expect(mismatch.text).toContain('value="django"');
    const short = await root.post('/admin/auth/user/add/', { username: 'django', password1: 'short', password2: 'short' });
    expect(short.text).toContain('This password is too short. It must contain at least 8 characters.');
    const duplicate = await root.post('/admin/auth/user/add/', { username: 'clerk', password1: NEW_PASSWORD, password2: NEW_PASSWORD });
    expect(duplicate.status).toBe(200);
    expect(duplicate.text).toContain('class="errorlist" id="id_username_error"');
    expect(await User.objects.filter({ username: 'django' }).count()).toBe(0);
    expect(await User.objects.filter({ username: 'clerk' }).count()).toBe(1);
  });

  it('shows the password masked with a link to its form, and a forged password in the change form is ignored', async () => {
    const clerk = await userNamed('clerk');
    const [, iterations, salt, hash] = clerk.password.split('$');
    const page = await root.get(`/admin/auth/user/${clerk.pk}/change/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<strong>iterations</strong>: <bdi>${iterations}</bdi>`);
    expect(page.text).toContain(`<strong>salt</strong>: <bdi>${salt!.slice(0, 6)}${'*'.repeat(salt!.length - 6)}</bdi>`);
    expect(page.text).not.toContain(hash);
    expect(page.text).not.toContain(salt);
    expect(page.text).not.toMatch(/<input[^>]*name="password"/);
    expect(page.text).toContain('<a href="../password/">this form</a>');
    for (const heading of ['Personal info', 'Permissions', 'Important dates']) expect(page.text).toContain(`<h2 class="fieldset-heading">${heading}</h2>`);
    expect(page.text).toMatch(/<select[^>]*name="groups"[^>]*class="selectfilter"|class="selectfilter"[^>]*name="groups"/);

    const editors = await Group.objects.create({ name: 'Editors' });
    const saved = await root.post(`/admin/auth/user/${clerk.pk}/change/`, {
      username: 'clerk',
      password: 'pbkdf2_sha256$1$forged$forged',
      firstName: HOSTILE,
      lastName: '',
      email: 'clerk@example.com',
      isActive: 'on',
      isStaff: 'on',
      groups: String(editors.pk),
      lastLogin: '',
      dateJoined: '2024-01-01T10:00',
      _save: 'Save',
    });
    expect(saved.status).toBe(302);
    const after = await userNamed('clerk');
    expect(after.password).toBe(clerk.password);
    expect(after.firstName).toBe(HOSTILE);
    expect((await (after as unknown as { groups: { all(): Promise<Array<{ name: string }>> } }).groups.all()).map((group) => group.name)).toEqual(['Editors']);
    const list = await root.get('/admin/auth/user/');
    expect(list.text).not.toContain(HOSTILE);
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it("sets another user's password on its own page: the old one stops working and the hash is never shown", async () => {
    const clerk = await userNamed('clerk');
    const url = `/admin/auth/user/${clerk.pk}/password/`;
    const form = await root.get(url);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<title>Change password: clerk | Manouche site admin</title>');
    expect(form.text).not.toContain(clerk.password.split('$')[3]);
    const mismatch = await root.post(url, { password1: NEW_PASSWORD, password2: 'other password 1' });
    expect(mismatch.text).toContain('The two password fields didn’t match.');
    const changed = await root.post(url, { password1: NEW_PASSWORD, password2: NEW_PASSWORD });
    expect(changed.status).toBe(302);
    expect(changed.location).toBe(`/admin/auth/user/${clerk.pk}/change/`);
    const after = await userNamed('clerk');
    expect(await after.checkPassword(PASSWORD)).toBe(false);
    expect(await after.checkPassword(NEW_PASSWORD)).toBe(true);
    expect((await new AdminClient(server.url).login('clerk', PASSWORD)).status).toBe(200);
    // The superuser's own session is untouched by changing someone else's password.
    expect((await root.get('/admin/')).status).toBe(200);
  });

  it('keeps the session logged in when a user sets their own password', async () => {
    await User.objects.createSuperuser('self', 'self@example.com', PASSWORD);
    const client = new AdminClient(server.url);
    await client.login('self', PASSWORD);
    const me = await userNamed('self');
    await client.get(`/admin/auth/user/${me.pk}/password/`);
    const changed = await client.post(`/admin/auth/user/${me.pk}/password/`, { password1: NEW_PASSWORD, password2: NEW_PASSWORD });
    expect(changed.status).toBe(302);
    expect((await client.get('/admin/')).status).toBe(200);
  });

  it('edits groups with the permissions selector, searched by name', async () => {
    const page = await root.get('/admin/auth/group/add/');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/name="permissions"/);
    expect(page.text).toContain('selectfilter');
    const permission = await Permission.objects.get({ codename: 'change_user' });
    const added = await root.post('/admin/auth/group/add/', { name: `Staff ${HOSTILE}`, permissions: String(permission.pk), _save: 'Save' });
    expect(added.status).toBe(302);
    const group = await Group.objects.get({ name: `Staff ${HOSTILE}` });
    expect((await (group as unknown as { permissions: { all(): Promise<Array<{ codename: string }>> } }).permissions.all()).map((p) => p.codename)).toEqual([
      'change_user',
    ]);
    const list = await root.get('/admin/auth/group/?q=Staff');
    expect(list.text).toContain('Staff &lt;script&gt;');
    expect(list.text).not.toContain(HOSTILE);
  });

  it('gives a staff user without auth permissions no Users or Groups: 403 on their pages', async () => {
    await User.objects.createUser('intern', 'intern@example.com', PASSWORD, { isStaff: true });
    const intern = new AdminClient(server.url);
    await intern.login('intern', PASSWORD);
    const index = await intern.get('/admin/');
    expect(index.status).toBe(200);
    expect(index.text).not.toContain('/admin/auth/user/');
    const root_ = await userNamed('root');
    for (const url of [
      '/admin/auth/user/',
      '/admin/auth/user/add/',
      `/admin/auth/user/${root_.pk}/change/`,
      `/admin/auth/user/${root_.pk}/password/`,
      '/admin/auth/group/',
    ]) {
      expect((await intern.get(url)).status, url).toBe(403);
    }
    await intern.get('/admin/');
    expect((await intern.post(`/admin/auth/user/${root_.pk}/password/`, { password1: NEW_PASSWORD, password2: NEW_PASSWORD })).status).toBe(403);
    expect(await (await userNamed('root')).checkPassword(PASSWORD)).toBe(true);
  });
});

describe('registering the auth models', () => {
  it('registers User and Group on the default site when auth is installed', () => {
    expect(site.isRegistered(User)).toBe(true);
    expect(site.isRegistered(Group)).toBe(true);
  });

  it('lets a project unregister User and register it with its own options built on userAdminOptions', () => {
    const projectSite = new AdminSite({ name: 'auth_admin_project' });
    registerAuthAdmin(projectSite, testSettings());
    expect(() => projectSite.register(User)).toThrow(AlreadyRegistered);
    projectSite.unregister(User);
    const own = projectSite.register(User, { ...userAdminOptions, listDisplay: ['username', 'lastLogin'] });
    // The ready() of a second setup in the same process keeps the project's registration.
    registerAuthAdmin(projectSite, testSettings());
    expect(projectSite.registrations().find((ma) => ma.model === (User as never))).toBe(own);
    expect(own.columns().map((column) => column.header)).toEqual(['Username', 'Last login']);
  });

  it('registers only Group when AUTH_USER_MODEL names another model, and nothing without auth', () => {
    const swapped = new AdminSite({ name: 'auth_admin_swapped' });
    registerAuthAdmin(swapped, testSettings({ AUTH_USER_MODEL: 'shop.Customer' }));
    expect(swapped.isRegistered(User)).toBe(false);
    expect(swapped.isRegistered(Group)).toBe(true);
    const withoutAuth = new AdminSite({ name: 'auth_admin_without' });
    registerAuthAdmin(withoutAuth, { INSTALLED_APPS: ['manouche.contrib.admin', 'manouche.contrib.contenttypes'] });
    expect(withoutAuth.registrations()).toEqual([]);
    expect(groupAdminOptions.filterHorizontal).toEqual(['permissions']);
  });
});
