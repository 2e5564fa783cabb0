import { Message } from './message.js';

/** The form messages are stored in: `[level, text]` or `[level, text, extraTags]`, or a sentinel string. */
type StoredItem = [number, string] | [number, string, string] | string;

/** Messages (and the cookie storage's "not finished" sentinel) as JSON. */
export function serializeMessages(items: ReadonlyArray<Message | string>): string {
  const stored: StoredItem[] = items.map((item) =>
    typeof item === 'string' ? item : item.extraTags ? [item.level, item.message, item.extraTags] : [item.level, item.message],
  );
  return JSON.stringify(stored);
}

/** The messages in JSON made by {@link serializeMessages}; undefined when the JSON is not such a list. */
export function deserializeMessages(json: string): Array<Message | string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const out: Array<Message | string> = [];
  for (const item of parsed) {
    if (typeof item === 'string') out.push(item);
    else if (Array.isArray(item) && Number.isInteger(item[0]) && typeof item[1] === 'string' && (item[2] === undefined || typeof item[2] === 'string')) {
      out.push(new Message(item[0] as number, item[1], (item[2] as string | undefined) ?? ''));
    } else return undefined;
  }
  return out;
}
