/** The root URLconf of mysite: the admin under /admin/, the blog under /blog/, login and logout under /accounts/, and / redirects to the blog. */
import { RedirectView } from 'manouche/core';
import { admin } from 'manouche/contrib/admin';
import { include, path } from 'manouche/routing';

export default [
  path('admin/', admin.site.urls),
  path('blog/', include('blog.urls', { namespace: 'blog' })),
  path('accounts/', include('manouche.contrib.auth.urls')),
  path('', RedirectView.asView({ patternName: 'blog:post_list' })),
];
