from django.apps import AppConfig


class SolutionsConfig(AppConfig):
    name = "lichtermeer.solutions"
    verbose_name = "Solutions"
