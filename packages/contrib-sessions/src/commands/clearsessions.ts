import { CommandError, type Command } from '@manouche/contracts';
import { sessionEngine } from '../engines.js';
import type { SessionStoreSettings } from '../session-base.js';

/**
 * `manouche clearsessions`: deletes expired sessions from the store SESSION_ENGINE names
 * (run it from cron, as with Django).
 *
 * @example
 * // crontab: 0 3 * * * cd /srv/mysite && npx manouche clearsessions
 */
export const clearsessionsCommand: Command = {
  name: 'clearsessions',
  help: 'Can be run as a cronjob or directly to clean out expired sessions.',
  async run({ project, io }) {
    const { settings } = await project();
    const Store = sessionEngine(settings as unknown as SessionStoreSettings);
    if (!(await Store.clearExpired(settings as unknown as SessionStoreSettings))) {
      throw new CommandError(`Session engine '${String(settings.SESSION_ENGINE)}' doesn't support clearing expired sessions.`);
    }
    io.stdout.write('Expired sessions cleared.\n');
  },
};
