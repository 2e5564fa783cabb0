/** The blog app: what INSTALLED_APPS loads. */
export { appConfig } from './apps.js';
