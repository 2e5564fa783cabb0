/** The README's second example (overridden layout, Media, fieldOrder, split and select dates) runs as shown. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventForm, handleEvent, renderer } from '../examples/event-form.js';

describe('the README event example', () => {
  it('is shown in the README as it is in examples/, with its template', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(new URL('../examples/event-form.ts', import.meta.url), 'utf8'));
    expect(readme).toContain(readFileSync(new URL('../examples/templates/django/forms/div.html', import.meta.url), 'utf8'));
  });

  it('cleans the split date-time, the three selects and the typed choices', async () => {
    const result = await handleEvent({
      title: 'Jam session',
      startsAt_0: '2026-06-21',
      startsAt_1: '20:00',
      signupBy_year: '2026',
      signupBy_month: '6',
      signupBy_day: '1',
      rooms: ['2', '1'],
    });
    expect(result).toEqual({
      valid: true,
      event: { startsAt: new Date('2026-06-21T18:00:00Z'), title: 'Jam session', signupBy: '2026-06-01', rooms: [2, 1], colour: '' },
    });
  });

  it("re-renders through the project's div.html in field order, with the assets", async () => {
    const result = await handleEvent({ title: '<b>x</b>', startsAt_0: '2026-06-31', startsAt_1: '20:00', rooms: ['3'] });
    expect(result.valid).toBe(false);
    const html = result.html!;
    expect(html.indexOf('name="startsAt_0"')).toBeLessThan(html.indexOf('name="title"'));
    expect(html).toContain('<div class="card has-error"><fieldset>\n<legend>Starts at:</legend>');
    expect(html).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
    expect(html).toContain('Select a valid choice. 3 is not one of the available choices.');
    expect(result.assets).toBe(
      '<link href="/static/picker.css" media="all" rel="stylesheet">\n<script src="/static/events.js"></script>\n<script src="/static/picker.js"></script>',
    );
    // Only div.html is overridden: asP() keeps the built-in layout.
    expect(new EventForm({ renderer }).asP().toString().startsWith('<p>\n<label>Starts at:</label> <input type="date"')).toBe(true);
  });
});
