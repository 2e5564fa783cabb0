/** The blog's two pages, as ../../django-blog/blog/urls.py. */
import { path } from 'manouche/routing';
import { postDetail, postList } from './views.js';

export const appName = 'blog';

export default [path('', postList, { name: 'post_list' }), path('<int:year>/<int:month>/<int:day>/<slug:post>/', postDetail, { name: 'post_detail' })];
