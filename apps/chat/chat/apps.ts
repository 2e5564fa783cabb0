/** The chat app's configuration (Django's AppConfig). */
export const appConfig = {
  verboseName: 'Chat',
  defaultAutoField: 'bigAuto' as const,
};
