import { createAppRegistry } from '@manouche/core';
import { describe, expect, it } from 'vitest';
import { authSettings } from '../src/auth-settings.js';
import { packageDir, testSettings } from './support.js';

describe('the auth app as INSTALLED_APPS loads it', () => {
  it('takes the project settings at ready(), so scripts and the shell see AUTH_USER_MODEL and PASSWORD_HASHERS', async () => {
    const settings = testSettings({ AUTH_USER_MODEL: 'accounts.Member', PASSWORD_HASHERS: ['manouche.contrib.auth.hashers.ScryptPasswordHasher'] });
    const apps = await createAppRegistry(['manouche.contrib.auth'], {
      importModule: () => import('../src/index.js'),
      resolveAppPath: () => packageDir,
      settings,
    });
    expect(authSettings()).toMatchObject({ AUTH_USER_MODEL: 'accounts.Member', PASSWORD_HASHERS: ['manouche.contrib.auth.hashers.ScryptPasswordHasher'] });
    const auth = apps.getAppConfig('auth');
    expect(auth.commands?.map((command) => command.name)).toEqual(['createsuperuser', 'changepassword']);
    expect(typeof auth.postMigrate).toBe('function');
  });
});
