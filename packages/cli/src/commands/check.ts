import { CommandError, type CheckLevel, type CheckMessage, type Command, type Project, type SystemCheck } from '@manouche/contracts';

const LEVELS: CheckLevel[] = ['debug', 'info', 'warning', 'error', 'critical'];
const HEADINGS: Record<CheckLevel, string> = { critical: 'CRITICALS', error: 'ERRORS', warning: 'WARNINGS', info: 'INFOS', debug: 'DEBUGS' };

/**
 * Where `check` gets its checks: the meta-package collects them from every layer and app.
 *
 * @example
 * const collectChecks: CollectChecks = () => [deployCheck, blogChecks];
 * cliCommands({ collectChecks });
 */
export type CollectChecks = (project: Project) => SystemCheck[] | Promise<SystemCheck[]>;

/**
 * Runs the checks selected by tags (deploy-tagged ones only with `deploy`) and returns their messages.
 *
 * @example
 * const messages = await runChecks(checks, { deploy: true, tags: ['security'] });
 * process.stdout.write(formatCheckReport(messages));
 */
export async function runChecks(checks: readonly SystemCheck[], options: { deploy: boolean; tags?: readonly string[] }): Promise<CheckMessage[]> {
  const selected = checks.filter(
    (check) => (options.deploy || !check.tags.includes('deploy')) && (!options.tags?.length || check.tags.some((t) => options.tags?.includes(t))),
  );
  const messages: CheckMessage[] = [];
  for (const check of selected) messages.push(...(await check.run({ deploy: options.deploy })));
  return messages;
}

/**
 * Django's report: messages grouped by level, `obj: (id) message`, hints indented, a closing count.
 *
 * @example
 * formatCheckReport([{ level: 'warning', id: 'security.W004', message: 'SECURE_HSTS_SECONDS is not set.', obj: '?' }]);
 * // 'System check identified some issues:\n\nWARNINGS:\n?: (security.W004) SECURE_HSTS_SECONDS is not set.\n…'
 */
export function formatCheckReport(messages: readonly CheckMessage[]): string {
  if (messages.length === 0) return 'System check identified no issues (0 silenced).\n';
  const lines = ['System check identified some issues:', ''];
  for (const level of [...LEVELS].reverse()) {
    const group = messages.filter((m) => m.level === level);
    if (!group.length) continue;
    lines.push(`${HEADINGS[level]}:`);
    for (const m of group) {
      lines.push(`${m.obj ?? '?'}: (${m.id}) ${m.message}`);
      if (m.hint) lines.push(`\tHINT: ${m.hint}`);
    }
    lines.push('');
  }
  lines.push(`System check identified ${messages.length} issue${messages.length === 1 ? '' : 's'} (0 silenced).`);
  return `${lines.join('\n')}\n`;
}

/**
 * `manouche check [--deploy] [--tag T] [--fail-level L]`: runs the system checks every layer and
 * installed app contributes, prints them as Django does and exits 1 at or above the fail level.
 *
 * @example
 * const check = createCheckCommand(async (project) => [...settingsChecks(project.settings)]);
 */
export function createCheckCommand(collectChecks: CollectChecks): Command {
  return {
    name: 'check',
    help: 'Checks the project for problems: settings, URLs, models, templates, migrations not yet made.',
    options: [
      { name: 'deploy', type: 'boolean', help: 'Also run the deployment checks' },
      { name: 'tag', short: 't', type: 'string', multiple: true, help: 'Only run checks with this tag' },
      { name: 'fail-level', type: 'string', default: 'error', help: 'The level at which the command exits non-zero: debug, info, warning, error or critical' },
    ],
    async run({ options, io, project }) {
      const failLevel = options.failLevel as CheckLevel;
      if (!LEVELS.includes(failLevel)) throw new CommandError(`--fail-level must be one of ${LEVELS.join(', ')}, got '${failLevel}'.`, 2);
      const loaded = await project();
      const messages = await runChecks(await collectChecks(loaded), { deploy: options.deploy === true, tags: options.tag as string[] });
      const failing = messages.filter((m) => LEVELS.indexOf(m.level) >= LEVELS.indexOf(failLevel));
      (failing.length ? io.stderr : io.stdout).write(formatCheckReport(messages));
      return failing.length ? 1 : 0;
    },
  };
}
