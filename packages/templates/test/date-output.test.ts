import { describe, expect, it } from 'vitest';
import { createTemplateEngine } from '../src/index.js';

describe('printing a Date', () => {
  const publish = new Date('2026-12-06T10:00:00Z');

  it("prints it as Django prints a datetime (DATETIME_FORMAT in the engine's time zone), not as Date#toString", async () => {
    const utc = createTemplateEngine({ timeZone: 'UTC' });
    expect(await utc.renderString('<%= it.publish %>|<%~ it.publish %>', { publish })).toBe('Dec. 6, 2026, 10 a.m.|Dec. 6, 2026, 10 a.m.');
    const paris = createTemplateEngine({ timeZone: 'Europe/Paris' });
    expect(await paris.renderString('<%= it.publish %>', { publish: new Date('2026-12-06T11:30:00Z') })).toBe('Dec. 6, 2026, 12:30 p.m.');
  });

  it('leaves other values and the date filter as they were', async () => {
    const engine = createTemplateEngine({ timeZone: 'UTC' });
    expect(await engine.renderString("<%= f.date(it.publish, 'Y-m-d') %> <%= it.n %> <%= it.s %>", { publish, n: 3, s: '<b>' })).toBe('2026-12-06 3 &lt;b&gt;');
  });
});
