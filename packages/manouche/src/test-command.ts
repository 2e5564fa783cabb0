/** `manouche test`, with the worker setup file this package ships (`manouche/test/setup`). */
import { createTestCommand } from '@manouche/test/runner';
import { fileURLToPath } from 'node:url';

/** The `test` command the bin registers. */
export const testCommand = createTestCommand({
  get workerSetupFile() {
    return fileURLToPath(import.meta.resolve('manouche/test/setup'));
  },
});
