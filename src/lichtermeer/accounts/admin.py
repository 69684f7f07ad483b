from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lichtermeer.admin_mixins import ReadOnlyAdminMixin, ReadOnlyInlineMixin

from . import services
from .models import ApiToken, Membership, Organisation


class MembershipInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Membership
    fields = ("user", "role", "verified", "created_at")
    readonly_fields = fields
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "city", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("name", "slug", "city", "email")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    inlines = [MembershipInline]

    def has_delete_permission(self, request, obj=None):
        # Solutions reference organisations (PROTECT); deleting one is a superuser's deliberate act.
        return request.user.is_superuser


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "verified", "created_at")
    list_filter = ("verified", "role", "organisation__kind")
    search_fields = ("user__email", "user__username", "organisation__name", "organisation__slug")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("user",)
    actions = ["verify", "revoke"]

    def get_fields(self, request, obj=None):
        fields = ("user", "organisation", "role")
        return fields if obj is None else (*fields, "verified", "created_at")

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("user", "organisation", "role", "verified", "created_at")

    def save_model(self, request, obj, form, change):
        if change:
            return
        # Adding goes through the service so it is audit-logged; verification is a separate decision.
        obj.pk = services.request_membership(
            user=obj.user, organisation=obj.organisation, role=obj.role, actor=request.user
        ).pk

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Verify selected memberships"), permissions=["verify"])
    def verify(self, request, queryset):
        count = 0
        for membership in queryset.filter(verified=False):
            services.verify_membership(membership=membership, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d membership verified.", "%(count)d memberships verified.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Revoke selected memberships"), permissions=["verify"])
    def revoke(self, request, queryset):
        count = 0
        for membership in queryset:
            services.revoke_membership(membership=membership, actor=request.user, reason="admin")
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d membership revoked.", "%(count)d memberships revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_verify_permission(self, request):
        return request.user.has_perm("accounts.verify_membership")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a token's plaintext is shown once to its owner; nobody creates tokens for someone else."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "prefix", "user__email", "user__username")
    list_select_related = ("user",)
    fields = ("user", "name", "prefix", "key_hash", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    actions = ["revoke"]

    @admin.action(description=_("Revoke selected tokens"), permissions=["view"])
    def revoke(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                services.revoke_api_token(token=token, actor=request.user)
            except PermissionDenied:
                continue
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count},
            messages.SUCCESS,
        )
