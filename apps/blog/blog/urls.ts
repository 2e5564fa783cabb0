/** The blog's URLs, reversed as `blog:post_list`, `blog:post_detail`, `blog:post_share`, `blog:post_comment` and (staff only) `blog:post_drafts`. */
import { path } from 'manouche/routing';
import { postDrafts } from './staff-views.js';
import { PostDetailView, PostListView, postComment, postShare } from './views.js';

export const appName = 'blog';

export default [
  path('', PostListView.asView(), { name: 'post_list' }),
  path('<int:year>/<int:month>/<int:day>/<slug:post>/', PostDetailView.asView(), { name: 'post_detail' }),
  path('<int:post_id>/share/', postShare, { name: 'post_share' }),
  path('<int:post_id>/comment/', postComment, { name: 'post_comment' }),
  path('drafts/', postDrafts, { name: 'post_drafts' }),
];
