"""Deleting a solution (admin, cascade, queryset) takes its index row with it; renaming an organisation
reaches its solutions' rows, because its name is part of their text."""

from __future__ import annotations

from ..models import Solution
from .index import index_solution, remove_solution


def _on_solution_deleted(sender, instance, **kwargs) -> None:
    remove_solution(instance.pk)


def _on_organisation_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    # The organisation's name is part of every one of its solutions' index entries.
    if created or (update_fields is not None and "name" not in update_fields):
        return
    for solution in instance.solutions.select_related("organisation"):
        index_solution(solution)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from lichtermeer.accounts.models import Organisation

    post_delete.connect(_on_solution_deleted, sender=Solution, dispatch_uid="solutions.search.remove")
    post_save.connect(_on_organisation_saved, sender=Organisation, dispatch_uid="solutions.search.organisation")
