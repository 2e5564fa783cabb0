import type { FieldSpec, ModelState } from '@manouche/contracts';
import { describe, expect, it } from 'vitest';
import { createQuestioner, detectChanges, makeMigrations, MigrationGraph, ProjectState, QuestionError, type Questioner } from '../src/index.js';
import { tempApps } from './support/fake-project.js';

const id: FieldSpec = { type: 'bigAuto', primaryKey: true };
const post = (fields: Record<string, FieldSpec>, options: ModelState['options'] = {}): ModelState => ({
  app: 'blog',
  name: 'Post',
  table: 'blog_post',
  fields: { id, ...fields },
  options,
});
const title: FieldSpec = { type: 'char', maxLength: 250 };
const user: ModelState = { app: 'accounts', name: 'User', table: 'accounts_user', fields: { id, username: { type: 'char', maxLength: 150 } }, options: {} };

function describeAll(changes: Awaited<ReturnType<typeof detectChanges>>): Record<string, string[]> {
  return Object.fromEntries([...changes].map(([app, change]) => [app, change.operations.map((op) => op.describe())]));
}

const noInput = createQuestioner({ interactive: false });

function scripted(answers: string[]): { questioner: Questioner; questions: string[] } {
  const questions: string[] = [];
  const questioner = createQuestioner({
    interactive: true,
    prompt: async (question) => {
      questions.push(question);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected question ${question}`);
      return answer;
    },
  });
  return { questioner, questions };
}

describe('detecting model changes', () => {
  it('creates new models, ordering them after the models their foreign keys point at', async () => {
    const comment: ModelState = {
      app: 'blog',
      name: 'Comment',
      table: 'blog_comment',
      fields: { id, post: { type: 'foreignKey', to: 'blog.Post', onDelete: 'CASCADE' } },
      options: {},
    };
    const changes = await detectChanges(new ProjectState(), new ProjectState([comment, post({ title })]), noInput);
    expect(describeAll(changes)).toEqual({ blog: ['Create model Post', 'Create model Comment'] });
  });

  it('breaks a foreign-key cycle between new models into a later addField', async () => {
    const a: ModelState = { app: 'blog', name: 'A', table: 'blog_a', fields: { id, b: { type: 'foreignKey', to: 'blog.B', null: true } }, options: {} };
    const b: ModelState = { app: 'blog', name: 'B', table: 'blog_b', fields: { id, a: { type: 'foreignKey', to: 'blog.A', null: true } }, options: {} };
    const changes = await detectChanges(new ProjectState(), new ProjectState([a, b]), noInput);
    expect(describeAll(changes)).toEqual({ blog: ['Create model B', 'Create model A', 'Add field a to b'] });
  });

  it('records which other apps a new foreign key points at', async () => {
    const changes = await detectChanges(
      new ProjectState([user]),
      new ProjectState([user, post({ author: { type: 'foreignKey', to: 'accounts.User' } })]),
      noInput,
    );
    expect([...changes.get('blog')!.references]).toEqual(['accounts.user']);
  });

  it('adds, removes and alters fields, indexes and options', async () => {
    const before = post({ title, body: { type: 'text' } }, { ordering: ['-id'] });
    const after = post(
      { title: { ...title, maxLength: 300 }, status: { type: 'char', maxLength: 10, default: 'draft' } },
      { ordering: ['title'], indexes: [{ name: 'post_status_idx', fields: ['status'] }] },
    );
    const changes = await detectChanges(new ProjectState([before]), new ProjectState([after]), noInput);
    expect(describeAll(changes)).toEqual({
      blog: [
        'Remove field body from post',
        'Add field status to post',
        'Alter field title on post',
        'Create index post_status_idx on field(s) status of model post',
        'Change Meta options on Post',
      ],
    });
  });

  it('deletes models whose classes are gone, children before parents', async () => {
    const comment: ModelState = {
      app: 'blog',
      name: 'Comment',
      table: 'blog_comment',
      fields: { id, post: { type: 'foreignKey', to: 'blog.Post' } },
      options: {},
    };
    const changes = await detectChanges(new ProjectState([post({ title }), comment]), new ProjectState(), noInput);
    expect(describeAll(changes)).toEqual({ blog: ['Delete model Comment', 'Delete model Post'] });
  });

  it('finds nothing when the models match the migrations', async () => {
    expect((await detectChanges(new ProjectState([post({ title })]), new ProjectState([post({ title })]), noInput)).size).toBe(0);
  });

  it('only looks at the apps it is asked about', async () => {
    const changes = await detectChanges(new ProjectState(), new ProjectState([user, post({ title })]), noInput, ['accounts']);
    expect([...changes.keys()]).toEqual(['accounts']);
  });
});

describe('rename questions', () => {
  const nullableTitle: FieldSpec = { ...title, null: true };
  const before = new ProjectState([post({ title: nullableTitle })]);
  const after = new ProjectState([post({ headline: nullableTitle })]);

  it('asks whether a field was renamed and makes a renameField on yes', async () => {
    const { questioner, questions } = scripted(['y']);
    expect(describeAll(await detectChanges(before, after, questioner))).toEqual({ blog: ['Rename field title on post to headline'] });
    expect(questions).toEqual(['Was post.title renamed to post.headline (a char field)? [y/N] ']);
  });

  it('treats the change as a removal and an addition on no', async () => {
    const { questioner } = scripted(['n']);
    expect(describeAll(await detectChanges(before, after, questioner))).toEqual({ blog: ['Remove field title from post', 'Add field headline to post'] });
  });

  it('takes a --rename answer without asking', async () => {
    const questioner = createQuestioner({ interactive: false, renames: ['blog.Post.title:headline'] });
    expect(describeAll(await detectChanges(before, after, questioner))).toEqual({ blog: ['Rename field title on post to headline'] });
  });

  it('says which default it took with --no-input, and how to rename instead', async () => {
    let out = '';
    const questioner = createQuestioner({ interactive: false, stdout: { write: (text: string) => (out += text) } });
    expect(describeAll(await detectChanges(before, after, questioner))).toEqual({ blog: ['Remove field title from post', 'Add field headline to post'] });
    expect(out).toContain('blog.Post.title -> headline is treated as removing title and adding headline, not a rename; pass --rename blog.Post.title:headline');
  });

  it('detects a renamed model and keeps its table name when the table is explicit', async () => {
    const article: ModelState = { ...post({ title: nullableTitle }), name: 'Article', table: 'blog_article' };
    const questioner = createQuestioner({ interactive: false, renames: ['blog.Post:Article'] });
    const changes = await detectChanges(before, new ProjectState([article]), questioner);
    expect(describeAll(changes)).toEqual({ blog: ['Rename model Post to Article'] });
    expect(changes.get('blog')!.operations[0].args).toEqual({ oldName: 'Post', newName: 'Article', table: 'blog_article' });
  });

  it('rejects a malformed --rename answer, showing both forms', () => {
    expect(() => createQuestioner({ interactive: false, renames: ['blog.title=headline'] })).toThrow(
      /expected app\.Model\.old_field:new_field \(a field\) or app\.OldModel:NewModel/,
    );
  });
});

describe('one-off defaults', () => {
  const before = new ProjectState([post({ title })]);
  const after = new ProjectState([post({ title, publish: { type: 'dateTime' } })]);

  it('asks for a one-off default for a non-null field without one, and keeps it out of the model state', async () => {
    const { questioner, questions } = scripted(['1', '"2024-01-01T00:00:00Z"']);
    const [operation] = (await detectChanges(before, after, questioner)).get('blog')!.operations;
    expect(operation.args).toEqual({ model: 'Post', name: 'publish', field: { type: 'dateTime', default: '2024-01-01T00:00:00Z' }, preserveDefault: false });
    expect(questions[0]).toContain("It is impossible to add a non-nullable field 'publish' to post without specifying a default.");
    const state = before.clone();
    operation.stateForwards('blog', state);
    expect(state.model('blog', 'Post').fields.publish).toEqual({ type: 'dateTime' });
  });

  it('fails with --no-input, naming the field and the ways out', async () => {
    await expect(detectChanges(before, after, noInput)).rejects.toThrow(QuestionError);
    await expect(detectChanges(before, after, noInput)).rejects.toThrow(
      "It is impossible to add the non-nullable field 'publish' to blog.Post without a default",
    );
  });

  it('stops without a migration when the user chooses to quit', async () => {
    const { questioner } = scripted(['2']);
    await expect(detectChanges(before, after, questioner)).rejects.toThrow('No migration written: add a default to blog.Post.publish');
  });

  it('needs no answer for nullable fields, fields with defaults, blank text and autoNow datetimes', async () => {
    const relaxed = new ProjectState([
      post({
        title,
        a: { type: 'integer', null: true },
        b: { type: 'integer', default: 0 },
        c: { type: 'text', blank: true },
        d: { type: 'dateTime', autoNow: true },
      }),
    ]);
    expect(describeAll(await detectChanges(before, relaxed, noInput)).blog).toHaveLength(4);
  });

  it('asks for autoNowAdd and callable defaults, which are not data', async () => {
    const created = new ProjectState([
      post({ title, created: { type: 'dateTime', autoNowAdd: true }, publish: { type: 'dateTime', hasCallableDefault: true } }),
    ]);
    const { questioner, questions } = scripted(['1', 'now', '1', 'now']);
    const operations = (await detectChanges(before, created, questioner)).get('blog')!.operations;
    expect(questions).toHaveLength(4);
    expect(operations.map((op) => (op.args as { field: { default: string } }).field.default)).toEqual([
      expect.stringMatching(/^\d{4}-/),
      expect.stringMatching(/^\d{4}-/),
    ]);
  });
});

describe('makeMigrations naming and dependencies', () => {
  it('names migrations like Django: initial, a fragment, or <first>_and_more', async () => {
    const project = tempApps(['blog']);
    try {
      const graph = new MigrationGraph();
      const [first] = await makeMigrations({ apps: project.apps, graph, currentStates: [post({ title })], questioner: noInput, dryRun: true });
      expect(first.name).toBe('0001_initial');
      expect(first.initial).toBe(true);
    } finally {
      project.cleanup();
    }
  });

  it('makes a new app migration depend on the other app migration made in the same run', async () => {
    const project = tempApps(['accounts', 'blog']);
    try {
      const made = await makeMigrations({
        apps: project.apps,
        graph: new MigrationGraph(),
        currentStates: [post({ author: { type: 'foreignKey', to: 'accounts.User' } }), user],
        questioner: noInput,
        dryRun: true,
      });
      expect(made.map((m) => [m.app, m.name, m.dependencies])).toEqual([
        ['accounts', '0001_initial', []],
        ['blog', '0001_initial', [['accounts', '0001_initial']]],
      ]);
    } finally {
      project.cleanup();
    }
  });

  it('refuses an app label that is not installed', async () => {
    await expect(
      makeMigrations({ apps: [], graph: new MigrationGraph(), currentStates: [], appLabels: ['nope'], questioner: noInput, dryRun: true }),
    ).rejects.toThrow("App 'nope' could not be found. Is it in INSTALLED_APPS?");
  });
});
