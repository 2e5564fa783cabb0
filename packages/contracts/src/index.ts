/** Settings: the typed, read-only view every layer reads. */
export type {
  Settings,
  CoreSettings,
  HttpSettings,
  UploadSettings,
  ServerSettings,
  DatabaseSettings,
  TemplateBackendSettings,
  SessionSettings,
  AuthSettings,
  CsrfSettings,
  MailSettings,
  MessageSettings,
  CacheSettings,
  CacheFrameworkSettings,
  ChannelLayerSettings,
  ChannelsSettings,
} from './settings.js';
/** Databases: the connection interface the ORM implements and migrations use. */
export type { Database, DatabaseRegistry, Dialect, ExecuteResult } from './database.js';
/** Models as plain data: what migration files contain. */
export type { FieldSpec, FieldType, ModelState, ModelOptions, IndexSpec, ConstraintSpec, OnDelete, PlainValue } from './model-state.js';
/** The column a field is stored in, and the registry key of a model. */
export { columnName, modelKey } from './model-state.js';
/** Installed apps and their registry. */
export type { AppConfig, AppRegistry, AppReadyContext, PostMigrateContext } from './app-config.js';
/** The URLconf interface the routing layer implements. */
export type { UrlResolver, ResolverMatch, ReverseOptions } from './url-resolver.js';
/** The template engine interface. */
export type { TemplateEngine, TemplateErrorInfo, TemplateGlobals } from './template-engine.js';
/** Management commands. */
export type { Command, CommandArgument, CommandOption, CommandContext, CommandIO } from './command.js';
/** The error a command throws to fail cleanly. */
export { CommandError } from './command.js';
/** A loaded project, as commands see it. */
export type { Project } from './project.js';
/** System checks. */
export type { CheckMessage, CheckLevel, SystemCheck } from './check.js';
/** Error identity across layers: stable codes and the guards that check them. */
export { ErrorCodes, isNoReverseMatch, isDoesNotExist, isImproperlyConfigured, isModuleNotFound } from './error-codes.js';
export type { ErrorCode, CodedError, ModuleNotFound } from './error-codes.js';
/** The settings or the project's wiring are wrong (Django's `ImproperlyConfigured`), for every layer. */
export { ImproperlyConfigured } from './error-codes.js';
/** Values that may or may not be promises, for request paths that stay synchronous when they can. */
export { isThenable, whenReady } from './awaitable.js';
export type { Awaitable } from './awaitable.js';
