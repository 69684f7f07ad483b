import datetime as dt

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import AccessibilityFeedbackForm

# Update whenever the statement is reviewed (BITV 2.0 requires a date of preparation and of the last review).
STATEMENT_DATE = dt.date(2026, 11, 22)


def home(request):
    return render(
        request,
        "web/home.html",
        {
            "figures": selectors.home_figures(),
            "latest": selectors.latest_solutions(),
            "domains": [row for row in selectors.domain_counts() if row[2]],
        },
    )


def _referring_page(request) -> str:
    """The page a visitor came from, prefilled into the feedback form (same host only)."""
    candidate = request.GET.get("page") or request.headers.get("referer", "")
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate[:500]
    return ""


@require_http_methods(["GET", "POST"])
def accessibility(request):
    if request.method == "POST":
        form = AccessibilityFeedbackForm(request.POST)
        if form.is_valid():
            services.submit_accessibility_feedback(**form.cleaned_data)
            return redirect(reverse("web:accessibility_thanks"))
        status = 422
    else:
        form = AccessibilityFeedbackForm(initial={"page_url": _referring_page(request)})
        status = 200
    context = {"form": form, "statement_date": STATEMENT_DATE, "operator_email": settings.OPERATOR_EMAIL}
    return render(request, "web/accessibility.html", context, status=status)


def accessibility_thanks(request):
    return render(request, "web/accessibility_thanks.html")


def about(request):
    return render(request, "web/about.html")
