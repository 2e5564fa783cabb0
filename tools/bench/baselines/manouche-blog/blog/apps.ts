/** The blog app's configuration (Django's AppConfig). */
export const appConfig = { verboseName: 'Blog', defaultAutoField: 'bigAuto' as const };
