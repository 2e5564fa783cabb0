import type { Middleware } from '../middleware.js';
import { requireSettings } from '../required-settings.js';
import type { HttpResponseBase } from '../response.js';
import { checkedOnFirstUse } from '../response-headers.js';
import { stepsHandler } from './response-steps.js';

/**
 * Marks a response so XFrameOptionsMiddleware leaves it alone (Django's @xframe_options_exempt).
 *
 * @example
 * const embeddable: ViewFunction = () => xframeOptionsExempt(new HttpResponse('<p>widget</p>'));
 */
export function xframeOptionsExempt<R extends HttpResponseBase>(response: R): R {
  response.xframeOptionsExempt = true;
  return response;
}

/**
 * Django's XFrameOptionsMiddleware: sets X-Frame-Options to X_FRAME_OPTIONS (default `DENY`) unless
 * the response already has one or is exempted with {@link xframeOptionsExempt}.
 *
 * @example
 * // settings: MIDDLEWARE: [..., 'manouche.middleware.clickjacking.XFrameOptionsMiddleware']
 */
export const XFrameOptionsMiddleware: Middleware = (getResponse, { settings }) => {
  requireSettings(settings, ['X_FRAME_OPTIONS'], 'XFrameOptionsMiddleware');
  const value = checkedOnFirstUse('x-frame-options', settings.X_FRAME_OPTIONS.toUpperCase());
  return stepsHandler(getResponse, {
    after(_request, response) {
      if (!response.xframeOptionsExempt) response.headers.setDefaultValid('x-frame-options', value());
      return response;
    },
  });
};
