import type { Command } from '@manouche/contracts';
import { createcachetableCommand } from './createcachetable.js';

/**
 * The management commands of the cache framework (`createcachetable`).
 *
 * @example
 * // manouche createcachetable --database default
 * cacheCommands.map((command) => command.name); // ['createcachetable']
 */
export const cacheCommands: readonly Command[] = [createcachetableCommand];
