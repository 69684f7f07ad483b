"""Template helpers of the interop partials on the solution page (so the solution page's view stays as it is):
the "works with" section, the exit score, the comparison with the signed-in staff's own inventory."""

from __future__ import annotations

from django import template
from django.template.loader import get_template

from lichtermeer.solutions.models import Solution

from .. import presenters, selectors

register = template.Library()

WORKS_WITH_SHOWN = 30
COMPARE_CHOICES = 300


def own_inventory_rows(solution, user) -> list[dict]:
    rows = []
    names = selectors.standard_names()
    for town in selectors.staff_municipalities(user):
        matches = selectors.compatibility_with_municipality(solution, town)
        rows.append({"municipality": town, "matches": [
            {"match": m, "badge": presenters.STATUS_BADGES[m.status],
             "result": presenters.compatibility(m.compatibility, names=names) if m.compatibility else None}
            for m in matches]})
    return rows


@register.simple_tag
def interop_box(solution, user):
    """Everything the solution page shows about compatibility and lock-in."""
    names = selectors.standard_names()
    summary = selectors.works_with_summary(solution, limit=WORKS_WITH_SHOWN, refs=COMPARE_CHOICES)
    choices = [(ref.slug, ref.name) for ref in summary.refs]
    if len(choices) < COMPARE_CHOICES:  # fewer partners than choices: so at most COMPARE_CHOICES ids to leave out
        choices += list(Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES)
                        .exclude(pk__in=[solution.pk, *(ref.pk for ref in summary.refs)]).order_by("name")
                        .values_list("slug", "name")[:COMPARE_CHOICES - len(choices)])
    return {
        "exit": presenters.exit_score(selectors.exit_score_for(solution)),
        "partners": [{"solution": other, "result": presenters.compatibility(result, names=names)}
                     for other, result in summary.partners],
        "partner_count": summary.total,
        "connecting_count": summary.connecting,
        "adapter_count": summary.adapter,
        "own": own_inventory_rows(solution, user),
        "compare_choices": choices[:COMPARE_CHOICES],
        "register_loaded": bool(names),
    }


@register.simple_tag
def template_exists(name: str) -> bool:
    """True when another app provides the partial (e.g. procurement/_add_to_shortlist.html)."""
    try:
        get_template(name)
    except template.TemplateDoesNotExist:
        return False
    return True


@register.filter
def category_label(value) -> str:
    from ..labels import category_label as label

    return label(str(value))


@register.filter
def kind_label(value) -> str:
    from ..labels import kind_label as label

    return label(str(value))
