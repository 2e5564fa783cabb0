"""The benchmark's pages: plain text, the newest posts as JSON, the newest published posts, and one post by its date and slug."""
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from .models import Post

PAGE_SIZE = 20


def hello(request):
    return HttpResponse('Hello, World!', content_type='text/plain; charset=utf-8')


def posts_api(request):
    return JsonResponse(list(Post.objects.values('id', 'title', 'slug')[:PAGE_SIZE]), safe=False)


def post_list(request):
    posts = Post.published.all()[:PAGE_SIZE]
    return render(request, 'blog/post/list.html', {'posts': posts})


def post_detail(request, year, month, day, post):
    post = get_object_or_404(
        Post.published,
        slug=post,
        publish__year=year,
        publish__month=month,
        publish__day=day,
    )
    return render(request, 'blog/post/detail.html', {'post': post})
