import { isThenable } from '@manouche/contracts';
import type { GetResponse, MiddlewareHandler } from '../middleware.js';
import type { HttpRequest } from '../request.js';
import type { HttpResponseBase } from '../response.js';

/**
 * @internal A middleware in two synchronous halves, as the built-in ones are: `before` on the way in
 * (a response it returns is passed on as it is, and the layers inside are skipped), `after` on the
 * way out. The handler made from them behaves as any middleware handler; the chain
 * (buildRequestHandler) runs the halves itself instead, with the layer's error conversion in the
 * same step: one promise reaction per layer for an asynchronous view instead of two.
 */
export interface ResponseSteps {
  before?(request: HttpRequest): HttpResponseBase | undefined;
  after(request: HttpRequest, response: HttpResponseBase): HttpResponseBase;
}

const STEPS = Symbol('manouche.responseSteps');

/** @internal The middleware handler of `steps` around `getResponse`, carrying the steps for the chain. */
export function stepsHandler(getResponse: GetResponse, steps: ResponseSteps): MiddlewareHandler {
  const { before, after } = steps;
  const handler = (request: HttpRequest) => {
    const early = before?.(request);
    if (early !== undefined) return early;
    const response = getResponse(request);
    if (!isThenable(response)) return after(request, response);
    return Promise.resolve(response).then((ready) => after(request, ready));
  };
  return Object.assign(handler, { [STEPS]: steps });
}

/** @internal The steps a handler was made from by {@link stepsHandler}, if it was. */
export function responseStepsOf(handler: unknown): ResponseSteps | undefined {
  return typeof handler === 'function' ? (handler as { [STEPS]?: ResponseSteps })[STEPS] : undefined;
}
