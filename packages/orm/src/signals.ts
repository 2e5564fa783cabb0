/**
 * What a save signal's receivers get.
 *
 * @example
 * postSave.connect(({ instance, created }: SaveSignalArgs<Post>) => { if (created) notifyFollowers(instance); }, { sender: Post });
 */
export interface SaveSignalArgs<M = unknown> {
  sender: unknown;
  instance: M;
  /** post_save only: whether a row was inserted. */
  created?: boolean;
  updateFields?: string[];
  using: string;
}
/**
 * What a delete signal's receivers get.
 *
 * @example
 * postDelete.connect(({ instance }: DeleteSignalArgs<Photo>) => fs.promises.rm(instance.path, { force: true }), { sender: Photo });
 */
export interface DeleteSignalArgs<M = unknown> {
  sender: unknown;
  instance: M;
  using: string;
}

type Receiver<A> = (args: A) => unknown;

/**
 * A signal: receivers connect (optionally for one sender model) and are awaited in order when sent.
 *
 * @example
 * const off = preSave.connect(({ instance }) => { (instance as Post).slug ||= slugify((instance as Post).title); }, { sender: Post });
 */
export class Signal<A extends { sender: unknown }> {
  private receivers: Array<{ receiver: Receiver<A>; sender: unknown }> = [];

  /** Adds a receiver; returns a function that removes it. */
  connect(receiver: Receiver<A>, options: { sender?: unknown } = {}): () => void {
    const entry = { receiver, sender: options.sender };
    this.receivers.push(entry);
    return () => this.disconnect(receiver, options);
  }

  /** Removes a receiver (for `sender`, when it was connected with one). */
  disconnect(receiver: Receiver<A>, options: { sender?: unknown } = {}): void {
    this.receivers = this.receivers.filter((entry) => entry.receiver !== receiver || entry.sender !== options.sender);
  }

  /** Whether any receiver listens for this sender. */
  hasReceivers(sender: unknown): boolean {
    return this.receivers.some((entry) => entry.sender === undefined || entry.sender === sender);
  }

  /** Calls every receiver for `args.sender`, in connection order, awaiting each. */
  async send(args: A): Promise<void> {
    for (const entry of [...this.receivers]) {
      if (entry.sender === undefined || entry.sender === args.sender) await entry.receiver(args);
    }
  }
}

/**
 * Sent before a model instance is saved.
 *
 * @example
 * preSave.connect(({ instance }) => { const post = instance as Post; post.slug ||= slugify(post.title); }, { sender: Post });
 */
export const preSave = new Signal<SaveSignalArgs>();
/**
 * Sent after a model instance is saved (`created` tells insert from update).
 *
 * @example
 * postSave.connect(async ({ instance, created }) => { if (created) await Profile.objects.create({ user: instance as User }); }, { sender: User });
 */
export const postSave = new Signal<SaveSignalArgs>();
/**
 * Sent before a model instance is deleted (cascaded deletions included).
 *
 * @example
 * preDelete.connect(({ instance }) => console.info(`deleting ${String(instance)}`), { sender: Post });
 */
export const preDelete = new Signal<DeleteSignalArgs>();
/**
 * Sent after a model instance is deleted.
 *
 * @example
 * postDelete.connect(({ instance }) => cache.delete(`post:${(instance as Post).pk}`), { sender: Post });
 */
export const postDelete = new Signal<DeleteSignalArgs>();
