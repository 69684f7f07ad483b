"""Self-service pages: a user's API tokens and organisation memberships. Logic lives in services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .forms import ApiTokenForm, MembershipRequestForm
from .models import ApiToken, Membership


@never_cache  # the page may carry a token's plaintext; no cache may keep it
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    if not request.user.has_perm("accounts.manage_tokens"):
        raise PermissionDenied
    form = ApiTokenForm(request.POST or None)
    new_token = plaintext = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                name = form.cleaned_data["name"]
                new_token, plaintext = services.create_api_token(user=request.user, name=name)
                form = ApiTokenForm()
            except ValidationError as error:
                form.add_error("name", error)
        if plaintext is None:
            status = 422
    context = {"form": form, "tokens": selectors.tokens_of(request.user), "new_token": new_token,
               "plaintext": plaintext}
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_POST
def revoke_token(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(token=token, actor=request.user)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


@login_required
@require_http_methods(["GET", "POST"])
def memberships(request):
    may_request = request.user.has_perm("accounts.request_membership")
    form = MembershipRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may_request:
            raise PermissionDenied
        if form.is_valid():
            membership = services.request_membership(
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
            )
            if membership.verified:
                messages.info(request, _("You already have this role."))
            else:
                messages.success(request, _("Your request has been sent. The operator will check it."))
            return redirect("accounts:memberships")
        status = 422
    context = {
        "form": form,
        "memberships": selectors.memberships_of(request.user),
        "may_request": may_request,
    }
    return render(request, "accounts/memberships.html", context, status=status)


@login_required
@require_POST
def leave_membership(request, pk: int):
    membership = get_object_or_404(Membership, pk=pk, user=request.user)
    services.revoke_membership(membership=membership, actor=request.user, reason="left by the user")
    text = _("You no longer act for %(organisation)s.") % {"organisation": membership.organisation}
    messages.success(request, text)
    return redirect("accounts:memberships")
