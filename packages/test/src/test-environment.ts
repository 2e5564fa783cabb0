/** The project the test runner set up in this worker, which Client and the isolation helpers use by default. */
import type { Project } from '@manouche/contracts';
import { TestToolsError } from './errors.js';

const KEY = Symbol.for('manouche.test.project');

/**
 * Makes `project` the one tests in this process use (the runner's worker setup calls it).
 *
 * @example
 * setTestProject(project); // in the worker's setup file, once the project is loaded
 * afterAll(() => setTestProject(undefined));
 */
export function setTestProject(project: Project | undefined): void {
  (globalThis as Record<symbol, unknown>)[KEY] = project;
}

/**
 * The project set up for tests; an error explaining `manouche test` when there is none.
 *
 * @example
 * const db = testProject().databases.get('default');
 */
export function testProject(): Project {
  const project = (globalThis as Record<symbol, unknown>)[KEY] as Project | undefined;
  if (!project) {
    throw new TestToolsError(
      "No project is set up for tests: run the tests with 'manouche test' (it creates the test database and loads the project), or pass an application to new Client(app).",
      'MANOUCHE_TEST_NO_PROJECT',
    );
  }
  return project;
}

/**
 * Whether a project is set up for tests in this process.
 *
 * @example
 * const client = hasTestProject() ? new Client() : new Client(app);
 */
export function hasTestProject(): boolean {
  return (globalThis as Record<symbol, unknown>)[KEY] !== undefined;
}
