import { ContentType } from '@manouche/contrib-contenttypes/models';
import * as contenttypesModels from '@manouche/contrib-contenttypes/models';
import { dumpData, loadData } from '@manouche/fixtures';
import { createModelTables } from '@manouche/migrations';
import { closeOrmConnections, configureOrm, connection, modelStates, registerModels } from '@manouche/orm';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as authModels from '../src/models.js';
import { Group, Permission, User } from '../src/models.js';

describe("natural keys for dumpdata/loaddata (Django's natural_key / get_by_natural_key)", () => {
  beforeAll(async () => {
    registerModels('contenttypes', contenttypesModels, { defaultAutoField: 'auto' });
    registerModels('auth', authModels, { defaultAutoField: 'auto' });
    configureOrm({ databases: { default: { ENGINE: 'sqlite', NAME: ':memory:' } } });
    await createModelTables(connection(), [...modelStates('contenttypes'), ...modelStates('auth')], { useTz: true });
  });
  afterAll(() => closeOrmConnections());

  /** The permission row migrate would create (post-migrate needs a whole project; the rows are what matter here). */
  async function createChangeUserPermission(): Promise<void> {
    const contentType = await ContentType.objects.getForModel(User);
    await Permission.objects.create({ name: 'Can change user', codename: 'change_user', contentType } as never);
  }

  it('writes users, groups and permissions by natural key and loads them back into a database with other ids', async () => {
    await createChangeUserPermission();
    const changeUser = await Permission.objects.getByNaturalKey('change_user', 'auth', 'user');
    expect(await changeUser.naturalKey()).toEqual(['change_user', 'auth', 'user']);
    const editors = await Group.objects.create({ name: 'editors' });
    await editors.permissions.add(changeUser);
    const django = await User.objects.create({ username: 'django', password: '!' });
    await django.groups.add(editors);
    await django.userPermissions.add(changeUser);

    const objects = await dumpData({ labels: ['auth.Group', 'auth.User'], naturalForeign: true, naturalPrimary: true });
    expect(objects.find((o) => o.model === 'auth.group')).toEqual({
      model: 'auth.group',
      fields: { name: 'editors', permissions: [['change_user', 'auth', 'user']] },
    });
    expect(objects.find((o) => o.model === 'auth.user')?.fields).toMatchObject({
      username: 'django',
      groups: [['editors']],
      userPermissions: [['change_user', 'auth', 'user']],
    });

    // Another database where the same content types and permissions got other ids.
    const dir = mkdtempSync(path.join(tmpdir(), 'manouche-natural-keys-'));
    writeFileSync(path.join(dir, 'users.json'), JSON.stringify(objects));
    await User.objects.all().delete();
    await Group.objects.all().delete();
    const reordered = await ContentType.objects.getByNaturalKey('auth', 'user');
    await Permission.objects.filter({ contentType: reordered } as never).delete();
    await createChangeUserPermission();
    expect((await Permission.objects.getByNaturalKey('change_user', 'auth', 'user')).pk).not.toBe(changeUser.pk);

    await loadData([path.join(dir, 'users.json')], { cwd: dir, apps: [] });
    const loaded = await User.objects.getByNaturalKey('django');
    expect((await loaded.groups.all().fetch()).map((group) => group.name)).toEqual(['editors']);
    expect((await loaded.userPermissions.all().fetch()).map((permission) => permission.codename)).toEqual(['change_user']);
    expect(await (await Group.objects.getByNaturalKey('editors')).naturalKey()).toEqual(['editors']);
  });
});
