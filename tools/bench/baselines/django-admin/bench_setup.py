"""Seeds the admin benchmark's Django database and prints the change list's query count as JSON.

Run with `python3 manage.py shell < bench_setup.py` after migrate: 10,000 posts by 20 authors,
a superuser `admin`, then one change-list request through the test client, its queries counted.
"""
import json
import os
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Post

User = get_user_model()
PAGE = os.environ["BENCH_ADMIN_PAGE"]
if not Post.objects.exists():
    User.objects.create_superuser("admin", "admin@example.com", "bench-admin-password")
    authors = [User.objects.create_user(f"author{n}", f"author{n}@example.com", "x") for n in range(20)]
    now = timezone.now()
    words = "gypsy jazz swing manouche guitar violin rhythm lorem ipsum django reinhardt nuages".split()
    Post.objects.bulk_create(
        [
            Post(
                title=f"Post {n}: {words[n % len(words)]} {words[(n * 7) % len(words)]}",
                slug=f"post-{n}",
                author=authors[n % 20],
                body=" ".join(words[(n + k) % len(words)] for k in range(150)),
                publish=now - timedelta(hours=n),
                status="DF" if n % 10 == 0 else "PB",
            )
            for n in range(10000)
        ],
        batch_size=1000,
    )
client = Client()
client.force_login(User.objects.get(username="admin"))
with CaptureQueriesContext(connection) as queries:
    response = client.get(PAGE)
print(json.dumps({"status": response.status_code, "queries": len(queries), "bytes": len(response.content), "session": client.cookies["sessionid"].value}))
