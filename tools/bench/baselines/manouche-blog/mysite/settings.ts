/**
 * Production-like settings for the full-stack benchmark's Manouche contender: the same shape as
 * ../../django-blog/mysite/settings.py (the blog app only, Security/Common/XFrameOptions
 * middleware, the debug and request context processors, DEBUG off). The database is the file in
 * DATABASE_URL (sqlite:///…), made by ../../seed-blog-db.mjs with Django's DDL.
 */
import { defineSettings } from 'manouche/settings';

export default defineSettings({
  SECRET_KEY: 'bench-only-not-a-secret-k2m#p0z8r5t_j1n6b4c)e-y=h+u%g&f*a3q9v!x@w7(',
  DEBUG: false,
  ALLOWED_HOSTS: ['127.0.0.1'],
  INSTALLED_APPS: ['blog'],
  MIDDLEWARE: [
    'manouche.middleware.security.SecurityMiddleware',
    'manouche.middleware.common.CommonMiddleware',
    'manouche.middleware.clickjacking.XFrameOptionsMiddleware',
  ],
  ROOT_URLCONF: 'mysite.urls',
  TEMPLATES: [
    {
      BACKEND: 'manouche.templates',
      DIRS: [],
      APP_DIRS: true,
      OPTIONS: {
        contextProcessors: ['manouche.templates.context_processors.debug', 'manouche.templates.context_processors.request'],
      },
    },
  ],
  DATABASES: {
    default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' },
  },
  LANGUAGE_CODE: 'en-us',
  TIME_ZONE: 'UTC',
  USE_TZ: true,
  DEFAULT_AUTO_FIELD: 'bigAuto',
});
