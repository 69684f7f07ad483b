from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lichtermeer.admin_mixins import ReadOnlyAdminMixin, ReadOnlyInlineMixin

from . import services
from .models import Solution, SolutionVersion


class SolutionVersionInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = SolutionVersion
    fields = ("number", "created_at", "created_by", "source")
    readonly_fields = fields
    show_change_link = True


def _status_action(status: str, description):
    def action(modeladmin, request, queryset):
        count = 0
        for solution in queryset.exclude(listing_status=status):
            services.set_listing_status(solution=solution, status=status, actor=request.user, reason="admin")
            count += 1
        modeladmin.message_user(
            request,
            ngettext("%(count)d solution changed.", "%(count)d solutions changed.", count) % {"count": count},
            messages.SUCCESS,
        )

    action.__name__ = f"set_status_{status}"
    return admin.action(description=description, permissions=["set_listing_status"])(action)


@admin.register(Solution)
class SolutionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-mostly: content changes go through the import service; status changes through audited actions."""

    list_display = ("name", "organisation", "listing_status", "development_status", "license", "updated_at")
    list_filter = ("listing_status", "development_status", "software_type", "license_open", "is_demo")
    search_fields = ("name", "slug", "url", "organisation__name")
    list_select_related = ("organisation",)
    readonly_fields = [field.name for field in Solution._meta.fields]
    inlines = [SolutionVersionInline]
    actions = [
        _status_action(Solution.ListingStatus.ADMITTED, _("Admit selected solutions")),
        _status_action(Solution.ListingStatus.SUSPENDED, _("Suspend selected solutions")),
        _status_action(Solution.ListingStatus.EXPIRED, _("Mark selected solutions as expired")),
    ]

    def has_set_listing_status_permission(self, request):
        return request.user.has_perm("solutions.set_listing_status")


@admin.register(SolutionVersion)
class SolutionVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("solution", "number", "created_at", "created_by", "source")
    search_fields = ("solution__name", "solution__slug", "source")
    list_select_related = ("solution", "created_by")
    readonly_fields = [field.name for field in SolutionVersion._meta.fields]
