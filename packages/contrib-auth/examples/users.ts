// The README example: users, passwords, groups and permissions in a plain script on SQLite.
import { authenticate, authSettings, checkPassword, Group, Permission, User } from '@manouche/contrib-auth';
import * as authModels from '@manouche/contrib-auth/models';
import { ContentType } from '@manouche/contrib-contenttypes';
import * as contenttypesModels from '@manouche/contrib-contenttypes/models';
import { configureOrm, connection, modelStates, registerModels } from '@manouche/orm';
import { createModelTables } from '@manouche/migrations';

export async function runExample() {
  registerModels('contenttypes', contenttypesModels, { defaultAutoField: 'auto' });
  registerModels('auth', authModels, { defaultAutoField: 'auto' });
  configureOrm({ databases: { default: { ENGINE: 'sqlite', NAME: ':memory:' } } });
  // Tables normally come from `manouche migrate` (which also creates every model's permissions).
  await createModelTables(connection(), [...modelStates('contenttypes'), ...modelStates('auth')], { useTz: true });
  authSettings({ SECRET_KEY: 'an-example-secret-key-that-is-long-enough-0123456789' });

  const ann = await User.objects.createUser('ann', 'ann@example.com', 'minor swing 1937');
  const editors = await Group.objects.create({ name: 'editors' });
  const contentType = await ContentType.objects.getForModel(Group);
  await editors.permissions.add(await Permission.objects.create({ name: 'Can change group', contentType, codename: 'change_group' }));
  await ann.groups.add(editors);

  const loggedIn = await authenticate(null, { username: 'ann', password: 'minor swing 1937' });
  return {
    stored: ann.password.split('$').slice(0, 2).join('$'), // 'pbkdf2_sha256$1000000': Django 5.2's format and cost
    authenticated: loggedIn?.getUsername(), // 'ann'
    wrongPassword: await authenticate(null, { username: 'ann', password: 'nope' }), // null
    canChangeGroups: await ann.hasPerm('auth.change_group'), // true, through the group
    djangoHash: await checkPassword('correct horse battery staple', 'pbkdf2_sha256$600000$seasalt2024abcdefghijk$0YtSmr4x98/+PlSGcjzdV+DhegHfUFStpnBFihwfbME='), // true
  };
}
