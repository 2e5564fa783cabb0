/** The root URLconf: the polls app under /polls/. */
import { include, path } from 'manouche/routing';

export default [path('polls/', include('polls.urls', { namespace: 'polls' }))];
