/**
 * Fakes kept where core as a contract's consumer is the point: a template engine that records
 * what it was asked to render, and a logger. URLs and settings come from the real routing and
 * settings packages (support/app.ts).
 */
import type { TemplateEngine } from '@manouche/contracts';

/** A template engine over a map of name → render function. */
export function fakeTemplates(templates: Record<string, (context: Record<string, unknown>) => string>): TemplateEngine & {
  calls: Array<{ name: string; context: Record<string, unknown>; request: unknown }>;
} {
  const calls: Array<{ name: string; context: Record<string, unknown>; request: unknown }> = [];
  return {
    calls,
    async render(name, context = {}, request) {
      const names = typeof name === 'string' ? [name] : [...name];
      const found = names.find((candidate) => candidate in templates);
      if (!found) throw new Error(`TemplateDoesNotExist: ${names.join(', ')}`);
      calls.push({ name: found, context, request });
      return templates[found]!(context);
    },
    async renderString(source) {
      return source;
    },
    exists: (name) => name in templates,
  };
}

/** A logger that keeps what it was told. */
export function memoryLogger() {
  const errors: Array<{ message: string; error: unknown }> = [];
  const warnings: string[] = [];
  return {
    errors,
    warnings,
    error(message: string, error?: unknown) {
      errors.push({ message, error });
    },
    warn(message: string) {
      warnings.push(message);
    },
  };
}
