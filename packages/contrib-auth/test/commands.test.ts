import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectDatabase } from '@manouche/orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword } from '../src/hashers.js';
import { bundleBin, runBin, runBinInTerminal, startServer, tempDir, type BinBundle } from './bin-support.js';

let bundle: BinBundle;
beforeAll(async () => {
  bundle = await bundleBin();
}, 120_000);
afterAll(() => bundle?.dispose());

/** A new project made by `startproject`, with the bundled meta-package installed. */
async function newProject(): Promise<string> {
  const cwd = tempDir();
  const made = await runBin(bundle.bin, ['startproject', 'mysite'], { cwd });
  expect(made.code).toBe(0);
  const dir = path.join(cwd, 'mysite');
  bundle.linkInto(dir);
  return dir;
}

async function query<T>(dir: string, sql: string): Promise<T[]> {
  const db = connectDatabase('inspect', { ENGINE: 'sqlite', NAME: path.join(dir, 'db.sqlite3') });
  try {
    return (await db.query(sql, [])) as T[];
  } finally {
    await db.close();
  }
}

const manouche = (dir: string, args: string[], env?: Record<string, string>) => runBin(bundle.bin, args, { cwd: dir, env });

describe('a new project from startproject', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await newProject();
  }, 60_000);

  it("installs the contrib apps, Django's MIDDLEWARE order, the auth context processor and the four validators", () => {
    const settings = readFileSync(path.join(dir, 'mysite/settings.ts'), 'utf8');
    for (const app of ['auth', 'contenttypes', 'sessions', 'messages', 'staticfiles']) expect(settings).toContain(`'manouche.contrib.${app}'`);
    const middleware = [...settings.matchAll(/'(manouche\.[\w.]+Middleware)'/g)].map((m) => m[1]!.split('.').pop());
    expect(middleware).toEqual([
      'SecurityMiddleware',
      'SessionMiddleware',
      'CommonMiddleware',
      'CsrfViewMiddleware',
      'AuthenticationMiddleware',
      'MessageMiddleware',
      'XFrameOptionsMiddleware',
    ]);
    expect(settings).toContain("'manouche.contrib.auth.context_processors.auth'");
    expect(settings.match(/password_validation\.\w+Validator/g)).toHaveLength(4);
  });

  it('passes check, and migrate creates the tables, content types and permissions (24, as in a new Django project)', async () => {
    expect(await manouche(dir, ['check'])).toMatchObject({ code: 0, stdout: 'System check identified no issues (0 silenced).\n' });
    const migrated = await manouche(dir, ['migrate']);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('Applying contenttypes.0001_initial... OK');
    expect(migrated.stdout).toContain('Applying auth.0001_initial... OK');
    expect(migrated.stdout).toContain('Applying sessions.0001_initial... OK');
    expect(migrated.stdout).toContain('Applying admin.0001_initial... OK');
    const tables = (await query<{ name: string }>(dir, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((row) => row.name);
    for (const table of [
      'auth_group',
      'auth_group_permissions',
      'auth_permission',
      'auth_user',
      'auth_user_groups',
      'auth_user_user_permissions',
      'django_admin_log',
      'django_content_type',
      'django_session',
    ]) {
      expect(tables).toContain(table);
    }
    expect((await query<{ n: number }>(dir, 'SELECT COUNT(*) AS n FROM auth_permission'))[0]!.n).toBe(24);
    expect(await query(dir, "SELECT app_label, model FROM django_content_type WHERE model = 'user'")).toEqual([{ app_label: 'auth', model: 'user' }]);
    const again = await manouche(dir, ['migrate']);
    expect(again.stdout).toContain('No migrations to apply.');
    expect((await query<{ n: number }>(dir, 'SELECT COUNT(*) AS n FROM auth_permission'))[0]!.n).toBe(24);
  });

  it('creates a superuser with --no-input from the MANOUCHE_SUPERUSER_* variables', async () => {
    const created = await manouche(dir, ['createsuperuser', '--no-input'], {
      MANOUCHE_SUPERUSER_USERNAME: 'admin',
      MANOUCHE_SUPERUSER_EMAIL: 'admin@Example.COM',
      MANOUCHE_SUPERUSER_PASSWORD: 'Minor-Swing-1937',
    });
    expect(created).toMatchObject({ code: 0, stdout: 'Superuser created successfully.\n' });
    const [admin] = await query<{ username: string; email: string; is_superuser: number; is_staff: number; password: string }>(
      dir,
      "SELECT * FROM auth_user WHERE username = 'admin'",
    );
    expect(admin).toMatchObject({ email: 'admin@example.com', is_superuser: 1, is_staff: 1 });
    expect(admin!.password).toMatch(/^pbkdf2_sha256\$1000000\$/);
    expect(await checkPassword('Minor-Swing-1937', admin!.password)).toBe(true);
  });

  it('explains what --no-input is missing, a taken username, and a password the validators refuse', async () => {
    const noName = await manouche(dir, ['createsuperuser', '--no-input']);
    expect(noName.code).toBe(1);
    expect(noName.stderr).toContain('You must use --username with --no-input (or set MANOUCHE_SUPERUSER_USERNAME).');
    const taken = await manouche(dir, ['createsuperuser', '--no-input', '--username', 'admin']);
    expect(taken.stderr).toContain('That username is already taken.');
    const weak = await manouche(dir, ['createsuperuser', '--no-input', '--username', 'weak'], { MANOUCHE_SUPERUSER_PASSWORD: '1234' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain(
      'MANOUCHE_SUPERUSER_PASSWORD: This password is too short. It must contain at least 8 characters. This password is too common. This password is entirely numeric.',
    );
  });

  it('asks for the username, email and a hidden password twice when run in a terminal', async () => {
    const run = await runBinInTerminal(
      bundle.bin,
      ['createsuperuser'],
      [
        ['Username', 'grappelli'],
        ['Email address: ', 'stephane@example.com'],
        ['Password: ', 'Nuages-1940-swing'],
        ['Password (again): ', 'Nuages-1940-typo'],
        ['Password: ', 'Nuages-1940-swing'],
        ['Password (again): ', 'Nuages-1940-swing'],
      ],
      { cwd: dir },
    );
    expect(run.output).toContain("Error: Your passwords didn't match.");
    expect(run.output).toContain('Superuser created successfully.');
    expect(run.output).not.toContain('Nuages');
    expect(run.code).toBe(0);
    const [user] = await query<{ password: string; is_superuser: number }>(dir, "SELECT * FROM auth_user WHERE username = 'grappelli'");
    expect(user!.is_superuser).toBe(1);
    expect(await checkPassword('Nuages-1940-swing', user!.password)).toBe(true);
  });

  it("changes a user's password with changepassword, hidden and typed twice", async () => {
    const run = await runBinInTerminal(
      bundle.bin,
      ['changepassword', 'admin'],
      [
        ['Password: ', 'Douce-Ambiance-42'],
        ['Password (again): ', 'Douce-Ambiance-42'],
      ],
      { cwd: dir },
    );
    expect(run.output).toContain("Password changed successfully for user 'admin'");
    expect(run.output).not.toContain('Douce');
    const [admin] = await query<{ password: string }>(dir, "SELECT password FROM auth_user WHERE username = 'admin'");
    expect(await checkPassword('Douce-Ambiance-42', admin!.password)).toBe(true);
    const unknown = await runBinInTerminal(bundle.bin, ['changepassword', 'nobody'], [], { cwd: dir });
    expect(unknown.output).toContain("user 'nobody' does not exist");
  });

  it('serves login with CSRF, sessions and auth together: the token is required, the session key rotates, staff pages stay closed', async () => {
    writeFileSync(
      path.join(dir, 'mysite/urls.ts'),
      [
        "import { HttpResponse } from 'manouche/core';",
        "import { include, path } from 'manouche/routing';",
        "import { userPassesTest } from 'manouche/contrib/auth';",
        'const staffPage = userPassesTest((user) => user.isStaff, async (request) => new HttpResponse(`staff page for ${request.user.getUsername()}`));',
        "export default [path('accounts/', include('manouche.contrib.auth.urls')), path('staff/', staffPage)];",
        '',
      ].join('\n'),
    );
    const server = await startServer(bundle.bin, dir);
    try {
      const jar = new Map<string, string>();
      const send = async (pathname: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
        const response = await fetch(server.url + pathname, { ...init, headers, redirect: 'manual' });
        for (const line of response.headers.getSetCookie()) {
          const [pair] = line.split(';');
          const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
        return response;
      };
      expect((await send('/staff/')).headers.get('location')).toBe('/accounts/login/?next=/staff/');
      const page = await send('/accounts/login/?next=/staff/');
      const html = await page.text();
      const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html)?.[1];
      expect(token).toBeDefined();
      const form = (extra: Record<string, string>) => ({
        method: 'POST',
        body: new URLSearchParams({ username: 'admin', password: 'Douce-Ambiance-42', next: '/staff/', ...extra }),
        headers: { origin: server.url },
      });
      const refused = await send('/accounts/login/', form({}));
      expect(refused.status).toBe(403);
      const before = jar.get('sessionid');
      const loggedIn = await send('/accounts/login/', form({ csrfmiddlewaretoken: token! }));
      expect(loggedIn.status).toBe(302);
      expect(loggedIn.headers.get('location')).toBe('/staff/');
      expect(jar.get('sessionid')).toBeDefined();
      expect(jar.get('sessionid')).not.toBe(before);
      expect(await (await send('/staff/')).text()).toBe('staff page for admin');
    } finally {
      await server.stop();
    }
  });

  it('clears expired sessions with clearsessions', async () => {
    expect(await manouche(dir, ['clearsessions'])).toMatchObject({ code: 0, stdout: 'Expired sessions cleared.\n' });
  });

  it('reports an unimportable MIDDLEWARE entry in check, naming the Manouche name for a Django one', async () => {
    const file = path.join(dir, 'mysite/settings.ts');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(
        file,
        original.replace(
          "'manouche.middleware.clickjacking.XFrameOptionsMiddleware',",
          "'manouche.middleware.clickjacking.XFrameOptionsMiddleware',\n    'django.contrib.sessions.middleware.SessionMiddleware',\n    'mysite.nowhere.Missing',",
        ),
      );
      const check = await manouche(dir, ['check']);
      expect(check.code).toBe(1);
      expect(check.stdout + check.stderr).toContain("MIDDLEWARE entry 'django.contrib.sessions.middleware.SessionMiddleware': (middleware.E001)");
      expect(check.stdout + check.stderr).toContain("HINT: Use 'manouche.contrib.sessions.middleware.SessionMiddleware'");
      expect(check.stdout + check.stderr).toContain("MIDDLEWARE entry 'mysite.nowhere.Missing': (middleware.E001)");
    } finally {
      writeFileSync(file, original);
    }
  });
});
