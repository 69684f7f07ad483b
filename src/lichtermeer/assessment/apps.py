from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "lichtermeer.assessment"
    verbose_name = _("Assessment and admission")

    def ready(self) -> None:
        from . import receivers, rules  # noqa: F401 - registers signal receivers and permissions
