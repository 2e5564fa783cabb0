/** The names a channel layer accepts, and how a message type maps to a consumer method. */
import { InvalidChannelName, InvalidMessage } from './errors.js';

/**
 * Longest channel or group name, as in Channels (names must be shorter than 100 characters).
 *
 * @example
 * validateGroupName('x'.repeat(MAX_NAME_LENGTH)); // throws InvalidChannelName: 100 characters is one too many
 */
export const MAX_NAME_LENGTH = 100;
const GROUP_NAME = /^[a-zA-Z0-9_.-]+$/;
// Channel names may carry one `!` splitting a process-specific prefix from the local part (Channels' "specific" channels).
const CHANNEL_NAME = /^[a-zA-Z0-9_.-]+(?:![a-zA-Z0-9_.-]*)?$/;
const HANDLER_NAMES = new Map<string, string>();
const MESSAGE_TYPE = /^[a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_]+)+$/;

function describe(name: unknown): string {
  return typeof name === 'string' ? JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name) : typeof name;
}

/**
 * Checks a group name: ASCII letters, digits, hyphens, underscores and periods, shorter than 100 characters.
 *
 * @example
 * validateGroupName('chat_lobby'); // ok
 * validateGroupName('chat lobby'); // throws InvalidChannelName
 */
export function validateGroupName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length >= MAX_NAME_LENGTH || !GROUP_NAME.test(name)) {
    throw new InvalidChannelName(
      `Invalid group name ${describe(name)}: a group name must be a non-empty string shorter than ${MAX_NAME_LENGTH} characters of ASCII letters, digits, hyphens, underscores or periods.`,
    );
  }
}

/**
 * Checks a channel name: as a group name, plus at most one `!` (process-specific channels).
 *
 * @example
 * validateChannelName('specific.a1b2!c3d4'); // ok: one '!' splits the process prefix
 * validateChannelName('a!b!c'); // throws InvalidChannelName
 */
export function validateChannelName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length >= MAX_NAME_LENGTH || !CHANNEL_NAME.test(name)) {
    throw new InvalidChannelName(
      `Invalid channel name ${describe(name)}: a channel name must be a non-empty string shorter than ${MAX_NAME_LENGTH} characters of ASCII letters, digits, hyphens, underscores or periods, with at most one "!".`,
    );
  }
}

/**
 * A channel-layer message: a plain object whose `type` names the handler.
 *
 * @example
 * const message: ChannelMessage = { type: 'chat.message', text: 'hi' }; // handled by chatMessage(message)
 */
export interface ChannelMessage {
  type: string;
  [key: string]: unknown;
}

/** Checks that `message` is a plain object with a string `type` (what every layer sends). */
export function validateMessage(message: unknown): asserts message is ChannelMessage {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw new InvalidMessage(`A channel-layer message must be a plain object with a "type", got ${Array.isArray(message) ? 'an array' : typeof message}.`);
  }
  if (typeof (message as { type?: unknown }).type !== 'string') {
    throw new InvalidMessage(`A channel-layer message needs a string "type" such as "chat.message"; got ${JSON.stringify(Object.keys(message))} keys.`);
  }
}

/**
 * The consumer method a message type is dispatched to: Channels turns dots into underscores
 * (`chat.message` → `chat_message`); Manouche uses the camelCase equivalent (`chat.message` →
 * `chatMessage`, `user.joined_room` → `userJoinedRoom`). Types need at least one dot and no leading
 * underscore, so a message can never call a consumer's own methods such as `send` or `close`.
 *
 * @example
 * handlerName('chat.message'); // 'chatMessage'
 */
export function handlerName(type: string): string {
  const known = HANDLER_NAMES.get(type);
  if (known !== undefined) return known;
  if (!MESSAGE_TYPE.test(type) || type.startsWith('_')) {
    throw new InvalidMessage(
      `Invalid message type ${JSON.stringify(type)}: expected dotted words such as "chat.message" (letters, digits and underscores, at least one ".", no leading "_").`,
    );
  }
  const words = type.split(/[._]+/).filter(Boolean);
  const name = words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
  // Every broadcast goes through here once per consumer: remember the few types a site uses.
  if (HANDLER_NAMES.size < 1000) HANDLER_NAMES.set(type, name);
  return name;
}
