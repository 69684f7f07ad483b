from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lichtermeer.web"
    verbose_name = "Web"
