/**
 * `manouche test [label …]`: Django's test runner on vitest. Finds the tests, creates the test
 * databases, runs the files in worker processes (each migrates its database with the project's
 * migrations and wraps every test in a rolled-back transaction), destroys the databases, and
 * exits non-zero when a test fails.
 */
import path from 'node:path';
import { CommandError, type Command, type CommandContext } from '@manouche/contracts';
import { createTestDatabases, destroyTestDatabases, type TestDatabasePlan } from './test-databases.js';
import { selectTests } from './test-labels.js';

/**
 * The environment variable that carries the run's plan to the workers.
 *
 * @example
 * const plan: TestRunPlan = JSON.parse(process.env[TEST_RUN_ENV]!); // in a worker's setup file
 */
export const TEST_RUN_ENV = 'MANOUCHE_TEST_RUN';

/**
 * What a worker's setup reads from TEST_RUN_ENV.
 *
 * @example
 * const plan: TestRunPlan = JSON.parse(process.env[TEST_RUN_ENV]!);
 * plan.databases.map((db) => db.alias); // ['default']
 */
export interface TestRunPlan {
  baseDir: string;
  settingsModule: string;
  databases: TestDatabasePlan[];
  /** Keep the project's DEBUG (`--debug-mode`); by default tests run with DEBUG off, as in production. */
  debugMode: boolean;
}

/**
 * What the meta-package provides: the worker setup file that loads the project in each test file.
 *
 * @example
 * createTestCommand({ workerSetupFile: fileURLToPath(import.meta.resolve('manouche/test/setup')) });
 */
export interface TestCommandOptions {
  /** Absolute path of the vitest setup file that sets up the project in a worker. */
  workerSetupFile: string;
}

function escapeGlob(file: string): string {
  return file.replace(/[*?[\]{}()!]/g, (char) => `\\${char}`);
}

async function run(context: CommandContext, options: TestCommandOptions): Promise<number> {
  const project = await context.project();
  const verbosity = typeof context.options.verbosity === 'number' ? context.options.verbosity : 1;
  const parallel = Number(context.options.parallel ?? 1);
  if (!Number.isInteger(parallel) || parallel < 1)
    throw new CommandError(`--parallel must be a whole number of at least 1, got "${String(context.options.parallel)}".`);
  const keepdb = context.options.keepdb === true;
  const labels = (context.args.test_label as string[] | undefined) ?? [];
  const selection = selectTests(labels, { baseDir: project.baseDir, cwd: context.cwd, apps: project.apps.getAppConfigs() });
  const pattern = typeof context.options.pattern === 'string' ? context.options.pattern : undefined;
  if (verbosity >= 1) context.io.stderr.write(`Found ${selection.files.length} test file${selection.files.length === 1 ? '' : 's'}.\n`);

  const connect = (alias: string) => project.databases.get(alias);
  const plans = await createTestDatabases(project.settings.DATABASES, connect, { parallel, keepdb, io: context.io, verbosity, baseDir: project.baseDir });
  const plan: TestRunPlan = {
    baseDir: project.baseDir,
    settingsModule: project.settingsModule,
    databases: plans,
    debugMode: context.options.debugMode === true,
  };
  const previous = process.env[TEST_RUN_ENV];
  process.env[TEST_RUN_ENV] = JSON.stringify(plan);
  let failed = true;
  try {
    const { startVitest } = await import('vitest/node');
    const namePattern = [...selection.namePatterns, ...(pattern ? [pattern] : [])];
    const vitest = await startVitest(
      'test',
      [],
      {
        root: project.baseDir,
        config: false,
        watch: false,
        include: selection.files.map((file) => escapeGlob(path.relative(project.baseDir, file).split(path.sep).join('/'))),
        setupFiles: [options.workerSetupFile],
        pool: 'forks',
        maxWorkers: parallel,
        fileParallelism: parallel > 1,
        passWithNoTests: true,
        bail: context.options.failfast === true ? 1 : 0,
        testTimeout: 30_000,
        hookTimeout: 60_000,
        ...(namePattern.length ? { testNamePattern: namePattern.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') } : {}),
        server: { deps: { inline: [options.workerSetupFile] } },
        reporters: verbosity >= 2 ? ['verbose'] : ['default'],
      },
      { logLevel: 'error' },
    );
    const files = vitest.state.getFiles();
    failed = vitest.state.getCountOfFailedTests() > 0 || files.some((file) => file.result?.state === 'fail') || vitest.state.getUnhandledErrors().length > 0;
    await vitest.close();
    // vitest sets the exit code of the process it runs in; the command's own result decides it.
    process.exitCode = undefined;
  } finally {
    if (previous === undefined) delete process.env[TEST_RUN_ENV];
    else process.env[TEST_RUN_ENV] = previous;
    if (!keepdb) await destroyTestDatabases(plans, connect, context.io, verbosity, project.baseDir);
    else if (verbosity >= 1) context.io.stderr.write('Preserving test database(s) (--keepdb).\n');
  }
  return failed ? 1 : 0;
}

/**
 * The `test` command, given the worker setup file the meta-package ships.
 *
 * @example
 * const testCommand = createTestCommand({ workerSetupFile: fileURLToPath(import.meta.resolve('manouche/test/setup')) });
 */
export function createTestCommand(options: TestCommandOptions): Command {
  return {
    name: 'test',
    help: 'Discover and run tests in the specified modules or the current directory.',
    description:
      "Runs each installed app's tests.ts and tests/ (or the given app labels, dotted modules such as polls.tests.QuestionModelTests, or paths) " +
      "with vitest, against test databases (test_<NAME>; SQLite in memory) migrated with the project's migrations, with DEBUG off (as Django's runner; --debug-mode keeps it); every test runs in a transaction rolled back at its end.",
    args: [{ name: 'test_label', help: 'App label, dotted module (optionally followed by test names), or path.', optional: true, variadic: true }],
    options: [
      { name: 'keepdb', type: 'boolean', help: 'Preserves the test database between runs.' },
      { name: 'parallel', type: 'number', default: 1, help: 'Run test files in N worker processes, each with its own test database.' },
      { name: 'failfast', type: 'boolean', help: 'Stops the test run after the first failure.' },
      { name: 'pattern', short: 'k', type: 'string', help: 'Only run tests whose name matches this substring.' },
      { name: 'noinput', type: 'boolean', help: 'Do not prompt (an old test database is always replaced).' },
      { name: 'no-input', type: 'boolean', help: 'Same as --noinput.' },
      { name: 'verbosity', short: 'v', type: 'number', default: 1, help: '0 = minimal, 1 = normal, 2 = every test.' },
      { name: 'debug-mode', type: 'boolean', help: "Keeps the project's DEBUG setting; by default tests run with DEBUG off." },
    ],
    run: (context) => run(context, options),
  };
}
