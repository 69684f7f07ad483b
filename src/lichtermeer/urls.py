from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from .api import api

# The admin signs in through allauth, so e-mail verification and TOTP apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# German at /, English at /en/: every page has a stable, linkable address per language.
urlpatterns += i18n_patterns(
    path("", include("lichtermeer.web.urls")),
    path("", include("lichtermeer.solutions.urls")),
    path("", include("lichtermeer.requirements.urls")),
    path("", include("lichtermeer.municipalities.urls")),
    path("", include("lichtermeer.assessment.urls")),
    path("", include("lichtermeer.dataregister.urls")),
    path("", include("lichtermeer.interop.urls")),
    path("", include("lichtermeer.procurement.urls")),
    path("accounts/", include("lichtermeer.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
