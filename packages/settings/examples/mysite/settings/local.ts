// mysite/settings/local.ts
import { defineSettings } from '@manouche/settings';
import base from './base.js';
export default defineSettings({ ...base, DEBUG: true, INSTALLED_APPS: [...base.INSTALLED_APPS, 'debug_toolbar'] });
