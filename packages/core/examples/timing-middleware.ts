// The README's MIDDLEWARE example: a function middleware with processView and processException hooks.
import type { Middleware, MiddlewareHandler } from '@manouche/core';

export const timing: Middleware = (getResponse, { settings }) => {
  const handler: MiddlewareHandler = async (request) => {
    const response = await getResponse(request);
    response.headers.set('server-timing', settings.DEBUG ? 'app;desc="debug"' : 'app');
    return response;
  };
  handler.processView = (request, view, args, kwargs) => undefined; // or a response to skip the view
  handler.processException = (request, error) => undefined; // or a response replacing the error
  return handler;
};
