import type { Command, Settings } from '@manouche/contracts';

/**
 * Renders settings against their defaults; the settings layer provides it (`diffSettings`).
 *
 * @example
 * cliCommands({ diffSettings: (settings, { all, output }) => diffSettings(settings, { all, output }) });
 */
export type DiffSettings = (settings: Settings, options: { all: boolean; output: 'hash' | 'unified' }) => string;

/**
 * `manouche diffsettings [--all] [--output unified]`: the effective settings that differ from the
 * defaults (secrets masked by `diff`), Django's `###` markers included.
 *
 * @example
 * const diffsettings = createDiffsettingsCommand((settings, options) => diffSettings(settings, options));
 */
export function createDiffsettingsCommand(diff: DiffSettings): Command {
  return {
    name: 'diffsettings',
    help: 'Shows the settings that differ from the defaults (secrets masked).',
    description: "Settings that are not in the defaults are followed by '###'. With --all, settings equal to their default are shown prefixed by '###'.",
    options: [
      { name: 'all', type: 'boolean', help: 'Show every setting, not only those that differ' },
      { name: 'output', type: 'string', default: 'hash', help: "The output format: 'hash' (Django's default) or 'unified' (a diff)" },
    ],
    async run({ options, io, project }) {
      const output = options.output === 'unified' ? 'unified' : 'hash';
      if (options.output !== 'hash' && options.output !== 'unified') {
        io.stderr.write(`--output must be 'hash' or 'unified', got '${String(options.output)}'.\n`);
        return 2;
      }
      const loaded = await project();
      io.stdout.write(`${diff(loaded.settings, { all: options.all === true, output })}\n`);
      return 0;
    },
  };
}
