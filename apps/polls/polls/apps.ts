/** The polls app's configuration (Django's AppConfig). */
export const appConfig = {
  verboseName: 'Polls',
  defaultAutoField: 'bigAuto' as const,
};
