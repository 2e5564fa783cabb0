import type { AsgiApplication } from '@manouche/asgi';
import type { AppRegistry } from './app-config.js';
import type { DatabaseRegistry } from './database.js';
import type { ModelState } from './model-state.js';
import type { Settings } from './settings.js';
import type { TemplateEngine } from './template-engine.js';
import type { UrlResolver } from './url-resolver.js';

/**
 * A loaded project, as the meta-package wires it: what commands and tools use to reach
 * every layer without importing any of them.
 *
 * @example
 * const resolver = await project.urls();
 * const { Post } = await project.importModule('blog.models');
 */
export interface Project {
  /** Absolute folder of the project. */
  readonly baseDir: string;
  /** The dotted module or file the settings came from (`mysite.settings.production`). */
  readonly settingsModule: string;
  readonly settings: Settings;
  readonly apps: AppRegistry;
  readonly databases: DatabaseRegistry;
  /** The current models of every installed app, as plain data. */
  modelStates(): ModelState[];
  /** Imports a module of the project by dotted path (`blog.models`) or file path, TypeScript included. */
  importModule(specifier: string): Promise<Record<string, unknown>>;
  /** The URLconf of ROOT_URLCONF. */
  urls(): Promise<UrlResolver>;
  templates(): Promise<TemplateEngine>;
  /** The gateway application serving this project. */
  application(): Promise<AsgiApplication>;
  /** Closes databases and anything else opened. */
  close(): Promise<void>;
}
