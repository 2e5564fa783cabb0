/**
 * SuccessMessageMixin over real HTTP on a form-handling view: the message, filled from the cleaned
 * data, is shown once on the page the view redirects to. (apps/polls runs it on the generic
 * CreateView and UpdateView with a database.)
 */
import { HttpResponse, HttpResponseRedirect, View, type HttpRequest, type HttpResponseBase, type ViewFunction } from '@manouche/core';
import { afterEach, describe, expect, it } from 'vitest';
import { SuccessMessageFormatError, SuccessMessageMixin, formatSuccessMessage } from '../src/index.js';
import { MESSAGES, SESSIONS, startStack, type Stack } from './support/stack.js';

/** A form view in miniature: POST validates a name and hands the form to formValid(), which redirects. */
class ProfileFormView extends View {
  async post(request: HttpRequest): Promise<HttpResponseBase> {
    const name = (await request.post()).get('name')?.trim();
    if (!name) return new HttpResponse('name required', { status: 400 });
    return this.formValid({ cleanedData: { name, age: 42 } } as never);
  }
  async formValid(_form: never): Promise<HttpResponseBase> {
    return new HttpResponseRedirect('/list/');
  }
}

class SaveProfile extends SuccessMessageMixin(ProfileFormView) {
  override successMessage = 'Saved %(name)s, aged {age} — 100%% done.';
}
class SilentSave extends SuccessMessageMixin(ProfileFormView) {}
class TypoSave extends SuccessMessageMixin(ProfileFormView) {
  override successMessage = 'Saved %(nmae)s.';
}
class CustomSave extends SuccessMessageMixin(ProfileFormView) {
  override getSuccessMessage(cleanedData: Record<string, unknown>): string {
    return `Welcome back, ${String(cleanedData.name).toUpperCase()}.`;
  }
}

const routes: Record<string, ViewFunction> = {
  'save/': SaveProfile.asView(),
  'silent/': SilentSave.asView(),
  'typo/': TypoSave.asView(),
  'custom/': CustomSave.asView(),
  'list/': async (request) =>
    new HttpResponse(
      await request.context.templates!.renderString('<ul><% for (const m of it.messages) { %><li class="<%= m.tags %>"><%= m %></li><% } %></ul>', {}, request),
    ),
};

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('SuccessMessageMixin', () => {
  it('adds the success message from the cleaned data after a valid form, shown once after the redirect, escaped', async () => {
    stack = await startStack(routes, { MIDDLEWARE: [SESSIONS, MESSAGES] });
    const client = stack.client();
    const saved = await client.request('/save/', { form: { name: '<Ann>' } });
    expect([saved.status, saved.location]).toEqual([302, '/list/']);
    expect((await client.get('/list/')).text).toBe('<ul><li class="success">Saved &lt;Ann&gt;, aged 42 — 100% done.</li></ul>');
    expect((await client.get('/list/')).text).toBe('<ul></ul>');
  });

  it('adds nothing for an invalid form or an empty successMessage, and uses an overridden getSuccessMessage()', async () => {
    stack = await startStack(routes, { MIDDLEWARE: [SESSIONS, MESSAGES] });
    const client = stack.client();
    expect((await client.request('/save/', { form: { name: ' ' } })).status).toBe(400);
    expect((await client.request('/silent/', { form: { name: 'Bob' } })).status).toBe(302);
    expect((await client.get('/list/')).text).toBe('<ul></ul>');
    await client.request('/custom/', { form: { name: 'Bob' } });
    expect((await client.get('/list/')).text).toBe('<ul><li class="success">Welcome back, BOB.</li></ul>');
  });

  it('fails a message naming a field the cleaned data lacks, naming the view and the fields it has', async () => {
    stack = await startStack(routes, { MIDDLEWARE: [SESSIONS, MESSAGES] });
    expect((await stack.client().request('/typo/', { form: { name: 'Bob' } })).status).toBe(500);
    const [error] = stack.errors as Error[];
    expect(error).toBeInstanceOf(SuccessMessageFormatError);
    expect(error!.message).toBe(
      'TypoSave.successMessage uses "nmae", which the form\'s cleaned data lacks; it has "name", "age". Override getSuccessMessage() for other values.',
    );
    expect(() => formatSuccessMessage('%(x)s', {}, 'V')).toThrow('V.successMessage uses "x", which the form\'s cleaned data lacks; it has no fields.');
  });
});
