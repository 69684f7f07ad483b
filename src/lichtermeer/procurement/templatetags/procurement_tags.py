"""Template helpers of the procurement app (the shortlist form on the solution page)."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def shortlists_for(user, solution):
    """The user's shortlists, each with `contains` (the solution is on it); [] for anonymous users."""
    if user is None or not user.is_authenticated:
        return []
    return selectors.shortlists_for_solution(user, solution)


@register.filter
def percent(value) -> str:
    """A share (0.05) as a percent number without trailing zeros ("5", "2.5")."""
    if value is None or value == "":
        return "–"
    from decimal import Decimal

    from django.utils.translation import get_language

    text = f"{(Decimal(str(value)) * 100).normalize():f}"
    return text if (get_language() or "de").startswith("en") else text.replace(".", ",")


@register.filter
def number(value) -> str:
    """A display number from the engine (int or float) as text; German with a decimal comma."""
    if value is None:
        return "–"
    from django.utils.translation import get_language

    text = str(value)
    if isinstance(value, float):
        text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text if (get_language() or "de").startswith("en") else text.replace(".", ",")


@register.filter
def money(value) -> str:
    """A price with two decimals and thousands separators: 100.000,00 (German) or 100,000.00 (English)."""
    if value is None or value == "":
        return "–"
    from decimal import Decimal, InvalidOperation

    from django.utils.translation import get_language

    try:
        text = f"{Decimal(str(value)):,.2f}"
    except (InvalidOperation, ValueError):
        return str(value)
    if (get_language() or "de").startswith("en"):
        return text
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
