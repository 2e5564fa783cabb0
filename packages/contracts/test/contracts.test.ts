import { describe, expect, it } from 'vitest';
import {
  columnName,
  CommandError,
  ErrorCodes,
  ImproperlyConfigured,
  isDoesNotExist,
  isImproperlyConfigured,
  isModuleNotFound,
  isNoReverseMatch,
  modelKey,
  type Command,
  type CommandContext,
  type FieldSpec,
  type ModelState,
} from '../src/index.js';

describe('columnName', () => {
  it('stores a plain field under its own name', () => {
    expect(columnName('title', { type: 'char', maxLength: 250 })).toBe('title');
  });

  it('suffixes foreign keys and one-to-one fields with _id, as Django does', () => {
    expect(columnName('author', { type: 'foreignKey', to: 'auth.User', onDelete: 'CASCADE' })).toBe('author_id');
    expect(columnName('profile', { type: 'oneToOne', to: 'auth.User' })).toBe('profile_id');
  });

  it('prefers an explicit column', () => {
    const field: FieldSpec = { type: 'foreignKey', to: 'auth.User', column: 'writer' };
    expect(columnName('author', field)).toBe('writer');
  });
});

describe('modelKey', () => {
  it('is the lower-cased app label and model name', () => {
    expect(modelKey('blog', 'Post')).toBe('blog.post');
  });
});

describe('CommandError', () => {
  it('carries a stable code and the exit code to use', () => {
    const error = new CommandError('No installed app with label "blg".', 2);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('MANOUCHE_COMMAND_ERROR');
    expect(error.exitCode).toBe(2);
    expect(new CommandError('x').exitCode).toBe(1);
  });
});

describe('plain-data model states', () => {
  it('survive a JSON round trip unchanged, as migration files need', () => {
    const post: ModelState = {
      app: 'blog',
      name: 'Post',
      table: 'blog_post',
      fields: {
        id: { type: 'bigAuto', primaryKey: true },
        title: { type: 'char', maxLength: 250, default: '' },
        status: {
          type: 'char',
          maxLength: 2,
          choices: [
            ['DF', 'Draft'],
            ['PB', 'Published'],
          ],
          default: 'DF',
        },
        tags: { type: 'manyToMany', to: 'blog.Tag', joinTable: { table: 'blog_post_tags', sourceColumn: 'post_id', targetColumn: 'tag_id' } },
      },
      options: { ordering: ['-publish'], indexes: [{ name: 'blog_post_publish_idx', fields: ['-publish'] }] },
    };
    expect(JSON.parse(JSON.stringify(post))).toEqual(post);
  });
});

describe('Command', () => {
  it('runs with the context the CLI gives it', async () => {
    const out: string[] = [];
    const hello: Command = {
      name: 'hello',
      help: 'Greets someone.',
      args: [{ name: 'who', help: 'who to greet' }],
      async run({ args, io }) {
        io.stdout.write(`Hello ${String(args.who)}\n`);
        return 0;
      },
    };
    const context: CommandContext = {
      args: { who: 'Django' },
      options: {},
      cwd: '/',
      io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, interactive: false, prompt: async () => '' },
      project: async () => {
        throw new CommandError('no project here');
      },
    };
    expect(await hello.run(context)).toBe(0);
    expect(out).toEqual(['Hello Django\n']);
  });
});

describe('error identity across layers', () => {
  it('recognises NoReverseMatch, DoesNotExist and ImproperlyConfigured by their contracts code alone', () => {
    const coded = (code: string, name = 'Whatever') => Object.assign(new Error('x'), { code, name });
    expect(isNoReverseMatch(coded(ErrorCodes.noReverseMatch))).toBe(true);
    expect(isNoReverseMatch(coded('MANOUCHE_ROUTING_NO_REVERSE_MATCH', 'NoReverseMatch'))).toBe(false);
    expect(isDoesNotExist(coded('MANOUCHE_ORM_DOES_NOT_EXIST', 'Post.DoesNotExist'))).toBe(true);
    expect(isDoesNotExist(coded('MANOUCHE_ORM_MULTIPLE_OBJECTS_RETURNED', 'NotDoesNotExist'))).toBe(false);
    expect(isDoesNotExist({ code: ErrorCodes.doesNotExist })).toBe(false);
    const improper = new ImproperlyConfigured('SECRET_KEY is empty');
    expect(improper).toBeInstanceOf(Error);
    expect(improper.name).toBe('ImproperlyConfigured');
    expect(improper.code).toBe('MANOUCHE_IMPROPERLY_CONFIGURED');
    expect(isImproperlyConfigured(improper)).toBe(true);
  });

  it('tells a missing module from a module whose own import is missing', () => {
    const missing = Object.assign(new Error("Cannot find module 'blog.models'"), { code: ErrorCodes.projectModuleNotFound, specifier: 'blog.models' });
    const nested = Object.assign(new Error("Cannot find module '/srv/blog/models-helpers.js' imported from /srv/blog/models.ts"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(isModuleNotFound(missing, 'blog.models')).toBe(true);
    expect(isModuleNotFound(missing, 'shop.models')).toBe(false);
    expect(isModuleNotFound(nested, 'blog.models')).toBe(false);
    expect(isModuleNotFound(nested)).toBe(true);
    expect(isModuleNotFound(new Error('models'), 'blog.models')).toBe(false);
  });
});
