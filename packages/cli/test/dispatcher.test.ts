import { CommandError, type Command, type CommandIO } from '@manouche/contracts';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';

const migrate: Command = {
  name: 'migrate',
  help: 'Applies migrations.',
  description: 'Builds the graph and applies what is unapplied.',
  args: [
    { name: 'app', help: 'an app label', optional: true },
    { name: 'migration', help: 'a migration name', optional: true },
  ],
  options: [
    { name: 'fake', type: 'boolean', help: 'Record without running' },
    { name: 'no-input', type: 'boolean', help: 'Never prompt' },
    { name: 'database', type: 'string', default: 'default', help: 'The database alias' },
    { name: 'verbosity', short: 'v', type: 'number', default: 1, help: 'How much to print' },
    { name: 'rename', type: 'string', multiple: true, help: 'A rename answer' },
  ],
  async run({ args, options, io }) {
    io.stdout.write(JSON.stringify({ args, options }));
  },
};
const sqlmigrate: Command = {
  name: 'sqlmigrate',
  help: 'Prints the SQL of a migration.',
  args: [
    { name: 'app', help: 'an app label' },
    { name: 'migration', help: 'a migration name' },
  ],
  async run() {},
};
const failing: Command = {
  name: 'fail',
  help: 'Fails.',
  async run() {
    throw new CommandError('Nothing to do for app "shop".', 4);
  },
};

async function call(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    interactive: false,
    prompt: async () => '',
  };
  const code = await runCli(argv, { commands: [migrate, sqlmigrate, failing], io, env: {} });
  return { code, stdout, stderr };
}

describe('help', () => {
  it('lists every command with its one-line help when called without a command or with help', async () => {
    for (const argv of [[], ['help'], ['--help']]) {
      const { code, stdout } = await call(argv);
      expect(code).toBe(0);
      expect(stdout).toContain('Available commands:');
      expect(stdout).toMatch(/migrate\s+Applies migrations\./);
      expect(stdout).toMatch(/sqlmigrate\s+Prints the SQL of a migration\./);
    }
  });

  it('shows a command usage, description, arguments, options and global options for help <command> and <command> --help', async () => {
    for (const argv of [
      ['help', 'migrate'],
      ['migrate', '--help'],
      ['migrate', '-h'],
    ]) {
      const { code, stdout } = await call(argv);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: manouche migrate [app] [migration] [options]');
      expect(stdout).toContain('Builds the graph and applies what is unapplied.');
      expect(stdout).toMatch(/--database=DATABASE\s+The database alias \(default: default\)/);
      expect(stdout).toMatch(/-v, --verbosity=N/);
      expect(stdout).toMatch(/--settings=SETTINGS/);
      expect(stdout).toMatch(/--traceback/);
    }
  });

  it('suggests the closest command for help on an unknown one', async () => {
    const { code, stderr } = await call(['help', 'migrat']);
    expect(code).toBe(1);
    expect(stderr).toContain("Unknown command: 'migrat'. Did you mean 'migrate'?");
  });
});

describe('dispatching', () => {
  it('answers an unknown command with a did-you-mean and exit code 1', async () => {
    const { code, stderr, stdout } = await call(['sqlmigrat', 'blog']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe("Unknown command: 'sqlmigrat'. Did you mean 'sqlmigrate'?\nType 'manouche help' for the list of commands.\n");
  });

  it('suggests a command whose name the typed word mostly starts', async () => {
    const { code, stderr } = await call(['sqlmigrt', 'blog']);
    expect(code).toBe(1);
    expect(stderr).toContain("Unknown command: 'sqlmigrt'. Did you mean 'sqlmigrate'?");
  });

  it('says only where to look when nothing is close', async () => {
    const { code, stderr } = await call(['xyzzy']);
    expect(code).toBe(1);
    expect(stderr).toBe("Unknown command: 'xyzzy'.\nType 'manouche help' for the list of commands.\n");
  });

  it('passes positional arguments by name and options camel-cased with defaults applied', async () => {
    const { code, stdout } = await call(['migrate', 'blog', '0001', '--fake', '--no-input', '-v', '2', '--rename=a', '--rename', 'b']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      args: { app: 'blog', migration: '0001' },
      options: { fake: true, noInput: true, database: 'default', verbosity: 2, rename: ['a', 'b'] },
    });
  });

  it('turns a boolean off with --no-<name> and treats words after -- as arguments', async () => {
    const { stdout } = await call(['migrate', '--fake', '--no-fake', '--', '--blog']);
    expect(JSON.parse(stdout)).toMatchObject({ args: { app: '--blog' }, options: { fake: false, rename: [] } });
  });

  it('accepts the global --settings and --traceback options on any command', async () => {
    const { code } = await call(['migrate', '--settings=mysite.settings.production', '--traceback']);
    expect(code).toBe(0);
  });
});

