"""Admin of the catalogue's governance, for the operator.

Seats are appointed here through services.appoint_member (audited, with the same checks as everywhere);
after that a seat changes only through services: declared interests, and ending a term (an action).
Versions, proposals, votes and decisions are the record of the committee's work and are read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lichtermeer.accounts.rules import is_operator
from lichtermeer.admin_mixins import ReadOnlyAdminMixin, ReadOnlyInlineMixin

from . import services
from .errors import GovernanceError
from .models import CatalogueVersion, Comment, CommitteeSeat, ConflictOfInterest, Decision, Proposal, Vote

APPOINTMENT_FIELDS = ("user", "role", "affiliation", "declared_interests", "term_start", "term_end")


def _operator(request) -> bool:
    return request.user.is_superuser or is_operator(request.user)


class _DryRun(Exception):
    """Rolls back the trial appointment that checks the form against the service."""


class OperatorOnlyMixin:
    def has_module_permission(self, request):
        return _operator(request)

    def has_view_permission(self, request, obj=None):
        return _operator(request)


@admin.register(CommitteeSeat)
class CommitteeSeatAdmin(OperatorOnlyMixin, admin.ModelAdmin):
    list_display = ("user", "role", "affiliation", "term_start", "term_end", "ended_early_on")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email", "user__first_name", "user__last_name", "affiliation")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    actions = ["end_term_today"]

    def has_add_permission(self, request):
        return _operator(request)

    def has_change_permission(self, request, obj=None):
        return _operator(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        return APPOINTMENT_FIELDS if obj is None else (*APPOINTMENT_FIELDS, "ended_early_on", "created_at")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # Only the declared interests stay editable (through services.update_declared_interests).
        return tuple(f for f in self.get_fields(request, obj) if f != "declared_interests")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            return form

        class AppointmentForm(form):
            def clean(self):
                cleaned = super().clean()
                if self.errors:
                    return cleaned
                # A trial run of the service inside a rolled-back savepoint: its refusals become form errors,
                # and nothing is written unless save_model appoints for real.
                try:
                    with transaction.atomic():
                        services.appoint_member(actor=request.user, **{f: cleaned.get(f) for f in APPOINTMENT_FIELDS})
                        raise _DryRun
                except _DryRun:
                    pass
                except GovernanceError as error:
                    raise forms.ValidationError(error.message, code=error.code) from None
                return cleaned

        return AppointmentForm

    def save_model(self, request, obj, form, change):
        if not change:
            seat = services.appoint_member(actor=request.user, **{f: form.cleaned_data[f] for f in APPOINTMENT_FIELDS})
            obj.pk, obj.created_at = seat.pk, seat.created_at
        elif "declared_interests" in form.changed_data:
            seat = CommitteeSeat.objects.get(pk=obj.pk)
            services.update_declared_interests(
                actor=request.user, seat=seat, declared_interests=form.cleaned_data["declared_interests"]
            )

    @admin.action(description=_("End the term of the selected members today"), permissions=["change"])
    def end_term_today(self, request, queryset):
        today = timezone.localdate()
        count = 0
        for seat in queryset.select_related("user"):
            if not seat.sits_on(today):
                continue
            try:
                services.end_term(actor=request.user, seat=seat, on=today, reason="admin")
            except GovernanceError as error:
                self.message_user(request, f"{seat}: {error.message}", messages.ERROR)
                continue
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d term ended.", "%(count)d terms ended.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(OperatorOnlyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("version", "bump", "published_at", "effective_from", "transition_until", "published_by")
    list_select_related = ("published_by",)
    fields = ("version", "bump", "published_at", "effective_from", "transition_until", "published_by", "previous",
              "document_sha256", "document")
    readonly_fields = fields


class CommentInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Comment
    fields = ("created_at", "author_label", "body", "hidden_reason")
    readonly_fields = fields


class ConflictInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ConflictOfInterest
    fk_name = "proposal"
    fields = ("member", "reason", "recorded_by", "recorded_at")
    readonly_fields = fields


class VoteInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Vote
    fields = ("voter", "choice", "reason", "cast_at")
    readonly_fields = fields


@admin.register(Proposal)
class ProposalAdmin(OperatorOnlyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("number", "title", "kind", "requirement_code", "status", "created_at", "comment_until")
    list_filter = ("status", "kind")
    search_fields = ("title", "requirement_code", "reasoning")
    fields = ("number", "kind", "requirement_code", "title", "reasoning", "proposed", "tightens", "base_version",
              "author", "created_at", "comment_until", "voting_opens_at", "voting_closes_at", "quorum", "majority",
              "status", "published_in")
    readonly_fields = fields
    inlines = [CommentInline, ConflictInline, VoteInline]


@admin.register(Vote)
class VoteAdmin(OperatorOnlyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("proposal", "voter", "choice", "cast_at")
    list_filter = ("choice",)
    list_select_related = ("proposal", "voter")
    fields = ("proposal", "voter", "choice", "reason", "cast_at")
    readonly_fields = fields


@admin.register(Decision)
class DecisionAdmin(OperatorOnlyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("proposal", "outcome", "yes", "no", "abstain", "eligible", "decided_at")
    list_filter = ("outcome",)
    list_select_related = ("proposal",)
    fields = ("proposal", "outcome", "yes", "no", "abstain", "eligible", "quorum_met", "majority_met", "reasons",
              "decided_by", "decided_at")
    readonly_fields = fields
