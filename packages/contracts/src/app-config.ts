import type { Command, CommandIO } from './command.js';
import type { Project } from './project.js';
import type { Settings } from './settings.js';

/**
 * One installed application, as the app registry builds it from INSTALLED_APPS.
 * An app's module (its `index.ts`) may export an `appConfig` to set any of these.
 *
 * @example
 * // blog/index.ts
 * export const appConfig = { label: 'blog', verboseName: 'Blog', defaultAutoField: 'bigAuto' } satisfies Partial<AppConfig>;
 */
export interface AppConfig {
  /** The INSTALLED_APPS entry (`blog`, `manouche.contrib.auth`). */
  readonly name: string;
  /** The short unique label (`blog`, `auth`); tables are named `<label>_<model>`. */
  readonly label: string;
  /** Absolute folder of the app. */
  readonly path: string;
  readonly verboseName: string;
  /** The primary-key kind for this app's models when a model has none (overrides DEFAULT_AUTO_FIELD). */
  readonly defaultAutoField?: 'auto' | 'bigAuto' | 'smallAuto';
  /** The app's `templates/` folder, when it has one. */
  readonly templatesDir?: string;
  /** The app's `migrations/` folder (it may not exist yet). */
  readonly migrationsDir: string;
  /** Management commands the app contributes (Django's `management/commands`). */
  readonly commands?: Command[];
  /** Called once every app is loaded (Django's `AppConfig.ready`), with the project's settings when the registry was given them. */
  ready?(context?: AppReadyContext): void | Promise<void>;
  /**
   * Called after `migrate` has run, for every installed app in INSTALLED_APPS order (Django's
   * post_migrate signal): contenttypes and auth create their rows for the installed models here.
   */
  postMigrate?(context: PostMigrateContext): void | Promise<void>;
}

/** What an app's `ready` hook receives. */
export interface AppReadyContext {
  /** The effective settings of the project (absent when the registry was built without them). */
  settings?: Settings;
}

/**
 * What an app's `postMigrate` hook receives.
 *
 * @example
 * async postMigrate({ database, io }: PostMigrateContext) { io.stdout.write(`Seeding categories on ${database}\n`); }
 */
export interface PostMigrateContext {
  project: Project;
  /** The DATABASES alias that was migrated. */
  database: string;
  /** Where the command writes; a hook reports what it created here. */
  io: CommandIO;
}

/**
 * The loaded INSTALLED_APPS.
 *
 * @example
 * project.apps.getAppConfigs().map((app) => app.label); // ['contenttypes', 'auth', 'blog']
 */
export interface AppRegistry {
  /** Apps in INSTALLED_APPS order. */
  getAppConfigs(): AppConfig[];
  /** The app with `label`; an unknown label is an error naming the installed ones. */
  getAppConfig(label: string): AppConfig;
  isInstalled(nameOrLabel: string): boolean;
}
