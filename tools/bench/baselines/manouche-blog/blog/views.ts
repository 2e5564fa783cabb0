/** The benchmark's four pages, written as ../../django-blog/blog/views.py writes them. */
import { getObjectOr404, HttpResponse, JsonResponse, render, type HttpRequest } from 'manouche/core';
import { Post } from './models.js';

const PAGE_SIZE = 20;

export function hello(_request: HttpRequest) {
  return new HttpResponse('Hello, World!', { contentType: 'text/plain; charset=utf-8' });
}

export async function postsApi(_request: HttpRequest) {
  return new JsonResponse(await Post.objects.values('id', 'title', 'slug').slice(0, PAGE_SIZE), { safe: false });
}

export async function postList(request: HttpRequest) {
  const posts = await Post.published.all().slice(0, PAGE_SIZE);
  return render(request, 'blog/post/list.html', { posts });
}

export async function postDetail(request: HttpRequest, kwargs: { year: number; month: number; day: number; post: string }) {
  const post = await getObjectOr404(Post.published, {
    slug: kwargs.post,
    publish__year: kwargs.year,
    publish__month: kwargs.month,
    publish__day: kwargs.day,
  });
  return render(request, 'blog/post/detail.html', { post });
}
