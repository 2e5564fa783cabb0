import { authenticate, login, logout } from '@manouche/contrib-auth';
import { HttpResponseNotAllowed, HttpResponseRedirect, render, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { AdminSite } from '../admin-site.js';

const STAFF_ERROR = 'Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.';

/** A `next` that stays on this site: a path, not `//host` or a scheme. */
export function safeNext(next: string | undefined, fallback: string): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\r\n]/.test(next)) return fallback;
  return next;
}

/** The admin's login page (Django's AdminSite.login): only active staff may log in here. */
export async function loginView(site: AdminSite, request: HttpRequest): Promise<HttpResponseBase> {
  const index = site.reverse('index');
  const next = request.method === 'POST' ? ((await request.post()).get('next') ?? request.query.get('next')) : request.query.get('next');
  if (request.method === 'GET' && site.hasPermission(request)) return new HttpResponseRedirect(safeNext(next, index));
  let error: string | null = null;
  let username = '';
  if (request.method === 'POST') {
    const data = await request.post();
    username = data.get('username') ?? '';
    const password = data.get('password') ?? '';
    const user = username && password ? await authenticate(request, { username, password }) : null;
    const staff = user as unknown as { isActive?: boolean; isStaff?: boolean } | null;
    if (user && staff?.isActive && staff.isStaff) {
      await login(request, user);
      return new HttpResponseRedirect(safeNext(next, index));
    }
    error = STAFF_ERROR;
  } else if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new HttpResponseNotAllowed(['GET', 'POST']);
  }
  return render(
    request,
    'admin/login.html',
    {
      ...site.eachContext(request),
      title: 'Log in',
      error,
      username,
      next: next ?? '',
      loggedInAsNonStaff: request.method === 'GET' && (request as unknown as { user?: { isAuthenticated: boolean } }).user?.isAuthenticated === true,
    },
    { status: 200 },
  );
}

/** Logs out (POST only, as Django 5) and shows the logged-out page. */
export async function logoutView(site: AdminSite, request: HttpRequest): Promise<HttpResponseBase> {
  if (request.method !== 'POST') return new HttpResponseNotAllowed(['POST']);
  await logout(request);
  return render(request, 'admin/logged_out.html', { ...site.eachContext(request), title: 'Logged out' });
}
