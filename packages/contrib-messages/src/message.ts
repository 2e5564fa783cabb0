import { DEFAULT_TAGS } from './constants.js';

/**
 * One message (Django's Message): its level, its text and extra CSS tags. In a template,
 * `message.tags` is the extra tags and the level's tag (`'extra success'`), and `<%= message %>`
 * prints the text.
 *
 * @example
 * const message = new Message(SUCCESS, 'Saved.', 'toast');
 * message.tags; // 'toast success'
 */
export class Message {
  readonly level: number;
  readonly message: string;
  readonly extraTags: string;
  /** The level → tag table (DEFAULT_TAGS with MESSAGE_TAGS), given by the storage. @internal */
  levelTags: Readonly<Record<number, string>> = DEFAULT_TAGS;

  constructor(level: number, message: unknown, extraTags = '') {
    this.level = level;
    this.message = String(message);
    this.extraTags = extraTags ?? '';
  }

  /** The level's CSS tag (`'success'`), '' for a level without one. */
  get levelTag(): string {
    return this.levelTags[this.level] ?? '';
  }

  /** The extra tags and the level tag, space-separated. */
  get tags(): string {
    return [this.extraTags, this.levelTag].filter(Boolean).join(' ');
  }

  /** Same level and text. */
  equals(other: unknown): boolean {
    return other instanceof Message && other.level === this.level && other.message === this.message;
  }

  toString(): string {
    return this.message;
  }
}
