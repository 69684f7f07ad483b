"""Facet values of a solution, derived from its document and platform facts."""

FACETS = (
    "domain",
    "category",
    "software_type",
    "development_status",
    "license",
    "hosting",
    "standard",
    "maintenance",
    "listing_status",
)


def facet_values(solution) -> set[tuple[str, str]]:
    document = solution.publiccode or {}
    values: set[tuple[str, str]] = set()
    values.update(("domain", d) for d in solution.domains)
    values.update(("category", c) for c in document.get("categories") or [] if isinstance(c, str))
    values.update(("hosting", h) for h in solution.hosting_models)
    standards = {s.get("standard") for s in [*solution.standards_provided, *solution.standards_consumed]}
    values.update(("standard", s) for s in standards if s)
    for facet, value in (
        ("software_type", solution.software_type),
        ("development_status", solution.development_status),
        ("maintenance", solution.maintenance_type),
        ("listing_status", solution.listing_status),
        ("license", "open" if solution.license_open else "proprietary"),
    ):
        if value:
            values.add((facet, value))
    return {(facet, value[:100]) for facet, value in values}
