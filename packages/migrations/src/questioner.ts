import type { FieldSpec, PlainValue } from '@manouche/contracts';
import { QuestionError } from './errors.js';

/**
 * The answers makemigrations needs from a person: renames and one-off defaults.
 *
 * @example
 * const questioner: Questioner = createQuestioner({ interactive: false, renames: ['blog.Post.title:headline'] });
 * await questioner.askRenameField('blog', 'Post', 'title', 'headline', field); // true
 */
export interface Questioner {
  askRenameModel(app: string, oldName: string, newName: string): Promise<boolean>;
  askRenameField(app: string, model: string, oldName: string, newName: string, field: FieldSpec): Promise<boolean>;
  /** A one-off value for existing rows when a non-null field without a default is added; throws when none can be had. */
  askNotNullAddition(app: string, model: string, name: string, field: FieldSpec): Promise<PlainValue>;
  /** A one-off value for rows that are null when a field becomes non-null; undefined to leave them (the database then refuses if any exist). */
  askNotNullAlteration(app: string, model: string, name: string, field: FieldSpec): Promise<PlainValue | undefined>;
}

/**
 * Options of createQuestioner(): whether to prompt, how, and answers given up front.
 *
 * @example
 * createQuestioner({ interactive: process.stdin.isTTY === true, prompt: (q) => rl.question(q), stdout: process.stdout });
 */
export interface QuestionerOptions {
  /** Whether prompts can be shown (false with --no-input or without a TTY). */
  interactive: boolean;
  prompt?: (question: string) => Promise<string>;
  /** Rename answers given up front: `blog.Post.title:headline` (a field) or `blog.Post:Article` (a model). */
  renames?: string[];
  /** Where notes about defaults taken are written. */
  stdout?: { write(text: string): unknown };
}

/**
 * Parses `--rename` answers; a malformed one is an error showing both accepted forms.
 *
 * @example
 * parseRenames(['blog.Post.title:headline', 'blog.Entry:Article']);
 * // { models: Set { 'blog.entry:article' }, fields: Set { 'blog.post.title:headline' } }
 */
export function parseRenames(renames: string[]): { models: Set<string>; fields: Set<string> } {
  const models = new Set<string>();
  const fields = new Set<string>();
  for (const entry of renames) {
    const match = /^([\w]+)\.([\w]+)(?:\.([\w]+))?:([\w]+)$/.exec(entry.trim());
    if (!match)
      throw new QuestionError(`--rename "${entry}" is not understood; expected app.Model.old_field:new_field (a field) or app.OldModel:NewModel (a model).`);
    const [, app, model, field, target] = match;
    if (field) fields.add(`${app}.${model}.${field}:${target}`.toLowerCase());
    else models.add(`${app}.${model}:${target}`.toLowerCase());
  }
  return { models, fields };
}

/** Reads a one-off default typed at the prompt: JSON when it parses, `now` for datetimes, else the text itself. */
export function parseDefaultAnswer(answer: string, field: FieldSpec): PlainValue {
  const text = answer.trim();
  if (text.toLowerCase() === 'now' && (field.type === 'dateTime' || field.type === 'date')) {
    const iso = new Date().toISOString();
    return field.type === 'date' ? iso.slice(0, 10) : iso;
  }
  try {
    return JSON.parse(text) as PlainValue;
  } catch {
    return text;
  }
}

/**
 * The questioner makemigrations uses: `--rename` answers first, then prompts when interactive.
 * Without a person it takes the safe default for renames (none: a removal and an addition) and says
 * so, and fails clearly where a one-off default is needed. It never waits for input it cannot get.
 *
 * @example
 * const questioner = createQuestioner({ interactive: false, renames: ['blog.Post.title:headline'] });
 */
export function createQuestioner(options: QuestionerOptions): Questioner {
  const { models, fields } = parseRenames(options.renames ?? []);
  const out = options.stdout ?? { write: () => undefined };
  const interactive = options.interactive && options.prompt !== undefined;
  const yes = async (question: string) => /^y(es)?$/i.test((await options.prompt!(`${question} [y/N] `)).trim());
  return {
    async askRenameModel(app, oldName, newName) {
      if (models.has(`${app}.${oldName}:${newName}`.toLowerCase())) return true;
      if (interactive) return yes(`Was the model ${app}.${oldName} renamed to ${newName}?`);
      out.write(
        `  (no input) ${app}.${oldName} -> ${newName} is treated as deleting ${oldName} and creating ${newName}, not a rename; pass --rename ${app}.${oldName}:${newName} to rename it and keep its rows.\n`,
      );
      return false;
    },
    async askRenameField(app, model, oldName, newName, field) {
      if (fields.has(`${app}.${model}.${oldName}:${newName}`.toLowerCase())) return true;
      if (interactive) return yes(`Was ${model.toLowerCase()}.${oldName} renamed to ${model.toLowerCase()}.${newName} (a ${field.type} field)?`);
      out.write(
        `  (no input) ${app}.${model}.${oldName} -> ${newName} is treated as removing ${oldName} and adding ${newName}, not a rename; pass --rename ${app}.${model}.${oldName}:${newName} to rename it and keep its data.\n`,
      );
      return false;
    },
    async askNotNullAddition(app, model, name, field) {
      if (!interactive) {
        throw new QuestionError(
          `It is impossible to add the non-nullable field '${name}' to ${app}.${model} without a default: the database needs a value for existing rows. ` +
            `Give the field a default, make it null: true, or run makemigrations interactively to provide a one-off default.`,
        );
      }
      const choice = await options.prompt!(
        `It is impossible to add a non-nullable field '${name}' to ${model.toLowerCase()} without specifying a default. This is because the database needs something to populate existing rows.\n` +
          'Please select a fix:\n 1) Provide a one-off default now (will be set on all existing rows with a null value for this column)\n 2) Quit and manually define a default value in the model.\nSelect an option: ',
      );
      if (choice.trim() !== '1')
        throw new QuestionError(`No migration written: add a default to ${app}.${model}.${name} (or make it nullable) and run makemigrations again.`);
      const answer = await options.prompt!(
        `Please enter the default value as valid JSON${field.type === 'dateTime' || field.type === 'date' ? " (or 'now')" : ''}; plain text is taken as a string: `,
      );
      return parseDefaultAnswer(answer, field);
    },
    async askNotNullAlteration(app, model, name, field) {
      if (!interactive) {
        out.write(`  (no input) ${app}.${model}.${name} becomes non-nullable without a default: existing null values must be fixed before migrating.\n`);
        return undefined;
      }
      const answer = await options.prompt!(
        `Field ${model.toLowerCase()}.${name} becomes non-nullable. Enter a one-off default for existing null rows as JSON (empty to leave them): `,
      );
      return answer.trim() === '' ? undefined : parseDefaultAnswer(answer, field);
    },
  };
}
