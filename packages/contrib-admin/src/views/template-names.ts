import type { Model } from '@manouche/orm';
import type { ModelAdmin } from '../model-admin.js';

/** Django's override order: `admin/<app>/<model>/<name>`, `admin/<app>/<name>`, `admin/<name>`. */
export function adminTemplates(ma: ModelAdmin<Model>, name: string): string[] {
  const { appLabel, modelName } = ma.opts;
  return [`admin/${appLabel}/${modelName}/${name}`, `admin/${appLabel}/${name}`, `admin/${name}`];
}
