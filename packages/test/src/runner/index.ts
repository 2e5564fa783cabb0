/**
 * `@manouche/test/runner`: the `manouche test` command and its parts, apart from the test-side
 * tools so loading the command does not load vitest's test API.
 */
export { createTestCommand, TEST_RUN_ENV, type TestRunPlan, type TestCommandOptions } from './test-command.js';
export { selectTests, appTestFiles, type TestSelection } from './test-labels.js';
export {
  testDatabaseName,
  workerDatabaseNames,
  workerDatabaseSettings,
  createTestDatabases,
  destroyTestDatabases,
  type TestDatabasePlan,
} from './test-databases.js';
