/**
 * Templates await real QuerySets: the ORM on SQLite and the template engine together, as a view
 * renders a question with its choices (Django's `{% for c in question.choice_set.all %}`).
 */
import { createTestDatabase, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelTables } from '../src/migrations.js';
import { configureOrm, connection, fields, Manager, Model, modelStates, registerModels, type RelatedManager } from '../src/orm.js';
import { createTemplateEngine, TemplateRenderError } from '../src/templates.js';

class Question extends Model.define({ questionText: fields.char({ maxLength: 200 }) }) {
  static override objects = new Manager<Question>(this);
  declare choiceSet: RelatedManager<Choice>;
}

class Choice extends Model.define({
  question: fields.foreignKey(() => Question, { onDelete: 'CASCADE' }),
  choiceText: fields.char({ maxLength: 200 }),
  votes: fields.integer({ default: 0 }),
}) {
  static override objects = new Manager<Choice>(this);
}

let testDb: TestDatabase;
let question: Question;
beforeAll(async () => {
  registerModels('awaitpolls', { Question, Choice });
  testDb = await createTestDatabase('sqlite');
  configureOrm({ databases: { default: testDb.settings } });
  await createModelTables(connection(), modelStates('awaitpolls'));
  question = await Question.objects.create({ questionText: 'What’s up?' });
  await question.choiceSet.create({ choiceText: 'Not much', votes: 2 });
  await question.choiceSet.create({ choiceText: 'The sky', votes: 1 });
});
afterAll(() => testDb?.drop());

const engine = createTemplateEngine();
const failure = (source: string, context: Record<string, unknown>) =>
  engine.renderString(source, context).then(
    () => expect.unreachable('the template rendered'),
    (error: unknown) => error as TemplateRenderError,
  );

describe('a template and real QuerySets', () => {
  it('loops over an awaited related QuerySet and awaits count() and an ordered filter', async () => {
    const source = `<% for (const c of await it.question.choiceSet.all()) { %><li><%= c.choiceText %>: <%= c.votes %></li><% } %>
<%= await it.question.choiceSet.count() %> | <% for await (const c of it.question.choiceSet.filter({ votes__gte: 2 }).orderBy('choiceText')) { %><%= c.choiceText %><% } %>`;
    expect(await engine.renderString(source, { question })).toBe('<li>Not much: 2</li><li>The sky: 1</li>2 | Not much');
  });

  it('awaits a QuerySet passed as a top-level context value before rendering, as before', async () => {
    const html = await engine.renderString('<%= it.choices.length %>', { choices: Choice.objects.all() });
    expect(html).toBe('2');
  });

  it('says to await a QuerySet a loop iterates without await, with the template line', async () => {
    const error = await failure('<ul>\n<% for (const c of it.question.choiceSet.all()) { %><% } %>', { question });
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.line).toBe(2);
    expect(error.message).toContain(
      'it.question.choiceSet.all() is a QuerySet that was not awaited: write `await it.question.choiceSet.all()` (or pass a list from the view)',
    );
  });

  it('says to await a QuerySet whose length is read, and to call .all() on the related manager', async () => {
    const length = await failure('<% if (it.question.choiceSet.all().length === 0) { %>none<% } %>', { question });
    expect(length.message).toContain('write `(await it.question.choiceSet.all()).length`');
    const manager = await failure('<% for (const c of it.question.choiceSet) { %><% } %>', { question });
    expect(manager.message).toContain('it.question.choiceSet is a RelatedManager, not a list: write `await it.question.choiceSet.all()`');
  });

  it('loads an unloaded relation with await load() in the template', async () => {
    const choice = await Choice.objects.get({ choiceText: 'The sky' });
    const unloaded = await failure('<%= it.choice.question.questionText %>', { choice });
    expect(unloaded.message).toContain('load');
    expect(await engine.renderString(`<% await it.choice.load('question') %><%= it.choice.question.questionText %>`, { choice })).toBe('What’s up?');
  });
});
