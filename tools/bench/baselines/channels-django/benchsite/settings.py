"""Django's side of suites/channels.bench.ts: Channels with channels_redis, served by daphne."""
import os

SECRET_KEY = "bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["channels"]
ROOT_URLCONF = "benchsite.urls"
DATABASES = {}
USE_TZ = True
ASGI_APPLICATION = "benchsite.asgi.application"
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            "hosts": [os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")],
            "prefix": os.environ.get("BENCH_PREFIX", "bench") + "-django:",
            # As the Manouche server's layer: a burst must not overflow a consumer's channel.
            "capacity": 1000,
        },
    }
}
