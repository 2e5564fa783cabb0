/**
 * The URLconf of {{ project_name }} (ROOT_URLCONF): a list of `path()` patterns.
 * Include an app's URLs (import `include` next to `path` from 'manouche/routing'):
 *   path('blog/', include('blog.urls', { namespace: 'blog' })),
 */
import { admin } from 'manouche/contrib/admin';
import { path } from 'manouche/routing';

export default [path('admin/', admin.site.urls)];
