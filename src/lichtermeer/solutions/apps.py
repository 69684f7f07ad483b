from django.apps import AppConfig


class SolutionsConfig(AppConfig):
    name = "lichtermeer.solutions"
    verbose_name = "Solutions"

    def ready(self) -> None:
        from . import search

        # Deleting a solution (admin, cascade, queryset) must take its search row with it, and renaming an
        # organisation must reach its solutions' rows.
        search.connect_signals()
