import { describe, expect, it } from 'vitest';
import { Client, assertContains, assertNumQueries, assertQuerysetEqual, assertTemplateUsed, setUpTestData } from 'manouche/test';
import { Note } from './models.js';

describe('the note list', () => {
  it('renders the list template with an empty list', async () => {
    const response = await new Client().get('/');
    expect(response.status).toBe(200);
    assertTemplateUsed(response, 'notes/list.html');
    expect(response.context?.notes).toEqual([]);
  });

  it('leaves a row behind', async () => {
    await Note.objects.create({ text: 'left behind' });
    expect(await Note.objects.count()).toBe(1);
  });

  it('does not see the row the previous test left', async () => {
    expect(await Note.objects.count()).toBe(0);
  });
});

describe('with data made once', () => {
  setUpTestData(async () => {
    await Note.objects.create({ text: 'shared' });
  });

  it('sees the shared row and adds one', async () => {
    await Note.objects.create({ text: 'more' });
    expect(await Note.objects.count()).toBe(2);
  });

  it('sees the shared row alone again', async () => {
    await assertQuerysetEqual(Note.objects.all(), ['shared'], { transform: String });
    const response = await new Client().get('/');
    assertContains(response, '<li>shared</li>', { html: true, count: 1 });
    await assertNumQueries(1, () => Note.objects.count());
  });
});
