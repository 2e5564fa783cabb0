/** The root URLconf: the admin only, as in ../../django-admin/adminsite/urls.py. */
import { admin } from 'manouche/contrib/admin';
import { path } from 'manouche/routing';

export default [path('admin/', admin.site.urls)];
