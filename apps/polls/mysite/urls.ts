/** The root URLconf: the admin under /admin/, the polls app under /polls/, login and logout under /accounts/. */
import { admin } from 'manouche/contrib/admin';
import { include, path } from 'manouche/routing';

export default [
  path('admin/', admin.site.urls),
  path('polls/', include('polls.urls', { namespace: 'polls' })),
  path('accounts/', include('manouche.contrib.auth.urls')),
];
