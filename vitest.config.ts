import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One vitest project per workspace folder that has a test/ directory; sibling packages
// resolve to their TypeScript source through the "source" export condition.
// Paths are relative to this file, so `vitest --root ../..` from a package works too.
const here = path.dirname(fileURLToPath(import.meta.url));
const roots = ['packages', 'apps', 'tools'].flatMap((group) =>
  existsSync(path.join(here, group))
    ? readdirSync(path.join(here, group), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(path.join(here, group, entry.name, 'test')))
        .map((entry) => ({ group, name: entry.name }))
    : [],
);

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    projects: roots.map(({ group, name }) => ({
      extends: true,
      test: {
        name,
        root: path.join(here, group, name),
        include: ['test/**/*.test.ts'],
        testTimeout: 30_000,
        hookTimeout: 60_000,
        // Type tests: test/**/*.test-d.ts are checked by tsc against the package's own tsconfig, not run.
        typecheck: {
          enabled: true,
          include: ['test/**/*.test-d.ts'],
          tsconfig: path.join(here, group, name, 'tsconfig.json'),
        },
      },
    })),
  },
});
