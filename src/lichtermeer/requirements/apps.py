from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequirementsConfig(AppConfig):
    name = "lichtermeer.requirements"
    verbose_name = _("Catalogue of base requirements")
