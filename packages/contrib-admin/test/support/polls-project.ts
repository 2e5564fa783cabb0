/**
 * A real project for the browser tests, made the way a user makes one: `startproject`,
 * `startapp polls`, the tutorial's models and admin.ts, the admin (in startproject's INSTALLED_APPS) and the
 * URLconf, `makemigrations`, `migrate` and `createsuperuser --no-input`, served by `runserver`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleBin, runBin, startServer, tempDir, type BinBundle, type RunningServer } from '../../../contrib-auth/test/bin-support.js';

export const SUPERUSER = { username: 'admin', password: 'Quintette du Hot Club 1934' };

const MODELS = `import { Model, fields } from 'manouche/orm';

export class Question extends Model.define({
  questionText: fields.char({ maxLength: 200 }),
  pubDate: fields.dateTime({ verboseName: 'date published' }),
}) {
  override toString(): string {
    return this.questionText;
  }
  wasPublishedRecently(now = new Date()): boolean {
    return now.getTime() - 86_400_000 <= this.pubDate.getTime() && this.pubDate.getTime() <= now.getTime();
  }
}

export class Choice extends Model.define({
  question: fields.foreignKey(() => Question, { onDelete: 'CASCADE', relatedName: 'choices' }),
  choiceText: fields.char({ maxLength: 200 }),
  votes: fields.integer({ default: 0 }),
}) {
  override toString(): string {
    return this.choiceText;
  }
}
`;

const ADMIN = `import { admin } from 'manouche/contrib/admin';
import { Choice, Question } from './models.js';

admin.display(Question.prototype.wasPublishedRecently, { boolean: true, ordering: 'pubDate', description: 'Published recently?' });

admin.register(Question, {
  fieldsets: [
    [null, { fields: ['questionText'] }],
    ['Date information', { fields: ['pubDate'], classes: ['collapse'] }],
  ],
  listDisplay: ['questionText', 'pubDate', 'wasPublishedRecently'],
  listFilter: ['pubDate'],
  searchFields: ['questionText'],
  listPerPage: 5,
  inlines: [admin.tabularInline(Choice, { extra: 3 })],
});
admin.register(Choice, { listDisplay: ['choiceText', 'question', 'votes'] });
`;

const URLS = `import { admin } from 'manouche/contrib/admin';
import { path } from 'manouche/routing';

export default [path('admin/', admin.site.urls)];
`;

/** The project, its bundle of the meta-package, and its running server. */
export interface PollsProject {
  dir: string;
  server: RunningServer;
  manouche(args: string[], env?: Record<string, string>): ReturnType<typeof runBin>;
  close(): Promise<void>;
}

/** Makes, migrates and serves the project. */
export async function startPollsProject(): Promise<PollsProject> {
  const bundle: BinBundle = await bundleBin();
  const cwd = tempDir();
  const manouche = (args: string[], env?: Record<string, string>, at = path.join(cwd, 'mysite')) => runBin(bundle.bin, args, { cwd: at, env });
  const expectOk = async (result: ReturnType<typeof runBin>, what: string) => {
    const done = await result;
    if (done.code !== 0) throw new Error(`${what} failed (${done.code}):\n${done.stdout}\n${done.stderr}`);
    return done;
  };
  await expectOk(manouche(['startproject', 'mysite'], undefined, cwd), 'startproject');
  const dir = path.join(cwd, 'mysite');
  bundle.linkInto(dir);
  await expectOk(manouche(['startapp', 'polls']), 'startapp');
  writeFileSync(path.join(dir, 'polls/models.ts'), MODELS);
  writeFileSync(path.join(dir, 'polls/admin.ts'), ADMIN);
  writeFileSync(path.join(dir, 'mysite/urls.ts'), URLS);
  const settingsFile = path.join(dir, 'mysite/settings.ts');
  writeFileSync(settingsFile, readFileSync(settingsFile, 'utf8').replace('INSTALLED_APPS: [\n', "INSTALLED_APPS: [\n    'polls',\n"));
  await expectOk(manouche(['makemigrations', 'polls']), 'makemigrations');
  await expectOk(manouche(['migrate']), 'migrate');
  await expectOk(
    manouche(['createsuperuser', '--no-input'], {
      MANOUCHE_SUPERUSER_USERNAME: SUPERUSER.username,
      MANOUCHE_SUPERUSER_EMAIL: 'admin@example.com',
      MANOUCHE_SUPERUSER_PASSWORD: SUPERUSER.password,
    }),
    'createsuperuser',
  );
  const server = await startServer(bundle.bin, dir);
  return {
    dir,
    server,
    manouche: (args, env) => manouche(args, env),
    async close() {
      await server.stop();
      bundle.dispose();
    },
  };
}
