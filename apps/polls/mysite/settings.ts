/** Settings of the polls tutorial's `mysite` project. SQLite by default; DATABASE_URL switches to PostgreSQL or MariaDB. */
import { defineSettings } from 'manouche/settings';

export default defineSettings({
  // A development key: production deployments set MANOUCHE_SECRET_KEY.
  SECRET_KEY: 'dev-only-polls-7h2k!q9w#x0z8r5t_j1n6b4c)e-y=h+u%g&f*a',
  DEBUG: true,
  ALLOWED_HOSTS: ['127.0.0.1', 'localhost', '[::1]'],
  INSTALLED_APPS: ['polls'],
  MIDDLEWARE: [
    'manouche.middleware.security.SecurityMiddleware',
    'manouche.middleware.common.CommonMiddleware',
    'manouche.middleware.csrf.CsrfViewMiddleware',
    'manouche.middleware.clickjacking.XFrameOptionsMiddleware',
  ],
  ROOT_URLCONF: 'mysite.urls',
  TEMPLATES: [{ BACKEND: 'manouche.templates', DIRS: [], APP_DIRS: true, OPTIONS: {} }],
  DATABASES: {
    default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' },
  },
  LANGUAGE_CODE: 'en-us',
  TIME_ZONE: 'UTC',
  USE_TZ: true,
  DEFAULT_AUTO_FIELD: 'bigAuto',
});
