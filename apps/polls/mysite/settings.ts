/**
 * Settings of the polls tutorial's `mysite` project, laid out as `manouche startproject` writes them:
 * the contrib apps, Django's middleware order with CSRF, static files. SQLite by default;
 * DATABASE_URL switches to PostgreSQL or MariaDB.
 */
import { defineSettings } from 'manouche/settings';

export default defineSettings({
  // A development key: production deployments set MANOUCHE_SECRET_KEY.
  SECRET_KEY: 'dev-only-polls-7h2k!q9w#x0z8r5t_j1n6b4c)e-y=h+u%g&f*a',
  DEBUG: true,
  ALLOWED_HOSTS: ['127.0.0.1', 'localhost', '[::1]'],
  INSTALLED_APPS: [
    'manouche.contrib.admin',
    'polls',
    'manouche.contrib.auth',
    'manouche.contrib.contenttypes',
    'manouche.contrib.sessions',
    'manouche.contrib.messages',
    'manouche.contrib.staticfiles',
  ],
  MIDDLEWARE: [
    'manouche.middleware.security.SecurityMiddleware',
    'manouche.contrib.sessions.middleware.SessionMiddleware',
    'manouche.middleware.common.CommonMiddleware',
    'manouche.middleware.csrf.CsrfViewMiddleware',
    'manouche.contrib.auth.middleware.AuthenticationMiddleware',
    'manouche.contrib.messages.middleware.MessageMiddleware',
    'manouche.middleware.clickjacking.XFrameOptionsMiddleware',
  ],
  ROOT_URLCONF: 'mysite.urls',
  TEMPLATES: [
    {
      BACKEND: 'manouche.templates',
      DIRS: [],
      APP_DIRS: true,
      OPTIONS: {
        contextProcessors: [
          'manouche.templates.context_processors.debug',
          'manouche.templates.context_processors.request',
          'manouche.contrib.auth.context_processors.auth',
          'manouche.contrib.messages.context_processors.messages',
        ],
      },
    },
  ],
  DATABASES: {
    default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' },
  },
  LANGUAGE_CODE: 'en-us',
  TIME_ZONE: 'UTC',
  USE_TZ: true,
  // Static files: each app's static/ folder while DEBUG is on; `manouche collectstatic` gathers
  // them into STATIC_ROOT (hashed names) for production.
  STATIC_URL: '/static/',
  STATIC_ROOT: 'staticfiles',
  DEFAULT_AUTO_FIELD: 'bigAuto',
});
