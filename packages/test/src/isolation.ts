/**
 * Test isolation (Django's TestCase and TransactionTestCase): every test runs inside a
 * transaction on each database that is rolled back at its end, so rows a test leaves behind
 * never reach the next one; nested `atomic()` blocks become savepoints. `setUpTestData` data is
 * created once per describe block inside an outer transaction; `useTransactionTestCase` runs
 * the tests of a block without the wrapping transaction and empties the tables after each.
 */
import type { Database, Project } from '@manouche/contracts';
import { loadData } from '@manouche/fixtures';
import { afterEach, aroundAll, aroundEach, beforeAll } from 'vitest';
import { flushDatabase } from './database-flush.js';
import { testProject } from './test-environment.js';

class Rollback extends Error {
  constructor() {
    super('rolled back at the end of the test');
  }
}

/**
 * Runs `fn` inside a transaction on every database in `databases`, then rolls them all back.
 *
 * @example
 * await inRolledBackTransaction([db], async () => { await Question.objects.create({ questionText: 'Tmp?' }); });
 * await Question.objects.count(); // unchanged
 */
export async function inRolledBackTransaction(databases: readonly Database[], fn: () => Promise<void>): Promise<void> {
  const nest = (index: number): Promise<void> =>
    index === databases.length
      ? fn()
      : databases[index]!.transaction(async () => {
          await nest(index + 1);
          throw new Rollback();
        });
  try {
    await nest(0);
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

function allDatabases(project: Project): Database[] {
  return project.databases.aliases().map((alias) => project.databases.get(alias));
}

type SuiteLike = { suite?: SuiteLike } & object;
const transactionalSuites = new WeakSet<object>();

function inTransactionalSuite(task: SuiteLike | undefined): boolean {
  for (let suite = task?.suite; suite; suite = suite.suite) if (transactionalSuites.has(suite)) return true;
  return false;
}

/**
 * Wraps every test of the file in rolled-back transactions. `manouche test` calls it in each
 * worker's setup, so test files need nothing.
 *
 * @example
 * installTestIsolation(); // in a vitest setup file, after the project is set up
 */
export function installTestIsolation(): void {
  aroundEach(async (runTest, context) => {
    const task = (context as { task?: SuiteLike }).task;
    if (inTransactionalSuite(task)) return runTest();
    await inRolledBackTransaction(allDatabases(testProject()), async () => {
      await runTest();
    });
  });
}

/**
 * Creates data once for every test of the enclosing describe block (Django's setUpTestData):
 * it lives in an outer transaction rolled back after the block, and each test's changes to it
 * are rolled back to a savepoint.
 *
 * @example
 * describe('QuestionIndexView', () => {
 *   setUpTestData(async () => { await Question.objects.create({ questionText: 'Past', pubDate: daysAgo(30) }); });
 *   it('lists it', async () => { assertContains(await new Client().get('/polls/'), 'Past'); });
 * });
 */
export function setUpTestData(fn: () => Promise<void> | void): void {
  aroundAll(async (runSuite) => {
    await inRolledBackTransaction(allDatabases(testProject()), async () => {
      await fn();
      await runSuite();
    });
  });
}

/**
 * Runs the tests of the enclosing describe block without the wrapping transaction (Django's
 * TransactionTestCase), for code that commits on purpose (onCommit callbacks, several connections);
 * every table but the migration history is emptied after each test.
 *
 * @example
 * describe('sending mail on commit', () => {
 *   useTransactionTestCase();
 *   it('sends after the commit', async () => { … });
 * });
 */
export function useTransactionTestCase(): void {
  // vitest reads the first parameter's destructuring pattern to know which fixtures a hook uses.
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the destructuring pattern to know which fixtures a hook uses
  beforeAll(({}, suite) => {
    transactionalSuites.add(suite as object);
  });
  afterEach(async () => {
    for (const db of allDatabases(testProject())) await flushDatabase(db);
  });
}

/**
 * Installs JSON fixtures before each test of the enclosing describe block (Django's
 * `fixtures = [...]`), inside the test's transaction, so they are gone after it. Names are
 * looked up in each app's fixtures/ folder, or given as paths from the project folder.
 *
 * @example
 * describe('the results page', () => {
 *   useFixtures('polls');
 *   it('shows the votes', async () => { assertContains(await new Client().get('/polls/1/results/'), '2 votes'); });
 * });
 */
export function useFixtures(...names: string[]): void {
  aroundEach(async (runTest) => {
    const project = testProject();
    await loadData(names, { cwd: project.baseDir, apps: project.apps.getAppConfigs() });
    await runTest();
  });
}
