import type { CheckMessage, Settings, SystemCheck } from '@manouche/contracts';
import { REFERRER_POLICY_VALUES } from './builtin-settings.js';

const SECRET_KEY_MIN_LENGTH = 50;
const SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5;
const INSECURE_PREFIXES = ['django-insecure-', 'manouche-insecure-'];

/** Middleware and apps are matched by their last dotted segment, so Django's and Manouche's names both count. */
function hasMiddleware(settings: Settings, className: string): boolean {
  return (settings.MIDDLEWARE ?? []).some((entry) => entry.split(/[.:/]/).pop() === className);
}

function hasSessionsApp(settings: Settings): boolean {
  return (settings.INSTALLED_APPS ?? []).some((app) => /(^|[./])sessions$/.test(app));
}

function warning(id: string, message: string, obj?: string): CheckMessage {
  return obj === undefined ? { id, level: 'warning', message } : { id, level: 'warning', message, obj };
}

function secretKeyIsWeak(key: unknown): boolean {
  if (typeof key !== 'string') return true;
  return (
    key.length < SECRET_KEY_MIN_LENGTH || new Set(key).size < SECRET_KEY_MIN_UNIQUE_CHARACTERS || INSECURE_PREFIXES.some((prefix) => key.startsWith(prefix))
  );
}

const sessionCookieMessage = (start: string) =>
  `${start} Using a secure-only session cookie makes it more difficult for network traffic sniffers to hijack user sessions.`;

/**
 * Django's `check --deploy` security checks over the effective settings, with Django's ids and wording:
 * W001/W002/W003 (missing security, clickjacking, CSRF middleware), W004/W005/W021 (HSTS), W006 (nosniff),
 * W008 (SSL redirect), W009 (weak SECRET_KEY), W010/W011/W012 (session cookie), W016 (CSRF cookie),
 * W018 (DEBUG), W019 (X_FRAME_OPTIONS), W020 (ALLOWED_HOSTS), W022/E023 (referrer policy).
 * Middleware-dependent checks follow Django: they apply when that middleware is installed.
 *
 * @example
 * for (const message of checkDeploy(settings)) console.warn(`${message.id}: ${message.message}`);
 */
