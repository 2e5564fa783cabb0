import type { Settings } from '@manouche/contracts';
import type { HttpRequest, HttpResponseBase } from '@manouche/core';
import { DEFAULT_TAGS, INFO } from '../constants.js';
import { MessagesConfigurationError } from '../errors.js';
import { Message } from '../message.js';

/** What a storage's `get` found: the messages (undefined when the storage holds nothing at all) and whether that was all of them. */
export interface RetrievedMessages {
  messages: Message[] | undefined;
  allRetrieved: boolean;
}

// Merged once per MESSAGE_TAGS object: storages are built on every request.
const mergedTags = new WeakMap<object, Readonly<Record<number, string>>>();

function levelTagsOf(settings: Settings): Readonly<Record<number, string>> {
  const extra = settings.MESSAGE_TAGS;
  if (extra === undefined || extra === null) return DEFAULT_TAGS;
  if (typeof extra !== 'object' || Array.isArray(extra))
    throw new MessagesConfigurationError(`MESSAGE_TAGS must be an object of level number → CSS tag, such as { 40: 'danger' }, got ${JSON.stringify(extra)}`);
  let merged = mergedTags.get(extra);
  if (merged === undefined) {
    merged = { ...DEFAULT_TAGS, ...(extra as Record<number, string>) };
    mergedTags.set(extra, merged);
  }
  return merged;
}

function levelOf(value: unknown, where: string): number {
  if (!Number.isInteger(value)) throw new MessagesConfigurationError(`${where} must be an integer level such as 20 (INFO), got ${JSON.stringify(value)}`);
  return value as number;
}

/**
 * The messages of one request (Django's BaseStorage): those stored by earlier requests, loaded on
 * first use, and those added now. Iterating marks them used: at the end of the request the used
 * ones are dropped and the rest (plus the new ones) are stored for the next request.
 * Subclasses implement `retrieve` and `persist`.
 *
 * In a view, read them with `for await (const message of getMessages(request))`; templates get
 * them loaded, so `for (const message of it.messages)` works there.
 *
 * @example
 * const storage = defaultStorage(request);
 * storage.add(INFO, 'Hello');
 * for await (const message of storage) console.log(String(message)); // marks them used
 */
export abstract class BaseStorage implements Iterable<Message>, AsyncIterable<Message> {
  /** Set once the messages were iterated: they are not kept for the next request. */
  used = false;
  /** Set once a message was added during this request. */
  addedNew = false;
  private queued: Message[] = [];
  private loadedData: Message[] | undefined;
  private loading: Promise<Message[]> | undefined;
  private levelOverride: number | undefined;
  private readonly levelTags: Readonly<Record<number, string>>;

  constructor(
    readonly request: HttpRequest,
    readonly settings: Settings = request.settings,
  ) {
    this.levelTags = levelTagsOf(settings);
  }

  /** Reads the stored messages (the storage's own format). @internal */
  abstract retrieve(): Promise<RetrievedMessages>;

  /** Stores `messages` for the next request; returns those that did not fit. @internal */
  abstract persist(messages: Message[], response: HttpResponseBase, removeOldest?: boolean): Promise<Message[]>;

  /** Whether this request can hold no stored message, known without reading (no cookie): then loading needs no promise. @internal */
  storesNothing(): boolean {
    return false;
  }

  /** This storage loaded, when that needs no read (nothing can be stored); undefined when {@link load} must read. @internal */
  loadedWithoutReading(): this | undefined {
    if (this.loadedData === undefined) {
      if (!this.storesNothing()) return undefined;
      this.loadedData = [];
    }
    return this;
  }

  /** Loads the stored messages once (templates get a loaded storage; views may iterate asynchronously instead). */
  async load(): Promise<this> {
    if (this.loadedData === undefined) {
      this.loading ??= this.retrieve().then(({ messages }) => this.prepare(messages ?? []));
      this.loadedData = await this.loading;
    }
    return this;
  }

  private prepare(messages: Message[]): Message[] {
    for (const message of messages) message.levelTags = this.levelTags;
    return messages;
  }

  private loadedOrThrow(): Message[] {
    if (this.loadedData === undefined) {
      throw new MessagesConfigurationError(
        'The stored messages are not loaded yet: iterate with `for await (const m of getMessages(request))`, or `await getMessages(request).load()` first.',
      );
    }
    return this.loadedData;
  }

  /** The messages (stored and new) without marking them used; needs {@link load} first. */
  get length(): number {
    return this.loadedOrThrow().length + this.queued.length;
  }

  /** Iterates the messages and marks them used; needs {@link load} first (the context processor does it). */
  [Symbol.iterator](): Iterator<Message> {
    const loaded = this.loadedOrThrow();
    this.used = true;
    if (this.queued.length > 0) {
      loaded.push(...this.queued);
      this.queued = [];
    }
    return loaded[Symbol.iterator]();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Message> {
    await this.load();
    // `yield*` would ask for this object's async iterator again: iterate the loaded list instead.
    for (const message of this as Iterable<Message>) yield message;
  }

  /** Every message as a list, marking them used (Django's `list(get_messages(request))`). */
  async list(): Promise<Message[]> {
    await this.load();
    return [...this];
  }

  /**
   * Queues a message unless it is empty or below the current level.
   *
   * @example
   * getMessages(request).add(SUCCESS, 'Saved.');
   */
  add(level: number, message: unknown, extraTags = ''): void {
    if (message === undefined || message === null || message === '') return;
    const numeric = levelOf(level, 'The message level');
    if (numeric < this.level) return;
    this.addedNew = true;
    const added = new Message(numeric, message, extraTags);
    added.levelTags = this.levelTags;
    this.queued.push(added);
  }

  /** The minimum level recorded: set with {@link level} for this request, else MESSAGE_LEVEL (INFO by default). */
  get level(): number {
    if (this.levelOverride !== undefined) return this.levelOverride;
    const setting = this.settings.MESSAGE_LEVEL;
    return setting === undefined || setting === null ? INFO : levelOf(setting, 'MESSAGE_LEVEL');
  }

  /** Sets the minimum level for this request; undefined goes back to MESSAGE_LEVEL. */
  set level(value: number | undefined) {
    this.levelOverride = value === undefined ? undefined : levelOf(value, 'The message level');
  }

  /**
   * Stores what the next request should see (called by MessageMiddleware after the view): only the
   * new messages when the old ones were iterated, everything when messages were added, nothing
   * (the stored data stays) otherwise. Returns the messages that could not be stored.
   */
  async update(response: HttpResponseBase): Promise<Message[]> {
    if (this.used) return this.persist(this.queued, response);
    if (this.addedNew) {
      await this.load();
      return this.persist([...this.loadedOrThrow(), ...this.queued], response);
    }
    return [];
  }
}
