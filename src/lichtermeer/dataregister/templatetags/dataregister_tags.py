"""Template helpers of the register's pages: labels of codes in the active language, safe links, and the
"Open data" box on the municipality page (an inclusion tag, so the municipalities app needs no view change)."""

from django import template

from .. import labels, selectors

register = template.Library()

register.filter("band_label", labels.band_label)
register.filter("band_badge", labels.band_badge)
register.filter("run_status_label", labels.run_status_label)
register.filter("run_status_badge", labels.run_status_badge)
register.filter("kind_label", labels.kind_label)
register.filter("licence_label", labels.licence_label)
register.filter("short_iri", labels.short_iri)
register.filter("safe_url", labels.safe_url)
register.filter("category_source_label", labels.category_source_label)


@register.inclusion_tag("dataregister/_municipality_box.html")
def open_data_box(town):
    found = selectors.summary(town)
    return {"town": town, "summary": found, "band_label": labels.band_label(found.band),
            "band_badge": labels.band_badge(found.band)}
