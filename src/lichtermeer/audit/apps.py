from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lichtermeer.audit"
    verbose_name = "Audit"
