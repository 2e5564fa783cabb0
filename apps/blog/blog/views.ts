/**
 * The blog's views: the published posts three to a page, one post by its date and slug with its
 * comments, sharing a post by email, and posting a comment.
 */
import { getObjectOr404, HttpResponse, HttpResponseNotAllowed, JsonResponse, render, type HttpRequest } from 'manouche/core';
import { sendMail } from 'manouche/mail';
import type { Model, QuerySet } from 'manouche/orm';
import { DateDetailView, ListView } from 'manouche/views';
import { CommentForm, EmailPostForm } from './forms.js';
import { Post, Status } from './models.js';

/** How many posts a list page shows. */
export const PAGE_SIZE = 3;

/** `blog:post_list`: the published posts, newest first, three to a page (`?page=2`). */
export class PostListView extends ListView {
  override queryset = Post.published.all() as unknown as QuerySet<Model>;
  override contextObjectName = 'posts';
  override paginateBy = PAGE_SIZE;
  override templateName = 'blog/post/list.html';
}

/** `blog:post_detail`: one published post by its publish date and slug, with its active comments and the comment form. */
export class PostDetailView extends DateDetailView {
  override queryset = Post.published.all() as unknown as QuerySet<Model>;
  override dateField = 'publish';
  override monthFormat = '%m';
  override slugUrlKwarg = 'post';
  override contextObjectName = 'post';
  override templateName = 'blog/post/detail.html';

  override async getContextData(kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const post = this.object as unknown as Post;
    const comments = await post.comments.filter({ active: true });
    return { ...(await super.getContextData(kwargs)), comments, form: new CommentForm() };
  }
}

/** `blog:post_share`: a form that emails a link to a published post to a friend. */
export async function postShare(request: HttpRequest, kwargs: { post_id: number }) {
  const post = await getObjectOr404(Post, { id: kwargs.post_id, status: Status.PUBLISHED });
  let sent = false;
  let form = new EmailPostForm();
  if (request.method === 'POST') {
    form = new EmailPostForm({ data: await request.post() });
    if (await form.isValid()) {
      const cd = form.cleanedData;
      const postUrl = request.buildAbsoluteUri(post.getAbsoluteUrl());
      const subject = `${cd.name} (${cd.email}) recommends you read ${post.title}`;
      const message = `Read ${post.title} at ${postUrl}\n\n${cd.name}'s comments: ${cd.comments}`;
      await sendMail(subject, message, null, [cd.to]);
      sent = true;
    }
  }
  return render(request, 'blog/post/share.html', { post, form, sent });
}

/** `blog:post_comment`: POST only; saves a comment on a published post, or shows the form again with its errors. */
export async function postComment(request: HttpRequest, kwargs: { post_id: number }) {
  if (request.method !== 'POST') return new HttpResponseNotAllowed(['POST']);
  const post = await getObjectOr404(Post, { id: kwargs.post_id, status: Status.PUBLISHED });
  let comment = null;
  const form = new CommentForm({ data: await request.post() });
  if (await form.isValid()) {
    comment = await form.save({ commit: false });
    comment.post = post;
    await comment.save();
  }
  return render(request, 'blog/post/comment.html', { post, form, comment });
}

/** `hello`: plain text with no database or template work — the framework's own per-request cost (tools/bench's full-stack suite). */
export function hello(_request: HttpRequest) {
  return new HttpResponse('Hello, World!', { contentType: 'text/plain; charset=utf-8' });
}

/** `api_posts`: the 20 newest posts' id, title and slug as a JSON array (Django's `JsonResponse(list(qs), safe=False)`). */
export async function postsApi(_request: HttpRequest) {
  const posts = await Post.objects.values('id', 'title', 'slug').slice(0, 20);
  return new JsonResponse(posts, { safe: false });
}
