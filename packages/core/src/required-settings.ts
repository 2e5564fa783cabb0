import type { Settings } from '@manouche/contracts';
import { ImproperlyConfigured } from './errors.js';

/**
 * Checks that `settings` has every setting in `names`. The settings layer supplies Django's
 * defaults for all of them, so only hand-built settings can lack one; they get an error naming
 * the reader and the missing settings instead of a TypeError or a silently dropped limit.
 */
export function requireSettings(settings: Settings, names: readonly (keyof Settings & string)[], reader: string): void {
  const missing = names.filter((name) => settings[name] === undefined);
  if (missing.length === 0) return;
  throw new ImproperlyConfigured(
    `${reader} reads ${missing.join(', ')}, which the settings lack. Build the settings with @manouche/settings' loadSettings(), which supplies Django's defaults, or set them.`,
  );
}
