/**
 * Tests of the {{ app_name }} app. Create your tests here; run them with `npx manouche test {{ app_name }}`.
 * Each test runs in a transaction rolled back at its end, on a test database migrated with
 * the project's migrations.
 */
import { describe, expect, it } from 'vitest';
import { Client } from 'manouche/test';
import * as models from './models.js';

describe('the {{ app_name }} app', () => {
  it('has a models module', () => {
    expect(typeof models).toBe('object');
  });

  it('answers 404 for a page that does not exist', async () => {
    const response = await new Client().get('/{{ app_name }}/no-such-page/');
    expect(response.status).toBe(404);
  });
});
