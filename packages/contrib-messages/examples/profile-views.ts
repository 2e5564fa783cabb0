// examples/profile-views.ts — run by test/readme-example.test.ts
import { HttpResponse, HttpResponseRedirect, type HttpRequest } from '@manouche/core';
import { messages } from '@manouche/contrib-messages';

/** POST /profile/: save, then redirect with a one-time notice. */
export async function saveProfile(request: HttpRequest) {
  const name = (await request.post()).get('name')?.trim();
  if (!name) {
    messages.error(request, 'Please enter a name.');
  } else {
    messages.success(request, `Saved, ${name}!`);
    messages.info(request, 'Your profile is public.', { extraTags: 'dismissable' });
  }
  return new HttpResponseRedirect('/profile/');
}

/** The base template lists the messages once; reloading the page shows none. */
const template = `<% if (it.messages.length) { %><ul class="messages">
<% for (const message of it.messages) { %>  <li class="<%= message.tags %>"><%= message %></li>
<% } %></ul><% } %><h1>Profile</h1>`;

/** GET /profile/. */
export async function showProfile(request: HttpRequest) {
  return new HttpResponse(await request.context.templates!.renderString(template, {}, request));
}
