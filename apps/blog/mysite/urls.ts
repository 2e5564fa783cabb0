/**
 * The root URLconf of mysite: the admin under /admin/, the blog under /blog/, login and logout under /accounts/, / redirects to the blog;
 * /hello and /api/posts are the small pages of tools/bench's full-stack suite (issue #14).
 */
import { RedirectView } from 'manouche/core';
import { admin } from 'manouche/contrib/admin';
import { include, path } from 'manouche/routing';
import { hello, postsApi } from '../blog/views.js';

export default [
  path('admin/', admin.site.urls),
  path('blog/', include('blog.urls', { namespace: 'blog' })),
  path('accounts/', include('manouche.contrib.auth.urls')),
  path('hello', hello, { name: 'hello' }),
  path('api/posts', postsApi, { name: 'api_posts' }),
  path('', RedirectView.asView({ patternName: 'blog:post_list' })),
];
