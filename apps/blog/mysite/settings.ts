/**
 * Settings of the seed's `mysite` project. SQLite by default; run the same project on
 * PostgreSQL or MariaDB by setting DATABASE_URL (postgres://… or mysql://…), which the settings
 * layer applies to DATABASES.default.
 */
import { defineSettings } from 'manouche/settings';

export default defineSettings({
  // A development key: production deployments set MANOUCHE_SECRET_KEY.
  SECRET_KEY: 'dev-only-3q9v!x@w7(k2m#p0z8r5t_j1n6b4c)e-y=h+u%g&f*a',
  DEBUG: true,
  ALLOWED_HOSTS: ['127.0.0.1', 'localhost', '[::1]'],
  INSTALLED_APPS: [
    'manouche.contrib.admin',
    'manouche.contrib.auth',
    'manouche.contrib.contenttypes',
    'manouche.contrib.sessions',
    'manouche.contrib.messages',
    'manouche.contrib.staticfiles',
    'blog',
  ],
  // Django's order: sessions before auth, CSRF before auth, messages after both.
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
  STATIC_URL: '/static/',
  // After logging in at /accounts/login/ without ?next=, and after logging out.
  LOGIN_REDIRECT_URL: 'blog:post_list',
  LOGOUT_REDIRECT_URL: 'blog:post_list',
  DEFAULT_AUTO_FIELD: 'bigAuto',
  // "Share this post" mails are printed to the console in development (Django 5 By Example does the same).
  EMAIL_BACKEND: 'manouche.mail.backends.console.EmailBackend',
  DEFAULT_FROM_EMAIL: 'blog@example.com',
});
