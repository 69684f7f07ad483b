"""Admin of the municipal records, for the operator: read-only.

The reference data comes from the official directory (`lichtermeer manage load_municipalities`), the rest from
the municipalities' staff through the services (audited); the admin only shows it.
"""

from django.contrib import admin
from django.db import models

from lichtermeer.accounts.rules import is_operator
from lichtermeer.admin_mixins import ReadOnlyAdminMixin

from .models import (
    ExperienceReport,
    Grouping,
    InventoryEntry,
    Kreis,
    Land,
    Municipality,
    ReferenceLoad,
    ReuseRequest,
    UrbanDataPlatform,
)


def _operator(request) -> bool:
    return request.user.is_superuser or is_operator(request.user)


class OperatorReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request):
        return _operator(request)

    def has_view_permission(self, request, obj=None):
        return _operator(request)


@admin.register(Land)
class LandAdmin(OperatorReadOnlyAdmin):
    list_display = ("code", "name", "seat")
    search_fields = ("code", "name")


@admin.register(Kreis)
class KreisAdmin(OperatorReadOnlyAdmin):
    list_display = ("ags", "name", "seat", "type_code", "land", "dissolved_on")
    list_filter = ("land",)
    list_select_related = ("land",)
    search_fields = ("ags", "name")


@admin.register(Municipality)
class MunicipalityAdmin(OperatorReadOnlyAdmin):
    list_display = ("ags", "name", "type_code", "kreis", "land", "population", "postcode", "dissolved_on")
    list_filter = ("land", "type_code")
    list_select_related = ("kreis", "land")
    search_fields = ("name", "=ags", "ags", "=postcode")
    show_full_result_count = False


@admin.register(ReferenceLoad)
class ReferenceLoadAdmin(OperatorReadOnlyAdmin):
    list_display = ("gebietsstand", "loaded_at", "source")


@admin.register(InventoryEntry)
class InventoryEntryAdmin(OperatorReadOnlyAdmin):
    list_display = ("municipality", "display_name", "status", "operating_model", "since", "updated_at", "removed_at")
    list_filter = ("status", "operating_model")
    list_select_related = ("municipality", "solution")
    search_fields = ("municipality__name", "=municipality__ags", "solution__name", "unlisted_name")


@admin.register(ExperienceReport)
class ExperienceReportAdmin(OperatorReadOnlyAdmin):
    list_display = ("title", "municipality", "solution", "rating", "status", "created_at", "moderated_at")
    list_filter = ("status", "rating")
    list_select_related = ("municipality", "solution")
    search_fields = ("title", "municipality__name", "=municipality__ags", "solution__name")


@admin.register(UrbanDataPlatform)
class UrbanDataPlatformAdmin(OperatorReadOnlyAdmin):
    list_display = ("name", "municipality", "hosting", "co_use", "updated_at")
    list_filter = ("co_use", "hosting")
    list_select_related = ("municipality",)
    search_fields = ("name", "municipality__name", "=municipality__ags", "operator_name")


@admin.register(Grouping)
class GroupingAdmin(OperatorReadOnlyAdmin):
    list_display = ("name", "kind", "round", "operator", "operator_name", "certain")
    list_filter = ("kind", "round", "certain")
    list_select_related = ("operator",)
    search_fields = ("name", "slug", "operator__name", "operator_name")


@admin.register(ReuseRequest)
class ReuseRequestAdmin(OperatorReadOnlyAdmin):
    list_display = ("municipality", "solution", "requester", "created_at", "delivered_to", "delivered_at")
    list_select_related = ("municipality", "solution", "requester")
    search_fields = ("municipality__name", "=municipality__ags")
    date_hierarchy = "created_at"
