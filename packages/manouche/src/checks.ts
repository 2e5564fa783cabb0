import type { CheckMessage, CommandIO, Project, SystemCheck } from '@manouche/contracts';
import { parseCommandLine } from '@manouche/cli';
import { loadMiddleware } from '@manouche/core';
import { makemigrationsCommand } from '@manouche/migrations';
import { manoucheNameFor } from './contrib-apps.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** ROOT_URLCONF and every include load and compile (`urls.E001` otherwise). */
export function urlsCheck(project: Project): SystemCheck {
  return {
    tags: ['urls'],
    async run() {
      try {
        await project.urls();
        return [];
      } catch (error) {
        return [{ id: 'urls.E001', level: 'error', message: messageOf(error), obj: `ROOT_URLCONF '${project.settings.ROOT_URLCONF}'` }];
      }
    },
  };
}

/** The TEMPLATES entry builds an engine (`templates.E001` otherwise). */
export function templatesCheck(project: Project): SystemCheck {
  return {
    tags: ['templates'],
    async run() {
      try {
        await project.templates();
        return [];
      } catch (error) {
        return [{ id: 'templates.E001', level: 'error', message: messageOf(error), obj: 'TEMPLATES' }];
      }
    },
  };
}

/** Model changes that no migration reflects yet (`makemigrations --check --dry-run`): `migrations.W001`. */
export function missingMigrationsCheck(project: Project): SystemCheck {
  return {
    tags: ['migrations', 'models'],
    async run(): Promise<CheckMessage[]> {
      let output = '';
      const io: CommandIO = {
        stdout: { write: (t: string) => (output += t) },
        stderr: { write: (t: string) => (output += t) },
        interactive: false,
        prompt: async () => '',
      };
      const parsed = parseCommandLine(makemigrationsCommand, ['--check', '--dry-run', '--no-input']);
      const code = await makemigrationsCommand.run({ args: parsed.args, options: parsed.options, io, cwd: project.baseDir, project: async () => project });
      if (!code) return [];
      return [
        {
          id: 'migrations.W001',
          level: 'warning',
          message: `Your models have changes that are not yet reflected in a migration:\n${output.trimEnd()}`,
          hint: "Run 'manouche makemigrations', then 'manouche migrate'.",
        },
      ];
    },
  };
}

/**
 * Every MIDDLEWARE entry imports and names a middleware (`middleware.E001` per entry otherwise),
 * so `check` reports what would make the server fail at start.
 */
export function middlewareCheck(project: Project): SystemCheck {
  return {
    tags: ['middleware'],
    async run(): Promise<CheckMessage[]> {
      const messages: CheckMessage[] = [];
      for (const entry of project.settings.MIDDLEWARE) {
        try {
          await loadMiddleware([entry], project.importModule);
        } catch (error) {
          const manouche = typeof entry === 'string' ? manoucheNameFor(entry) : undefined;
          messages.push({
            id: 'middleware.E001',
            level: 'error',
            message: messageOf(error),
            hint: manouche ? `Use '${manouche}': Django's module names are not used in Manouche.` : 'Check the dotted path: module.ExportName.',
            obj: `MIDDLEWARE entry '${String(entry)}'`,
          });
        }
      }
      return messages;
    },
  };
}
