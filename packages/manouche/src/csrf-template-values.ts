import { csrfContextProcessor } from '@manouche/core';
import { markSafe, registerContextProcessor } from '@manouche/templates';

let installed = false;

/**
 * Gives every template rendered with a request `csrf_token`, `csrfToken()` and `csrfInput()`, as
 * Django's engine always includes its csrf context processor. Registered once per process: the
 * values depend only on the request.
 */
export function installCsrfTemplateValues(): void {
  if (installed) return;
  installed = true;
  registerContextProcessor(csrfContextProcessor({ markSafe }));
}
