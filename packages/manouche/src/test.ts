/** `manouche/test`: the test Client, RequestFactory, isolation, assertions and the test runner's helpers. */
export * from '@manouche/test';
