from django.contrib import admin

from lichtermeer.accounts.rules import is_operator
from lichtermeer.admin_mixins import ReadOnlyAdminMixin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the log is written by audit.services.record and refuses edits at the database."""

    list_display = ("at", "actor_label", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("action", "actor_label", "object_type", "object_id")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]
    list_per_page = 100

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or is_operator(request.user)
