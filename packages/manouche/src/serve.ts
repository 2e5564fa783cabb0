/**
 * `manouche/serve`: what the production entry written by `manouche build` imports. Only the
 * serving path — not the management commands, migrations, fixtures or test runner the package
 * root exports — so a server process loads, and keeps in memory, what it serves with.
 */
export { serveBuiltProject, type ServeBuiltProjectOptions } from './serve-built.js';
