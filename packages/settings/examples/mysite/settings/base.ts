// mysite/settings/base.ts
import { defineSettings } from '@manouche/settings';
export default defineSettings({ INSTALLED_APPS: ['blog'], DATABASES: { default: 'sqlite:///db.sqlite3' } });
