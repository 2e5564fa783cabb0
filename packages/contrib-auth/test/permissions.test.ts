import type { Project } from '@manouche/contracts';
import { ContentType } from '@manouche/contrib-contenttypes';
import { HttpResponse, View, type HttpRequest } from '@manouche/core';
import { auth, type PermWrapper } from '../src/context_processors.js';
import { connection } from '@manouche/orm';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginRequiredMixin, PermissionRequiredMixin, permissionRequired, UserPassesTestMixin, userPassesTest } from '../src/access.js';
import { authSettings } from '../src/auth-settings.js';
import { clearPermissionCache } from '../src/backends.js';
import { createPermissions } from '../src/create-permissions.js';
import { Group, Permission, User } from '../src/models.js';
import { AnonymousUser } from '../src/anonymous-user.js';
import { Client, contribApps, migratedDatabase, serveAuth, testSettings } from './support.js';

const project = { apps: { getAppConfigs: () => contribApps } } as unknown as Project;

class StaffPage extends UserPassesTestMixin(View) {
  override testFunc() {
    return this.request.user.isStaff === true;
  }
  get() {
    return new HttpResponse('staff only');
  }
}
class Dashboard extends LoginRequiredMixin(View) {
  get(request: HttpRequest) {
    return new HttpResponse(`dashboard of ${request.user.getUsername()}`);
  }
}
class GroupEditor extends PermissionRequiredMixin(View) {
  override permissionRequired = 'auth.change_group';
  get() {
    return new HttpResponse('editing groups');
  }
}

describe.each(testDatabaseTargets())('permissions on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await migratedDatabase(dialect);
    authSettings(testSettings());
  });
  afterAll(() => testDb?.drop());

  it('creates view/add/change/delete permissions and content types for every installed model after migrate, once', async () => {
    ContentType.objects.clearCache();
    expect(await createPermissions({ project, database: 'default' })).toBe(20);
    expect(await createPermissions({ project, database: 'default' })).toBe(0);
    const types = await ContentType.objects.orderBy('appLabel', 'model').valuesList('appLabel', 'model');
    expect(types).toEqual([
      ['auth', 'group'],
      ['auth', 'permission'],
      ['auth', 'user'],
      ['contenttypes', 'contenttype'],
      ['sessions', 'session'],
    ]);
    const userType = await ContentType.objects.getForModel(User);
    const codenames = await Permission.objects
      .filter({ contentType: userType.pk } as never)
      .orderBy('codename')
      .valuesList('codename', { flat: true });
    expect(codenames).toEqual(['add_user', 'change_user', 'delete_user', 'view_user']);
    const view = await Permission.objects.get({ codename: 'view_user' });
    expect(view.name).toBe('Can view user');
  });

  it('answers hasPerm from the user, its groups, superuser status and activity', async () => {
    const editors = await Group.objects.create({ name: 'editors' });
    await editors.permissions.add(await Permission.objects.get({ codename: 'change_group' }));
    const ann = await User.objects.createUser('perm-ann', '', 'x');
    await ann.userPermissions.add(await Permission.objects.get({ codename: 'view_user' }));
    expect(await ann.hasPerm('auth.view_user')).toBe(true);
    expect(await ann.hasPerm('auth.change_group')).toBe(false);
    await ann.groups.add(editors);
    clearPermissionCache(ann);
    expect(await ann.hasPerms(['auth.view_user', 'auth.change_group'])).toBe(true);
    expect(await ann.hasModulePerms('auth')).toBe(true);
    expect(await ann.hasModulePerms('sessions')).toBe(false);
    expect([...(await ann.getGroupPermissions())]).toEqual(['auth.change_group']);
    expect([...(await ann.getAllPermissions())].sort()).toEqual(['auth.change_group', 'auth.view_user']);
    const root = await User.objects.createSuperuser('perm-root', '', 'x');
    expect(await root.hasPerm('anything.at_all')).toBe(true);
    ann.isActive = false;
    expect(await ann.hasPerm('auth.view_user')).toBe(false);
    expect(await new AnonymousUser().hasPerm('auth.view_user')).toBe(false);
  });

  it('gives templates a perms that queries nothing until asked, then once per request', async () => {
    const reader = await User.objects.createUser('perm-reader', '', 'reader pass');
    await reader.userPermissions.add(await Permission.objects.get({ codename: 'change_group' }));
    const fresh = await User.objects.get({ pk: reader.pk });
    const queries: string[] = [];
    const stop = connection().addQueryListener((event) => queries.push(event.sql));
    try {
      const perms = (await auth({ user: fresh })).perms as PermWrapper;
      expect(queries).toEqual([]);
      expect(await perms.has('auth.change_group')).toBe(true);
      const afterFirst = queries.length;
      expect(afterFirst).toBeGreaterThan(0);
      expect(await perms.has('auth.delete_group')).toBe(false);
      expect(await perms.hasModule('auth')).toBe(true);
      expect([...(await perms.all())]).toEqual(['auth.change_group']);
      expect(queries.length).toBe(afterFirst);
    } finally {
      stop();
    }
    const anonymousPerms = (await auth({ user: new AnonymousUser() })).perms as PermWrapper;
    expect(await anonymousPerms.has('auth.change_group')).toBe(false);
  });

  it('guards function views and class-based views over HTTP', async () => {
    await User.objects.createUser('plain', '', 'plain pass');
    await User.objects.createUser('staffer', '', 'staff pass', { isStaff: true });
    const editor = await User.objects.createUser('editor', '', 'editor pass');
    await editor.groups.add(await Group.objects.get({ name: 'editors' }));
    const server = await serveAuth(testSettings(), {
      'staff/': StaffPage.asView(),
      'dashboard/': Dashboard.asView(),
      'groups/': GroupEditor.asView(),
      'fn-groups/': permissionRequired('auth.change_group', async () => new HttpResponse('fn editing groups'), { raiseException: true }),
      'fn-staff/': userPassesTest(
        (user) => user.isStaff === true,
        async () => new HttpResponse('fn staff'),
        { loginUrl: '/elsewhere/' },
      ),
      'perms/': async (request: HttpRequest) => new HttpResponse(`perms: ${await ((await auth(request)).perms as PermWrapper).has('auth.change_group')}`),
    });
    try {
      const anonymous = new Client(server.url);
      expect((await anonymous.request('/dashboard/')).location).toBe('/accounts/login/?next=/dashboard/');
      expect((await anonymous.request('/groups/')).location).toBe('/accounts/login/?next=/groups/');
      expect((await anonymous.request('/fn-staff/')).location).toBe('/elsewhere/?next=/fn-staff/');
      const plain = new Client(server.url);
      await plain.login('plain', 'plain pass');
      expect((await plain.request('/dashboard/')).text).toBe('dashboard of plain');
      expect((await plain.request('/groups/')).status).toBe(403);
      expect((await plain.request('/fn-groups/')).status).toBe(403);
      expect((await plain.request('/staff/')).status).toBe(403);
      expect((await plain.request('/perms/')).text).toBe('perms: false');
      const staff = new Client(server.url);
      await staff.login('staffer', 'staff pass');
      expect((await staff.request('/staff/')).text).toBe('staff only');
      expect((await staff.request('/fn-staff/')).text).toBe('fn staff');
      const editorClient = new Client(server.url);
      await editorClient.login('editor', 'editor pass');
      expect((await editorClient.request('/groups/')).text).toBe('editing groups');
      expect((await editorClient.request('/fn-groups/')).text).toBe('fn editing groups');
      expect((await editorClient.request('/perms/')).text).toBe('perms: true');
    } finally {
      await server.close();
    }
  });
});
