from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "lichtermeer.interop"
    verbose_name = _("Interoperability")

    def ready(self) -> None:
        from . import rules  # noqa: F401 - registers permissions
