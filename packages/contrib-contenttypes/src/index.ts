import type { PostMigrateContext } from '@manouche/contracts';
import { createContentTypes } from './create-content-types.js';

/**
 * The app as INSTALLED_APPS loads it (`manouche.contrib.contenttypes`, label `contenttypes`).
 *
 * @example
 * // settings: INSTALLED_APPS: ['manouche.contrib.contenttypes', 'manouche.contrib.auth', 'blog']
 */
export const appConfig = {
  label: 'contenttypes',
  verboseName: 'Content Types',
  defaultAutoField: 'auto' as const,
  /** After migrate: a content type for every installed model. */
  async postMigrate(context: PostMigrateContext): Promise<void> {
    await createContentTypes(context);
  },
};

/** The ContentType model and its cached manager. */
export { ContentType, ContentTypeManager } from './models.js';
/** Creates the content types of every installed model (what runs after migrate). */
export { createContentTypes } from './create-content-types.js';
