/** Pages for the blog's staff: only logged-in staff users reach them; everyone else is sent to the login page. */
import { userPassesTest } from 'manouche/contrib/auth';
import { render, type HttpRequest } from 'manouche/core';
import { Post, Status } from './models.js';

/** Whether `user` may see the staff pages: an active staff member (Django's `is_staff`). */
export const isStaff = (user: { isActive?: boolean; isStaff?: boolean }): boolean => user.isActive === true && user.isStaff === true;

/** `blog:post_drafts`: the draft posts, newest first, for staff only. */
export const postDrafts = userPassesTest(isStaff, async (request: HttpRequest) => {
  const drafts = await Post.objects.filter({ status: Status.DRAFT }).orderBy('-publish');
  return render(request, 'blog/post/drafts.html', { drafts });
});
