/**
 * Settings of the chat project. SQLite by default, PostgreSQL or MariaDB through DATABASE_URL. With
 * REDIS_URL set (`redis://127.0.0.1:6379/0`), the channel layer and the cache live in Redis, so any number
 * of processes can serve the site together; without it, one process with an in-memory layer.
 */
import { defineSettings } from 'manouche/settings';

const redisUrl = process.env.REDIS_URL;
// Keys of this site in a shared Redis start with this prefix (tests give each run its own).
const redisPrefix = process.env.CHAT_REDIS_PREFIX ?? 'chat';

export default defineSettings({
  // A development key: production deployments set MANOUCHE_SECRET_KEY, the same in every process.
  SECRET_KEY: 'dev-only-chat-8f!2kq#x0v@m5w(j3r7p)t_n9b6c-y=h+u%g&s*d',
  DEBUG: true,
  ALLOWED_HOSTS: ['127.0.0.1', 'localhost', '[::1]'],
  INSTALLED_APPS: ['manouche.contrib.contenttypes', 'manouche.contrib.auth', 'manouche.contrib.sessions', 'chat'],
  MIDDLEWARE: [
    'manouche.middleware.security.SecurityMiddleware',
    'manouche.contrib.sessions.middleware.SessionMiddleware',
    'manouche.middleware.common.CommonMiddleware',
    'manouche.middleware.csrf.CsrfViewMiddleware',
    'manouche.contrib.auth.middleware.AuthenticationMiddleware',
    'manouche.middleware.clickjacking.XFrameOptionsMiddleware',
  ],
  ROOT_URLCONF: 'mysite.urls',
  // Channels' ASGI_APPLICATION: the ProtocolTypeRouter whose websocket route serves ws/chat/<room>/.
  ASGI_APPLICATION: 'mysite.asgi.application',
  CHANNEL_LAYERS: redisUrl
    ? { default: { BACKEND: 'manouche.channels.layers.RedisChannelLayer', CONFIG: { hosts: [redisUrl], prefix: redisPrefix } } }
    : { default: { BACKEND: 'manouche.channels.layers.InMemoryChannelLayer' } },
  CACHES: redisUrl
    ? { default: { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: redisUrl, KEY_PREFIX: redisPrefix } }
    : { default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' } },
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
        ],
      },
    },
  ],
  DATABASES: {
    default: { ENGINE: 'sqlite', NAME: process.env.CHAT_SQLITE_PATH ?? 'db.sqlite3' },
  },
  LOGIN_REDIRECT_URL: '/chat/',
  LOGOUT_REDIRECT_URL: '/chat/',
  LANGUAGE_CODE: 'en-us',
  TIME_ZONE: 'UTC',
  USE_TZ: true,
  STATIC_URL: '/static/',
  DEFAULT_AUTO_FIELD: 'bigAuto',
});
