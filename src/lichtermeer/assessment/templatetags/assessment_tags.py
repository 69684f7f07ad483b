"""Template helpers of assessment and admission: labels, badge colours, texts in the active language, and the
admission box of the solution page."""

from django import template

from .. import labels, selectors

register = template.Library()

register.filter("explanation", labels.explanation)
register.filter("evidence_kind_label", labels.evidence_kind_label)
register.filter("check_status_label", labels.check_status_label)
register.filter("verdict_label", labels.verdict_label)
register.filter("source_label", labels.source_label)
register.filter("verdict_badge", labels.verdict_badge)
register.filter("application_badge", labels.application_badge)
register.filter("admission_badge", labels.admission_badge)
register.filter("admission_status_label", labels.admission_status_label)
register.filter("person", labels.person)
register.filter("reference_label", labels.reference_label)


@register.simple_tag
def decided_by(row, check_versions):
    return labels.decided_by(row, check_versions or {})


@register.simple_tag(takes_context=True)
def admission_box(context, solution):
    """What the solution page shows about admission: the admission, whether a public report exists, and for
    the provider's editors the way to apply (or the open application)."""
    user = context["request"].user
    may_apply = user.has_perm("assessment.apply", solution)
    return {
        "admission": selectors.shown_admission(solution),
        "has_report": selectors.public_report_application(solution) is not None,
        "may_apply": may_apply,
        "open_application": selectors.open_application(solution) if may_apply else None,
    }
