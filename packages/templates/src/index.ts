/** Creates a template engine over template folders; implements the contracts' `TemplateEngine`. */
export { createTemplateEngine, ManoucheTemplateEngine } from './engine.js';
/** Options of `createTemplateEngine()`. */
export type { TemplateEngineOptions, InvalidVariable } from './engine.js';
/** Creates the engine one TEMPLATES entry describes (DIRS, APP_DIRS, OPTIONS). */
export { templateEngineFromSettings, backendNames } from './engine-from-settings.js';
/** What `templateEngineFromSettings()` needs besides the TEMPLATES entry. */
export type { TemplateSettingsContext } from './engine-from-settings.js';
/** Safe strings: mark HTML as safe, test for it, escape text. */
export { SafeString, markSafe, isSafe, escapeHtml, conditionalEscape } from './safe-string.js';
/** Registers a filter for every engine in the process. */
export { registerFilter } from './filters/builtin-filters.js';
/** The built-in filters as plain functions, for use in code. */
export { defaultFilters } from './filters/builtin-filters.js';
/** A template filter function. */
export type { TemplateFilter } from './filters/builtin-filters.js';
/** Formats a date with Django's format characters (what the `date` filter uses). */
export { formatDate } from './filters/date-format.js';
/** Context processors: register one for every engine, and the built-in debug and request processors. */
export { registerContextProcessor, debugContextProcessor, requestContextProcessor } from './context-processors.js';
/** A context processor function. */
export type { ContextProcessor } from './context-processors.js';
/** The errors this package raises. */
export {
  TemplateDoesNotExist,
  TemplateSyntaxError,
  TemplateRenderError,
  SuspiciousTemplateName,
  TemplateConfigurationError,
} from './errors.js';
/** The template and line that requested a missing template. */
export type { TemplateUseSite } from './errors.js';
/** A compiled template as the engine holds it. */
export type { LoadedTemplate } from './template-frame.js';
