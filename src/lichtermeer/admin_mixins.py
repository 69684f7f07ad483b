"""Admin building blocks shared by the apps."""


class ReadOnlyAdminMixin:
    """Records are shown, never added, changed or deleted in the admin: writes go through services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInlineMixin:
    """An inline that lists related records (list them in readonly_fields) and adds or deletes none."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False
