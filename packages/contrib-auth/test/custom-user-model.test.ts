import * as contenttypesModels from '@manouche/contrib-contenttypes/models';
import { closeOrmConnections, configureOrm, connection, fields, modelStates, registeredModels, registerModels } from '@manouche/orm';
import { createModelTables } from '@manouche/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSettings } from '../src/auth-settings.js';
import { getUserModel } from '../src/backends.js';
import { AuthConfigurationError } from '../src/errors.js';
import { authenticate } from '../src/login.js';
import * as authModels from '../src/models.js';
import { AbstractUser, defineUserModel } from '../src/models.js';
import { UserManager } from '../src/user-manager.js';
import { FAST_HASHERS, testSettings } from './support.js';

class Member extends AbstractUser {
  static override objects = new UserManager(this);
}
class Musician extends defineUserModel({ instrument: fields.char({ maxLength: 50, default: 'guitar' }) }) {
  static override objects = new UserManager(this);
}

describe('a custom AUTH_USER_MODEL', () => {
  beforeAll(async () => {
    registerModels('contenttypes', contenttypesModels, { defaultAutoField: 'auto' });
    registerModels('auth', authModels, { defaultAutoField: 'auto' });
    registerModels('accounts', { Member, Musician, AbstractUser });
    configureOrm({ databases: { default: { ENGINE: 'sqlite', NAME: ':memory:' } } });
    await createModelTables(connection(), [...modelStates('contenttypes'), ...modelStates('auth'), ...modelStates('accounts')], { useTz: true });
  });
  afterAll(() => closeOrmConnections());

  it('keeps AbstractUser abstract: only its subclasses get tables', () => {
    expect(registeredModels('accounts').map((model) => model.name)).toEqual(['Member', 'Musician']);
    expect(modelStates('accounts').map((state) => state.table)).toEqual(['accounts_member', 'accounts_musician']);
  });

  it('is the model getUserModel() and authenticate() use, with its extra fields', async () => {
    authSettings(testSettings({ AUTH_USER_MODEL: 'accounts.Musician', PASSWORD_HASHERS: FAST_HASHERS }));
    expect(getUserModel()).toBe(Musician);
    const django = await Musician.objects.createUser('django', 'django@example.com', 'nuages 1940', { instrument: 'guitar' });
    expect(django.instrument).toBe('guitar');
    const found = await authenticate(null, { username: 'django', password: 'nuages 1940' });
    expect(found).toBeInstanceOf(Musician);
    authSettings(testSettings({ AUTH_USER_MODEL: 'accounts.Member', PASSWORD_HASHERS: FAST_HASHERS }));
    expect(await authenticate(null, { username: 'django', password: 'nuages 1940' })).toBeNull();
  });

  it('says so when AUTH_USER_MODEL names a model that is not installed', () => {
    authSettings(testSettings({ AUTH_USER_MODEL: 'accounts.Nobody' }));
    expect(() => getUserModel()).toThrow(AuthConfigurationError);
    expect(() => getUserModel()).toThrow("AUTH_USER_MODEL refers to model 'accounts.Nobody' that has not been installed");
  });
});
