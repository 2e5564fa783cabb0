/** `manouche/cache`: everything `@manouche/cache` exports (`import { cache, cachePage } from 'manouche/cache'`). */
export * from '@manouche/cache';
