/** The gateway application of mysite, for any compatible server. */
import { getAsgiApplication } from 'manouche';

export default getAsgiApplication({
  settingsModule: process.env.MANOUCHE_SETTINGS_MODULE ?? 'mysite.settings',
  baseDir: new URL('..', import.meta.url),
});
