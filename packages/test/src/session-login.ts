/**
 * The Client's login(), forceLogin() and logout() (Django's): a session is made with the
 * project's SESSION_ENGINE, the user logged into it with `manouche.contrib.auth`'s login(), and
 * the session cookie handed to the Client — no login view needed.
 */
import type { HttpRequest } from '@manouche/core';
import type { CookieJar } from './cookie-jar.js';
import { TestToolsError } from './errors.js';
import { RequestFactory } from './request-factory.js';
import { testProject } from './test-environment.js';

function cookieName(settings: Record<string, unknown>): string {
  return typeof settings.SESSION_COOKIE_NAME === 'string' ? settings.SESSION_COOKIE_NAME : 'sessionid';
}

function requireApps(): void {
  const installed = testProject().settings.INSTALLED_APPS;
  for (const app of ['manouche.contrib.auth', 'manouche.contrib.sessions']) {
    if (!installed.includes(app)) throw new TestToolsError(`Client.login() needs '${app}' in INSTALLED_APPS.`, 'MANOUCHE_TEST_NO_AUTH');
  }
}

async function requestWithSession(cookies: CookieJar): Promise<HttpRequest> {
  const { sessionEngine } = await import('@manouche/contrib-sessions');
  const project = testProject();
  const request = (await RequestFactory.forProject()).get('/');
  const Store = sessionEngine(project.settings as never);
  request.session = new Store(cookies.get(cookieName(project.settings)) ?? null, project.settings as never);
  return request;
}

async function saveSession(request: HttpRequest, cookies: CookieJar): Promise<void> {
  await request.session.save();
  const key = request.session.sessionKey;
  if (key) cookies.set(cookieName(testProject().settings), key);
}

/** Authenticates `credentials` with the configured backends and logs the user in; false when they do not authenticate. */
export async function loginWithCredentials(cookies: CookieJar, credentials: Record<string, unknown>): Promise<boolean> {
  requireApps();
  const auth = await import('@manouche/contrib-auth');
  const request = await requestWithSession(cookies);
  const user = await auth.authenticate(request, credentials as never);
  if (!user) return false;
  await auth.login(request, user);
  await saveSession(request, cookies);
  return true;
}

/** Logs `user` in without checking a password (Django's force_login). */
export async function forceLoginUser(cookies: CookieJar, user: unknown, backend?: string): Promise<void> {
  requireApps();
  const auth = await import('@manouche/contrib-auth');
  const request = await requestWithSession(cookies);
  await auth.login(request, user as never, backend);
  await saveSession(request, cookies);
}

/** Logs out: the session is flushed on the server and the Client forgets its cookies. */
export async function logoutSession(cookies: CookieJar): Promise<void> {
  const installed = testProject().settings.INSTALLED_APPS;
  if (installed.includes('manouche.contrib.auth') && installed.includes('manouche.contrib.sessions')) {
    const auth = await import('@manouche/contrib-auth');
    const request = await requestWithSession(cookies);
    await auth.logout(request);
  }
  cookies.clear();
}
