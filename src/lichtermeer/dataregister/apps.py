from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataregisterConfig(AppConfig):
    name = "lichtermeer.dataregister"
    verbose_name = _("Register of urban data")

    def ready(self) -> None:
        from . import rules  # noqa: F401 - registers permissions
