"""The root URLconf: the blog lives under /blog/, as in apps/blog, beside the two small pages."""
from django.urls import include, path

from blog import views

urlpatterns = [
    path('hello', views.hello, name='hello'),
    path('api/posts', views.posts_api, name='api_posts'),
    path('blog/', include('blog.urls', namespace='blog')),
]
