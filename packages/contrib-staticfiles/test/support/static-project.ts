/** A throwaway project folder with apps that have static files, and a stub Project for commands. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommandContext, CommandIO, Project } from '@manouche/contracts';

export interface StaticProject {
  dir: string;
  project: Pick<Project, 'settings' | 'baseDir' | 'apps'>;
  write(relative: string, content: string | Buffer): string;
  cleanup(): void;
}

export function makeStaticProject(settings: Record<string, unknown> = {}, appLabels: string[] = ['polls', 'shop']): StaticProject {
  const dir = mkdtempSync(path.join(tmpdir(), 'manouche-static-'));
  const apps = appLabels.map((label) => ({
    name: label,
    label,
    path: path.join(dir, label),
    verboseName: label,
    migrationsDir: path.join(dir, label, 'migrations'),
  }));
  const write = (relative: string, content: string | Buffer) => {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  };
  const project = {
    baseDir: dir,
    settings: {
      BASE_DIR: dir,
      DEBUG: false,
      STATIC_URL: '/static/',
      STATICFILES_DIRS: [],
      STATIC_ROOT: path.join(dir, 'staticfiles'),
      MEDIA_URL: '',
      MEDIA_ROOT: '',
      ...settings,
    } as unknown as Project['settings'],
    apps: {
      getAppConfigs: () => apps,
      getAppConfig: (label: string) => apps.find((a) => a.label === label)!,
      isInstalled: (n: string) => apps.some((a) => a.label === n),
    },
  };
  return { dir, project, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CapturedIO extends CommandIO {
  out: string[];
  err: string[];
}

export function captureIo(options: { interactive?: boolean; answers?: string[]; tty?: boolean } = {}): CapturedIO {
  const out: string[] = [];
  const err: string[] = [];
  const answers = [...(options.answers ?? [])];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text), isTTY: options.tty ?? false } as CommandIO['stdout'],
    stderr: { write: (text: string) => err.push(text) },
    interactive: options.interactive ?? false,
    prompt: async (question: string) => {
      out.push(question);
      return answers.shift() ?? '';
    },
  };
}

export function commandContext(
  project: StaticProject['project'],
  io: CommandIO,
  options: CommandContext['options'] = {},
  args: CommandContext['args'] = {},
): CommandContext {
  return { args, options, io, cwd: project.baseDir, project: async () => project as Project };
}