export function checkDeploy(settings: Settings): CheckMessage[] {
  const messages: CheckMessage[] = [];
  const security = hasMiddleware(settings, 'SecurityMiddleware');
  const xframe = hasMiddleware(settings, 'XFrameOptionsMiddleware');
  const csrf = hasMiddleware(settings, 'CsrfViewMiddleware');
  const sessionMiddleware = hasMiddleware(settings, 'SessionMiddleware');
  const sessionsApp = hasSessionsApp(settings);
  const hsts = Number(settings.SECURE_HSTS_SECONDS ?? 0);

  if (!security) {
    messages.push(
      warning(
        'security.W001',
        "You do not have 'SecurityMiddleware' in your MIDDLEWARE so the SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY, and SECURE_SSL_REDIRECT settings will have no effect.",
        'MIDDLEWARE',
      ),
    );
  }
  if (!xframe) {
    messages.push(
      warning(
        'security.W002',
        "You do not have 'XFrameOptionsMiddleware' in your MIDDLEWARE, so your pages will not be served with an 'x-frame-options' header. Unless there is a good reason for your site to be served in a frame, you should consider enabling this header to help prevent clickjacking attacks.",
        'MIDDLEWARE',
      ),
    );
  }
  if (!csrf) {
    messages.push(
      warning(
        'security.W003',
        "You don't appear to be using the built-in cross-site request forgery protection via the middleware ('CsrfViewMiddleware' is not in your MIDDLEWARE). Enabling the middleware is the safest approach to ensure you don't leave any holes.",
        'MIDDLEWARE',
      ),
    );
  }
  if (security && !hsts) {
    messages.push(
      warning(
        'security.W004',
        'You have not set a value for the SECURE_HSTS_SECONDS setting. If your entire site is served only over SSL, you may want to consider setting a value and enabling HTTP Strict Transport Security. Be sure to read the documentation first; enabling HSTS carelessly can cause serious, irreversible problems.',
        'SECURE_HSTS_SECONDS',
      ),
    );
  }
  if (security && hsts && settings.SECURE_HSTS_INCLUDE_SUBDOMAINS !== true) {
    messages.push(
      warning(
        'security.W005',
        'You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS setting to True. Without this, your site is potentially vulnerable to attack via an insecure connection to a subdomain. Only set this to True if you are certain that all subdomains of your domain should be served exclusively via SSL.',
        'SECURE_HSTS_INCLUDE_SUBDOMAINS',
      ),
    );
  }
  if (security && settings.SECURE_CONTENT_TYPE_NOSNIFF !== true) {
    messages.push(
      warning(
        'security.W006',
        "Your SECURE_CONTENT_TYPE_NOSNIFF setting is not set to True, so your pages will not be served with an 'X-Content-Type-Options: nosniff' header. You should consider enabling this header to prevent the browser from identifying content types incorrectly.",
        'SECURE_CONTENT_TYPE_NOSNIFF',
      ),
    );
  }
  if (security && settings.SECURE_SSL_REDIRECT !== true) {
    messages.push(
      warning(
        'security.W008',
        'Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site should be available over both SSL and non-SSL connections, you may want to either set this setting True or configure a load balancer or reverse-proxy server to redirect all connections to HTTPS.',
        'SECURE_SSL_REDIRECT',
      ),
    );
  }
  if (secretKeyIsWeak(settings.SECRET_KEY)) {
    messages.push(
      warning(
        'security.W009',
        `Your SECRET_KEY has less than ${SECRET_KEY_MIN_LENGTH} characters, less than ${SECRET_KEY_MIN_UNIQUE_CHARACTERS} unique characters, or it's prefixed with '${INSECURE_PREFIXES[1]}' (or '${INSECURE_PREFIXES[0]}') indicating that it was generated automatically. Please generate a long and random value, otherwise many of the security-critical features will be vulnerable to attack.`,
        'SECRET_KEY',
      ),
    );
  }
  if (settings.SESSION_COOKIE_SECURE !== true && (sessionsApp || sessionMiddleware)) {
    if (sessionsApp && sessionMiddleware) {
      messages.push(warning('security.W012', sessionCookieMessage('SESSION_COOKIE_SECURE is not set to True.'), 'SESSION_COOKIE_SECURE'));
    } else if (sessionsApp) {
      messages.push(
        warning(
          'security.W010',
          sessionCookieMessage('You have a sessions app in your INSTALLED_APPS, but you have not set SESSION_COOKIE_SECURE to True.'),
          'SESSION_COOKIE_SECURE',
        ),
      );
    } else {
      messages.push(
        warning(
          'security.W011',
          sessionCookieMessage("You have 'SessionMiddleware' in your MIDDLEWARE, but you have not set SESSION_COOKIE_SECURE to True."),
          'SESSION_COOKIE_SECURE',
        ),
      );
    }
  }
  // With CSRF_USE_SESSIONS there is no CSRF cookie to secure (Django's check_csrf_cookie_secure).
  if (csrf && settings.CSRF_USE_SESSIONS !== true && settings.CSRF_COOKIE_SECURE !== true) {
    messages.push(
      warning(
        'security.W016',
        "You have 'CsrfViewMiddleware' in your MIDDLEWARE, but you have not set CSRF_COOKIE_SECURE to True. Using a secure-only CSRF cookie makes it more difficult for network traffic sniffers to steal the CSRF token.",
        'CSRF_COOKIE_SECURE',
      ),
    );
  }
  if (settings.DEBUG) {
    messages.push(warning('security.W018', 'You should not have DEBUG set to True in deployment.', 'DEBUG'));
  }
  if (xframe && settings.X_FRAME_OPTIONS !== 'DENY') {
    messages.push(
      warning(
        'security.W019',
        "You have 'XFrameOptionsMiddleware' in your MIDDLEWARE, but X_FRAME_OPTIONS is not set to 'DENY'. Unless there is a good reason for your site to serve other parts of itself in a frame, you should change it to 'DENY'.",
        'X_FRAME_OPTIONS',
      ),
    );
  }
  if (!settings.ALLOWED_HOSTS || settings.ALLOWED_HOSTS.length === 0) {
    messages.push(warning('security.W020', 'ALLOWED_HOSTS must not be empty in deployment.', 'ALLOWED_HOSTS'));
  }
  if (security && hsts && settings.SECURE_HSTS_PRELOAD !== true) {
    messages.push(
      warning(
        'security.W021',
        'You have not set the SECURE_HSTS_PRELOAD setting to True. Without this, your site cannot be submitted to the browser preload list.',
        'SECURE_HSTS_PRELOAD',
      ),
    );
  }
  if (security) {
    const policy = settings.SECURE_REFERRER_POLICY;
    if (policy === null || policy === undefined) {
      messages.push(
        warning(
          'security.W022',
          'You have not set the SECURE_REFERRER_POLICY setting. Without this, your site will not send a Referrer-Policy header. You should consider enabling this header to protect user privacy.',
          'SECURE_REFERRER_POLICY',
        ),
      );
    } else {
      const values = typeof policy === 'string' ? policy.split(',').map((value) => value.trim()) : Array.isArray(policy) ? policy : [policy];
      if (values.some((value) => !(REFERRER_POLICY_VALUES as readonly unknown[]).includes(value))) {
        messages.push({
          id: 'security.E023',
          level: 'error',
          message: 'You have set the SECURE_REFERRER_POLICY setting to an invalid value.',
          hint: `Valid values are: ${REFERRER_POLICY_VALUES.join(', ')}.`,
          obj: 'SECURE_REFERRER_POLICY',
        });
      }
    }
  }
  return messages;
}

/**
 * checkDeploy() as a system check for `manouche check --deploy` (tags `security`, `deploy`; silent without --deploy).
 *
 * @example
 * const check = deployCheck(settings);
 * await check.run({ deploy: true }); // CheckMessage[]
 */
export function deployCheck(settings: Settings): SystemCheck {
  return { tags: ['security', 'deploy'], run: ({ deploy }) => (deploy ? checkDeploy(settings) : []) };
}
