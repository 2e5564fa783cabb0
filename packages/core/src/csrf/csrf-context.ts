/** The CSRF values every template rendered with a request sees (Django's csrf context processor and {% csrf_token %}). */
import { escapeHtml } from '@manouche/contracts/text';
import { HttpRequest } from '../request.js';
import { CSRF_FORM_FIELD } from './csrf-protection.js';
import { getToken } from './csrf-state.js';

/**
 * The `csrf_token` template value: the token, made only when the template outputs it (making one
 * sends the CSRF cookie), as Django's lazy context value.
 *
 * @example
 * // template: <input type="hidden" name="csrfmiddlewaretoken" value="<%= it.csrf_token %>">
 * String(context.csrf_token); // the masked token; only now is the CSRF cookie sent
 */
export class LazyCsrfToken {
  constructor(private readonly token: () => string) {}
  toString(): string {
    return this.token();
  }
  toJSON(): string {
    return this.token();
  }
  valueOf(): string {
    return this.token();
  }
  [Symbol.toPrimitive](): string {
    return this.token();
  }
}

/**
 * Options of {@link csrfContextProcessor}.
 *
 * @example
 * registerContextProcessor(csrfContextProcessor({ markSafe })); // csrfInput() is not escaped again
 */
export interface CsrfContextOptions {
  /** Marks HTML as safe for the template engine in use, so `<%= it.csrfInput() %>` is not escaped (the meta-package passes the engine's markSafe). */
  markSafe?: (html: string) => unknown;
}

/**
 * A context processor giving templates `csrf_token` (lazy), `csrfToken()` and `csrfInput()` (the
 * hidden `csrfmiddlewaretoken` field for a POST form). One masked token per render.
 *
 * @example
 * engine.registerContextProcessor(csrfContextProcessor({ markSafe }));
 * // template: <form method="post"><%= it.csrfInput() %> … </form>
 */
export function csrfContextProcessor(options: CsrfContextOptions = {}) {
  const markSafe = options.markSafe ?? ((html: string) => html);
  return (request: unknown): Record<string, unknown> => {
    if (!(request instanceof HttpRequest)) return {};
    let token: string | undefined;
    const csrfToken = () => (token ??= getToken(request));
    return {
      csrf_token: new LazyCsrfToken(csrfToken),
      csrfToken,
      csrfInput: () => markSafe(`<input type="hidden" name="${CSRF_FORM_FIELD}" value="${escapeHtml(csrfToken())}">`),
    };
  };
}
