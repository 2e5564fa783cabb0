/** The root URLconf: the polls app under /polls/, login and logout under /accounts/. */
import { include, path } from 'manouche/routing';

export default [
  path('polls/', include('polls.urls', { namespace: 'polls' })),
  path('accounts/', include('manouche.contrib.auth.urls')),
];
