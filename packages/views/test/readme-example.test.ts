/** The README's example runs, and the README shows it verbatim. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blogViews, pageSummary } from '../examples/pagination.js';

describe('the README example', () => {
  it('is shown in the README as it is in examples/', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(new URL('../examples/pagination.ts', import.meta.url), 'utf8'));
  });

  it('pages a list, forgiving bad page numbers with getPage', async () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(await pageSummary(items, '2')).toEqual({ items: ['d', 'e', 'f'], number: 2, of: 3, showing: '4–6 of 7', links: [1, 2, 3, 4, 5, '…', 66, 67] });
    expect((await pageSummary(items, 'abc')).number).toBe(1);
    expect((await pageSummary(items, 9999)).number).toBe(3);
  });

  it('builds view functions from generic views, and refuses unknown options', () => {
    const views = blogViews(class {} as never);
    expect(Object.values(views).every((view) => typeof view === 'function')).toBe(true);
    expect(views.list.name).toBe('ListView');
  });
});
