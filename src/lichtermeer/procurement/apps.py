from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "lichtermeer.procurement"
    verbose_name = _("Procurement")

    def ready(self) -> None:
        from . import rules  # noqa: F401 - registers permissions