describe('usage errors', () => {
  it('rejects an unknown option with the known ones and the usage, exit code 2', async () => {
    const { code, stderr } = await call(['migrate', '--fkae']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "Unknown option --fkae for 'migrate'. Known options: --fake, --no-input, --database, --verbosity, --rename, --settings, --traceback, --help.",
    );
    expect(stderr).toContain('Usage: manouche migrate [app] [migration] [options]');
  });

  it('rejects a missing required argument naming it', async () => {
    const { code, stderr } = await call(['sqlmigrate', 'blog']);
    expect(code).toBe(2);
    expect(stderr).toContain('Missing argument MIGRATION: a migration name.');
    expect(stderr).toContain('Usage: manouche sqlmigrate APP MIGRATION [options]');
  });

  it('rejects extra arguments, a non-number for a number option and a value missing after an option', async () => {
    expect((await call(['sqlmigrate', 'blog', '0001', 'extra'])).stderr).toContain("Unexpected argument for 'sqlmigrate': 'extra'.");
    expect((await call(['migrate', '--verbosity=lots'])).stderr).toContain("Option --verbosity expects a number, got 'lots'.");
    expect((await call(['migrate', '--database'])).stderr).toContain('Option --database needs a value.');
    expect((await call(['migrate', '--fake=maybe'])).code).toBe(2);
  });
});

describe('command failures', () => {
  it("prints a CommandError's message without a stack and exits with its code", async () => {
    const { code, stderr } = await call(['fail']);
    expect(code).toBe(4);
    expect(stderr).toBe('CommandError: Nothing to do for app "shop".\n');
  });

  it('fails cleanly when a command needs a project and there is no package.json', async () => {
    let stderr = '';
    const needsProject: Command = {
      name: 'needs',
      help: 'x',
      async run({ project }) {
        await project();
      },
    };
    const code = await runCli(['needs'], {
      commands: [needsProject],
      cwd: '/',
      env: {},
      io: { stderr: { write: (t: string) => (stderr += t) } },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('No Manouche project found: there is no package.json in / or any folder above it.');
  });
});

describe("the project's own commands", () => {
  const seedposts: Command = {
    name: 'seedposts',
    help: 'Adds sample posts.',
    async run({ io }) {
      io.stdout.write('seeded\n');
    },
  };

  async function callWithDiscovery(argv: string[], discover: () => Promise<Command[]>) {
    let stdout = '';
    let stderr = '';
    const io: CommandIO = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      interactive: false,
      prompt: async () => '',
    };
    const { makeProject } = await import('./support/cli-process.js');
    const cwd = makeProject({ 'package.json': '{"name":"site","manouche":{"settings":"site.settings"}}', 'site/settings.ts': 'export default {};\n' });
    const code = await runCli(argv, { commands: [migrate], io, env: {}, cwd, discoverCommands: discover });
    return { code, stdout, stderr };
  }

  it('runs a command an installed app contributes and lists it in help', async () => {
    expect(await callWithDiscovery(['seedposts'], async () => [seedposts])).toMatchObject({ code: 0, stdout: 'seeded\n' });
    const help = await callWithDiscovery(['help'], async () => [seedposts]);
    expect(help.stdout).toMatch(/seedposts\s+Adds sample posts\./);
  });

  it('does not load the project for commands it already knows', async () => {
    let discovered = 0;
    await callWithDiscovery(['migrate'], async () => {
      discovered++;
      return [seedposts];
    });
    expect(discovered).toBe(0);
  });

  it("explains why an app's command is unknown when the project fails to load", async () => {
    const result = await callWithDiscovery(['seedposts'], async () => {
      throw new Error('Unknown setting "DEBG" in site/settings.ts. Did you mean "DEBUG"?');
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Unknown command: 'seedposts'.");
    expect(result.stderr).toContain('(The project\'s own commands could not be listed: Unknown setting "DEBG" in site/settings.ts. Did you mean "DEBUG"?)');
  });
});

describe('suggest', () => {
  it('finds makemigrations for makemigrate, as a typo of its ending', async () => {
    const { suggest } = await import('../src/did-you-mean.js');
    expect(suggest('makemigrate', ['migrate', 'makemigrations', 'runserver'])).toEqual(['makemigrations']);
    expect(suggest('xyzzy', ['migrate', 'makemigrations', 'runserver'])).toEqual([]);
  });
});
