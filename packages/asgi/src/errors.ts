/**
 * Raised when an application sends an event the protocol does not allow at that moment.
 *
 * @example
 * const check = createSendValidator({ type: 'http' });
 * check({ type: 'http.response.body', body: new Uint8Array() }); // ProtocolError: body sent before http.response.start
 */
export class ProtocolError extends Error {
  readonly code = 'MANOUCHE_ASGI_PROTOCOL';
  constructor(
    message: string,
    /** The `type` of the offending event, or `undefined` when it had none. */
    readonly eventType: string | undefined,
    /** The field at fault, when one is. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
