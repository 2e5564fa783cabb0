/**
 * `overrideSettings` (Django's override_settings): settings seen through a layer of overrides
 * for the duration of a function. The test runner gives the project settings that can be
 * overridden; settings read once at startup (INSTALLED_APPS, MIDDLEWARE) keep their first value.
 */
import type { Settings } from '@manouche/contracts';
import { TestToolsError } from './errors.js';
import { testProject } from './test-environment.js';

const STACK = Symbol.for('manouche.test.settingsOverrides');

type Overridable = Settings & { [STACK]?: Array<Record<string, unknown>> };

/**
 * Settings whose values `overrideSettings` can replace. The runner's worker setup wraps the
 * project's (frozen) settings with it before wiring the project.
 *
 * @example
 * const project = await setup({ settings: overridableSettings(settings), importModule });
 */
export function overridableSettings(settings: Settings): Settings {
  const stack: Array<Record<string, unknown>> = [];
  const read = (key: PropertyKey): unknown => {
    if (key === STACK) return stack;
    for (let i = stack.length - 1; i >= 0; i--) if (typeof key === 'string' && key in stack[i]!) return stack[i]![key];
    return (settings as Record<PropertyKey, unknown>)[key];
  };
  return new Proxy(Object.create(settings) as Settings, {
    get: (_target, key) => read(key),
    has: (_target, key) => key === STACK || stack.some((layer) => typeof key === 'string' && key in layer) || key in settings,
    ownKeys: () => [...new Set([...Reflect.ownKeys(settings), ...stack.flatMap((layer) => Object.keys(layer))])],
    getOwnPropertyDescriptor: (_target, key) =>
      key === STACK || !(key in settings || stack.some((layer) => typeof key === 'string' && key in layer))
        ? undefined
        : { value: read(key), enumerable: true, configurable: true, writable: false },
    set: (_target, key) => {
      throw new TestToolsError(`Settings are read-only; use overrideSettings({ ${String(key)}: … }, fn) in tests.`);
    },
  });
}

/**
 * Runs `fn` with some settings replaced, then restores them (also when `fn` throws).
 *
 * @example
 * await overrideSettings({ DEBUG: true }, async () => {
 *   const response = await client.get('/missing/');
 *   assertContains(response, 'Page not found', { status: 404 });
 * });
 */
export async function overrideSettings<T>(values: Record<string, unknown>, fn: () => Promise<T> | T, settings: Settings = testProject().settings): Promise<T> {
  const stack = (settings as Overridable)[STACK];
  if (!stack) throw new TestToolsError("overrideSettings needs the settings of a project set up by 'manouche test' (or wrapped with overridableSettings()).");
  stack.push(values);
  try {
    return await fn();
  } finally {
    stack.splice(stack.lastIndexOf(values), 1);
  }
}
