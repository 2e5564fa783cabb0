/** The blog app: what INSTALLED_APPS loads. */
export const appConfig = { verboseName: 'Blog', defaultAutoField: 'bigAuto' as const };
