import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, makeProject } from './support/cli-process.js';

let cli: Awaited<ReturnType<typeof buildCli>>;
const dirs: string[] = [];
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => {
  cli.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(packageJson: string): string {
  const dir = makeProject({ 'package.json': packageJson, 'mysite/settings.ts': 'export default { DEBUG: true, INSTALLED_APPS: [] };\n' });
  dirs.push(dir);
  return dir;
}

describe('a malformed package.json', () => {
  it('is a one-line CommandError naming the file, line and column of a missing comma', async () => {
    const dir = project('{\n  "name": "mysite",\n  "type": "module"\n  "manouche": { "settings": "mysite.settings" }\n}\n');
    const run = await cli.run(['inspect'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`CommandError: Invalid JSON in ${path.join(dir, 'package.json')}:4:3: Expected ',' or '}' after property value.\n`);
    expect(run.stdout).toBe('');
  });

  it('points at an unexpected token, which the JSON parser gives no position for', async () => {
    const dir = project('{\n  "name": "mysite",\n  "manouche": { "settings": mysite.settings }\n}\n');
    const run = await cli.run(['inspect'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`CommandError: Invalid JSON in ${path.join(dir, 'package.json')}:3:29: Unexpected "m".\n`);
  });

  it('names the end of a truncated file', async () => {
    const dir = project('{\n  "name": "mysite",\n');
    const run = await cli.run(['inspect'], { cwd: dir });
    expect(run.stderr).toBe(`CommandError: Invalid JSON in ${path.join(dir, 'package.json')}:3:1: Expected double-quoted property name.\n`);
    const empty = project('');
    expect((await cli.run(['inspect'], { cwd: empty })).stderr).toBe(
      `CommandError: Invalid JSON in ${path.join(empty, 'package.json')}:1:1: Unexpected end of file.\n`,
    );
  });

  it('refuses a package.json that is not an object, or whose manouche.settings is not a string', async () => {
    const list = await cli.run(['inspect'], { cwd: project('["mysite"]\n') });
    expect(list.stderr).toMatch(/^CommandError: \S+package\.json must hold a JSON object \(found an array\)\.\n$/);
    const settings = await cli.run(['inspect'], { cwd: project('{ "manouche": { "settings": 42 } }\n') });
    expect(settings.stderr).toMatch(/^CommandError: "manouche" in \S+package\.json must be an object like \{ "settings": "mysite\.settings" \}\.\n$/);
  });

  it('is the same one line for startapp, which reads package.json to find the project', async () => {
    const dir = project('{ "name": "mysite", }\n');
    const run = await cli.run(['startapp', 'blog'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`CommandError: Invalid JSON in ${path.join(dir, 'package.json')}:1:21: Expected double-quoted property name.\n`);
  });
});

describe('a malformed settings file', () => {
  it('names the file, line and column on its first line, with no stack trace', async () => {
    const dir = makeProject({
      'package.json': '{ "type": "module", "manouche": { "settings": "mysite.settings" } }\n',
      'mysite/settings.ts': 'export default {\n  DEBUG: true,\n  INSTALLED_APPS: [\n};\n',
    });
    dirs.push(dir);
    const run = await cli.run(['inspect'], { cwd: dir });
    expect(run.code).toBe(1);
    // The first line names the file and position; the code frame under it is the compiler's, no stack follows.
    expect(run.stderr.split('\n')[0]).toBe(`UserSyntaxError: Syntax error in ${path.join(dir, 'mysite/settings.ts')}:4:1: Unexpected "}"`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
