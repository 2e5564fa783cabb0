// mysite/settings/production.ts: SECRET_KEY and the database come from MANOUCHE_SECRET_KEY and DATABASE_URL
import { defineSettings } from '@manouche/settings';
import base from './base.js';
export default defineSettings({ ...base, DEBUG: false, ALLOWED_HOSTS: ['example.com'], SECURE_SSL_REDIRECT: true });
