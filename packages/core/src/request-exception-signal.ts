import type { HttpRequest } from './request.js';

/**
 * A listener of `gotRequestException`: the request, and what its view (or a middleware) threw.
 *
 * @example
 * const report: RequestExceptionListener = (request, error) => console.error(request.method, request.path, error);
 * gotRequestException.connect(report);
 */
export type RequestExceptionListener = (request: HttpRequest, error: unknown) => void;

const listeners = new Set<RequestExceptionListener>();

/**
 * Django's `got_request_exception`: sent for every exception that becomes a 500 response, before the
 * error page is made. The test Client listens to re-raise the view's error in the test.
 *
 * @example
 * const disconnect = gotRequestException.connect((request, error) => reportToSentry(request.path, error));
 */
export const gotRequestException = {
  /** Adds a listener; returns the function that removes it. */
  connect(listener: RequestExceptionListener): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  /** Tells every listener; a listener that throws does not stop the others, nor the 500 page. */
  send(request: HttpRequest, error: unknown): void {
    for (const listener of listeners) {
      try {
        listener(request, error);
      } catch {
        // A broken listener must not turn one 500 into a crash of the error path.
      }
    }
  },
};
