/** Errors of the test tools, each with a stable code. */

/**
 * A misuse of the test tools (no application to call, an unknown database alias, bad request data).
 *
 * @example
 * await new Client().get('/polls/'); // TestToolsError outside `manouche test`: no project is set up
 */
export class TestToolsError extends Error {
  readonly code: string;
  constructor(message: string, code = 'MANOUCHE_TEST_MISUSE') {
    super(message);
    this.name = 'TestToolsError';
    this.code = code;
  }
}

/**
 * A follow chain that loops or runs past the limit of redirects.
 *
 * @example
 * await client.get('/loop/', { follow: true }); // RedirectLoopError: 302 /loop/ -> 302 /loop/ …
 */
export class RedirectLoopError extends TestToolsError {
  constructor(readonly chain: Array<[string, number]>) {
    super(
      `Redirect loop or too many redirects (${chain.length}): ${chain.map(([url, status]) => `${status} ${url}`).join(' -> ')}`,
      'MANOUCHE_TEST_REDIRECT_LOOP',
    );
    this.name = 'RedirectLoopError';
  }
}
