import type { AsgiApplication } from '@manouche/asgi';
import type { Settings, UrlResolver } from '@manouche/contracts';
import { createResolver, path } from '@manouche/routing';
import { createSettingsRegistry, loadSettings, type SettingsFragment } from '@manouche/settings';
import { createApplication, type ApplicationOptions } from '../../src/index.js';
import { memoryLogger } from './fakes.js';

/** One route of a test URLconf, as `path(route, view, { name })` writes it. */
export interface TestRoute {
  route: string;
  view: unknown;
  name?: string;
}

/** How the test project's settings are made. */
export interface TestSettingsOptions {
  /** Custom settings the test project declares (registerSettings()), so the settings layer accepts them. */
  register?: SettingsFragment;
  /**
   * Values laid over the validated settings unchecked, as a project wiring core by hand (without
   * @manouche/settings) could pass them: only for tests of core's own checks of such values.
   */
  handWired?: Record<string, unknown>;
}

/** The settings the real settings layer makes of `overrides` (Django's defaults for everything else). */
export function testSettings(overrides: Record<string, unknown> = {}, options: TestSettingsOptions = {}): Settings {
  const registry = createSettingsRegistry();
  if (options.register) registry.register(options.register);
  const settings = loadSettings({
    values: {
      SECRET_KEY: 'test-secret-key-that-is-long-enough-for-tests-0123456789',
      ALLOWED_HOSTS: ['testserver'],
      ROOT_URLCONF: 'mysite.urls',
      MIDDLEWARE: [],
      ...overrides,
    },
    source: 'core test settings',
    baseDir: '/srv/mysite',
    env: {},
    registry,
  }) as unknown as Settings;
  return options.handWired ? { ...settings, ...options.handWired } : settings;
}

/** The real routing layer's resolver over `routes`. */
export function testUrls(routes: readonly TestRoute[]): Promise<UrlResolver<unknown>> {
  return createResolver(routes.map((route) => path(route.route, route.view as never, route.name ? { name: route.name } : {}))) as Promise<UrlResolver<unknown>>;
}

/**
 * An application over the real resolver and settings, logging into memory. The resolver is
 * compiled asynchronously, so `app` waits for it; `ready` resolves once the application exists.
 */
export function makeApp(
  routes: TestRoute[],
  options: Omit<Partial<ApplicationOptions>, 'settings'> & { settings?: Record<string, unknown> } & TestSettingsOptions = {},
) {
  const { register, handWired, settings: overrides, ...rest } = options;
  const logger = memoryLogger();
  const settings = testSettings(overrides, { register, handWired });
  const ready = (async () => createApplication({ logger, ...rest, settings, urls: rest.urls ?? (await testUrls(routes)) }))();
  const app: AsgiApplication = async (scope, receive, send) => (await ready)(scope, receive, send);
  return { app, logger, ready };
}
