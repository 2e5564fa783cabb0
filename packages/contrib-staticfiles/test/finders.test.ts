import { afterEach, describe, expect, it } from 'vitest';
import { createFinders, findstaticCommand } from '../src/index.js';
import { captureIo, commandContext, makeStaticProject, type StaticProject } from './support/static-project.js';

let project: StaticProject;
afterEach(() => project?.cleanup());

describe('finders', () => {
  it('search STATICFILES_DIRS first, then each app in INSTALLED_APPS order, and the first match wins', () => {
    project = makeStaticProject({ STATICFILES_DIRS: ['assets'] });
    const fromDirs = project.write('assets/polls/style.css', 'dirs');
    const fromPolls = project.write('polls/static/polls/style.css', 'polls');
    project.write('shop/static/polls/style.css', 'shop');
    const finders = createFinders({ baseDir: project.dir, staticfilesDirs: ['assets'], apps: project.project.apps.getAppConfigs() });
    expect(finders.find('polls/style.css')?.absolute).toBe(fromDirs);
    expect(finders.findAll('polls/style.css').map((f) => f.location.source)).toEqual(['STATICFILES_DIRS', 'polls', 'shop']);
    expect(finders.list().find((f) => f.name === 'polls/style.css')?.absolute).toBe(fromDirs);
    expect(fromPolls).toContain('polls');
  });

  it('never find names that climb out of a folder', () => {
    project = makeStaticProject();
    project.write('polls/static/polls/a.css', 'a');
    project.write('secret.txt', 'secret');
    const finders = createFinders({ baseDir: project.dir, staticfilesDirs: [], apps: project.project.apps.getAppConfigs() });
    for (const name of ['../../secret.txt', 'polls/../../../secret.txt', `${project.dir}/secret.txt`, 'polls/a.css\0.png', 'polls\\..\\..\\secret.txt']) {
      expect(finders.find(name)).toBeUndefined();
    }
  });

  it('list skips ignored patterns by base name and by path', () => {
    project = makeStaticProject();
    project.write('polls/static/polls/a.css', 'a');
    project.write('polls/static/polls/.hidden', 'h');
    project.write('polls/static/polls/b.css~', 'b');
    project.write('polls/static/polls/src/x.scss', 'x');
    const finders = createFinders({ baseDir: project.dir, staticfilesDirs: [], apps: project.project.apps.getAppConfigs() });
    expect(finders.list(['.*', '*~', 'polls/src']).map((f) => f.name)).toEqual(['polls/a.css']);
    expect(finders.list(['*.scss']).map((f) => f.name)).not.toContain('polls/src/x.scss');
  });

  it('refuse STATIC_ROOT inside STATICFILES_DIRS, naming the folder', () => {
    project = makeStaticProject();
    expect(() => createFinders({ baseDir: project.dir, staticfilesDirs: ['staticfiles'], apps: [], staticRoot: 'staticfiles' })).toThrow(
      /should not contain the STATIC_ROOT setting/,
    );
  });
});

describe('findstatic', () => {
  it('lists every match in search order and exits 1 for a name nobody has', async () => {
    project = makeStaticProject({ STATICFILES_DIRS: ['assets'] });
    const first = project.write('assets/polls/style.css', 'dirs');
    const second = project.write('polls/static/polls/style.css', 'polls');
    const io = captureIo();
    expect(await findstaticCommand.run(commandContext(project.project, io, { verbosity: 1 }, { staticfile: ['polls/style.css'] }))).toBe(0);
    expect(io.out.join('')).toBe(`Found 'polls/style.css' here:\n  ${first}\n  ${second}\n`);
    const first1 = captureIo();
    await findstaticCommand.run(commandContext(project.project, first1, { first: true, verbosity: 1 }, { staticfile: ['polls/style.css'] }));
    expect(first1.out.join('')).not.toContain(second);
    const missing = captureIo();
    expect(await findstaticCommand.run(commandContext(project.project, missing, { verbosity: 1 }, { staticfile: ['nope.css'] }))).toBe(1);
    expect(missing.err.join('')).toBe("No matching file found for 'nope.css'.\n");
  });
});
