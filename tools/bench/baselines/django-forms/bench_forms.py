"""Django's side of suites/forms.bench.ts: the same 10-field ModelForm, rendered (as_div) and
validated with good and bad data, in operations per second. Prints one JSON object."""
import json
import sys
import time

import django
from django.conf import settings

settings.configure(DEBUG=False, USE_TZ=True, TIME_ZONE="UTC", INSTALLED_APPS=[], DATABASES={})
django.setup()

from django import forms  # noqa: E402
from django.db import models  # noqa: E402


class Profile(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    slug = models.SlugField(max_length=50)
    kind = models.CharField(max_length=2, choices=[("pe", "Person"), ("co", "Company"), ("ng", "Non-profit")], default="pe")
    age = models.PositiveSmallIntegerField()
    balance = models.DecimalField(max_digits=10, decimal_places=2)
    active = models.BooleanField(default=True)
    birthday = models.DateField(null=True, blank=True)
    joined = models.DateTimeField()
    website = models.URLField(blank=True)

    class Meta:
        app_label = "benchforms"


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = "__all__"


GOOD = {
    "name": "Django Reinhardt", "email": "django@example.com", "slug": "django", "kind": "pe", "age": "43",
    "balance": "1234.50", "active": "on", "birthday": "1910-01-23", "joined": "2026-01-02 10:30", "website": "https://example.com/",
}
BAD = dict(GOOD, email="not-an-email", slug="not a slug", age="-1", balance="12.345", birthday="1910-02-30", kind="zz")


def ops_per_second(fn, seconds=2.0):
    warm_until = time.perf_counter() + min(0.5, seconds / 4)
    while time.perf_counter() < warm_until:
        fn()
    count = 0
    start = time.perf_counter()
    end = start + seconds
    while time.perf_counter() < end:
        for _ in range(50):
            fn()
        count += 50
    return count / (time.perf_counter() - start)


def as_div(form):
    """as_div() (Django 4.1+); Debian 12's Django 3.2 lacks it, so the same div rows through _html_output, as its as_p() does."""
    if hasattr(form, "as_div"):
        return form.as_div()
    return form._html_output(
        normal_row="<div>%(label)s%(help_text)s%(errors)s%(field)s</div>",
        error_row="%s",
        row_ender="</div>",
        help_text_html='<div class="helptext">%s</div>',
        errors_on_separate_row=False,
    )


def render():
    return as_div(ProfileForm())


def validate():
    form = ProfileForm(data=GOOD)
    form.is_valid()
    return form.cleaned_data


def invalid_and_render():
    form = ProfileForm(data=BAD)
    form.is_valid()
    return as_div(form)


assert ProfileForm(data=GOOD).is_valid(), ProfileForm(data=GOOD).errors
bad = ProfileForm(data=BAD)
assert not bad.is_valid() and len(bad.errors) == 6, bad.errors

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
print(json.dumps({
    "django": django.get_version(),
    "render": ops_per_second(render, seconds),
    "validate": ops_per_second(validate, seconds),
    "invalid_and_render": ops_per_second(invalid_and_render, seconds),
}))
