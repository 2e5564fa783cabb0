/**
 * The admin benchmark's Manouche project: the settings startproject writes (the contrib apps,
 * Django's middleware order), DEBUG off, the database in BENCH_ADMIN_DB. The same shape as
 * ../../django-admin/adminsite/settings.py.
 */
import { defineSettings } from 'manouche/settings';

export default defineSettings({
  SECRET_KEY: 'bench-only-not-a-secret-q8w#e4r!t6y_u2i0o9p)a-s=d+f%g&h*j3k5l!z@x7(',
  DEBUG: false,
  // testserver: the test Client that counts the page's queries.
  ALLOWED_HOSTS: ['127.0.0.1', 'testserver'],
  INSTALLED_APPS: [
    'manouche.contrib.admin',
    'manouche.contrib.auth',
    'manouche.contrib.contenttypes',
    'manouche.contrib.sessions',
    'manouche.contrib.messages',
    'manouche.contrib.staticfiles',
    'blog',
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
          'manouche.templates.context_processors.request',
          'manouche.contrib.auth.context_processors.auth',
          'manouche.contrib.messages.context_processors.messages',
        ],
      },
    },
  ],
  DATABASES: {
    default: { ENGINE: 'sqlite', NAME: process.env.BENCH_ADMIN_DB ?? 'db.sqlite3' },
  },
  STATIC_URL: '/static/',
  STATIC_ROOT: 'staticfiles',
  TIME_ZONE: 'UTC',
  USE_TZ: true,
  DEFAULT_AUTO_FIELD: 'bigAuto',
});
