import type { Command } from '@manouche/contracts';
import { createcachetableCommand } from './createcachetable.js';

/** The management commands of the cache framework (`createcachetable`). */
export const cacheCommands: readonly Command[] = [createcachetableCommand];
