/** The root URLconf: the blog under /blog/, as in ../../django-blog/mysite/urls.py, and the two small pages. */
import { include, path } from 'manouche/routing';
import { hello, postsApi } from '../blog/views.js';

export default [
  path('hello', hello, { name: 'hello' }),
  path('api/posts', postsApi, { name: 'api_posts' }),
  path('blog/', include('blog.urls', { namespace: 'blog' })),
];
