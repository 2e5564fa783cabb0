/**
 * `@manouche/test` (`manouche/test`): Django's test tools — the test Client and RequestFactory,
 * per-test isolation in rolled-back transactions, setUpTestData, TransactionTestCase-style
 * flushing, the assertions of Django's TestCase, and overrideSettings.
 */

/** The test Client and what it returns. */
export { Client, type ClientOptions, type RequestOptions } from './client.js';
export { TestResponse } from './test-response.js';
export { CookieJar } from './cookie-jar.js';
/** Requests for calling views directly. */
export { RequestFactory, type FactoryRequestOptions } from './request-factory.js';
/** Request bodies: form fields, files, JSON. */
export type { UploadFile, FormValue } from './request-body.js';
/** Assertions (Django's TestCase methods as functions). */
export {
  assertContains,
  assertNotContains,
  assertRedirects,
  assertTemplateUsed,
  assertTemplateNotUsed,
  assertFormError,
  assertQuerysetEqual,
  assertNumQueries,
  type ContainsOptions,
  type RedirectOptions,
  type FormWithErrors,
} from './assertions.js';
/** Isolation: rolled-back transactions per test, setUpTestData, TransactionTestCase. */
export { installTestIsolation, setUpTestData, useTransactionTestCase, useFixtures, inRolledBackTransaction } from './isolation.js';
export { flushDatabase, listTables } from './database-flush.js';
/** Settings overrides for a test. */
export { overrideSettings, overridableSettings } from './settings-override.js';
/** The project `manouche test` set up in this worker. */
export { setTestProject, testProject, hasTestProject } from './test-environment.js';
/** Templates rendered during a request. */
export { instrumentTemplateEngine, captureTemplates, type RenderedTemplate } from './template-capture.js';
/** Errors, each with a stable code. */
export { TestToolsError, RedirectLoopError } from './errors.js';
