/**
 * The `runserver` the `manouche` bin registers: the server layer's command with Django's
 * development defaults on top — reload on change unless `--noreload`, static files from the
 * finders and media from MEDIA_ROOT in DEBUG (staticfiles installed; `--nostatic` turns static
 * off, `--insecure` serves it with DEBUG off), and the process ends when its parent does.
 */
import type { Command, CommandContext, Project } from '@manouche/contracts';
import { withProjectStaticFiles } from '@manouche/contrib-staticfiles';
import { runserverCommand } from '@manouche/server';

const STATICFILES = 'manouche.contrib.staticfiles';
const PARENT_CHECK_MS = 250;

/**
 * Ends this process (SIGTERM to itself, so the server shuts down gracefully) once the process
 * that started it is gone: killing `npx manouche runserver` or the reload supervisor, even with
 * SIGKILL, must not leave a server behind.
 */
function exitWithParent(): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      process.kill(process.pid, 'SIGTERM');
    }
  }, PARENT_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function withDevelopmentServing(project: Project, options: CommandContext['options']): Project {
  const installed = project.settings.INSTALLED_APPS.includes(STATICFILES);
  const debugServing = installed && (project.settings.DEBUG || options.insecure === true);
  if (!debugServing) return project;
  let application: ReturnType<Project['application']> | undefined;
  const serveStatic = options.nostatic !== true;
  const settings = project.settings.DEBUG ? project.settings : { ...project.settings, DEBUG: true };
  return Object.assign(Object.create(project) as Project, {
    application: () =>
      (application ??= project
        .application()
        .then((app) => withProjectStaticFiles({ settings, baseDir: project.baseDir, apps: project.apps }, app, { static: serveStatic }))),
  });
}

/**
 * `runserver [addrport]` with reloading on by default, `--noreload`, `--nostatic` and `--insecure`.
 *
 * @example
 * // manouche runserver 8001 --noreload
 * registry.register(developmentRunserverCommand);
 */
export const developmentRunserverCommand: Command = {
  ...runserverCommand,
  description:
    `${runserverCommand.description ?? ''} Restarts when a file under the project changes unless --noreload is given. ` +
    'With manouche.contrib.staticfiles installed and DEBUG on, serves STATIC_URL from the finders and MEDIA_URL from MEDIA_ROOT.',
  options: [
    ...(runserverCommand.options ?? []).filter((option) => option.name !== 'reload'),
    { name: 'reload', type: 'boolean', help: 'Restart the server when a file in the project changes (the default).', default: true },
    { name: 'noreload', type: 'boolean', help: 'Do not restart the server when a file changes.' },
    { name: 'nostatic', type: 'boolean', help: 'Do not serve static files at STATIC_URL.' },
    { name: 'insecure', type: 'boolean', help: 'Serve static files even with DEBUG off (not for production).' },
  ],
  async run(context) {
    const stop = exitWithParent();
    try {
      let loaded: Promise<Project> | undefined;
      return await runserverCommand.run({
        ...context,
        options: { ...context.options, reload: context.options.noreload !== true && context.options.reload !== false },
        project: () => (loaded ??= context.project().then((project) => withDevelopmentServing(project, context.options))),
      });
    } finally {
      stop();
    }
  },
};
