/**
 * The views of the {{ app_name }} app: functions `(request, kwargs) => Response`. For example:
 *
 *   import { getObjectOr404, render, type HttpRequest } from 'manouche/core';
 *   import { Post } from './models.js';
 *
 *   export async function postList(request: HttpRequest) {
 *     // Relations are not loaded behind your back (queries are async): ask for the ones the template reads.
 *     return render(request, '{{ app_name }}/post/list.html', { posts: await Post.objects.selectRelated('author') });
 *   }
 *
 *   export async function postDetail(request: HttpRequest, kwargs: { slug: string }) {
 *     return render(request, '{{ app_name }}/post/detail.html', { post: await getObjectOr404(Post, { slug: kwargs.slug }) });
 *   }
 *
 * Templates go in {{ app_name }}/templates/{{ app_name }}/ (`<%= it.post.title %>` prints a variable, escaped).
 */
export {};
