/** The root URLconf: the chat under /chat/, login and logout under /accounts/, / redirects to the room list. */
import { RedirectView } from 'manouche/core';
import { include, path } from 'manouche/routing';

export default [
  path('chat/', include('chat.urls', { namespace: 'chat' })),
  path('accounts/', include('manouche.contrib.auth.urls')),
  path('', RedirectView.asView({ patternName: 'chat:index' })),
];
