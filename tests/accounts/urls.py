"""The project's URLs plus the accounts self-service pages, until lichtermeer/urls.py includes them."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from lichtermeer.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *i18n_patterns(path("accounts/", include("lichtermeer.accounts.urls")), prefix_default_language=False),
    *project_urlpatterns,
]
