"""import → export → import is lossless, for generated documents (property-based)."""

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import OrganisationFactory
from lichtermeer.solutions import services
from publiccode_samples import MINIMAL

# Text the platform stores: printable characters (control characters are refused by policy).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip)


@st.composite
def documents(draw):
    document = yaml.safe_load(MINIMAL)
    document["name"] = draw(TEXT)
    description = document["description"]["en"]
    description["features"] = draw(st.lists(TEXT, min_size=1, max_size=4))
    if draw(st.booleans()):
        document["description"]["de"] = {
            "shortDescription": draw(TEXT),
            "longDescription": "Eine lange Beschreibung. " * 8 + draw(TEXT),
            "features": draw(st.lists(TEXT, min_size=1, max_size=3)),
        }
    document["usedBy"] = draw(st.lists(TEXT, max_size=3))
    document["platforms"] = draw(st.lists(st.sampled_from(["web", "linux", "windows", "android"]), min_size=1,
                                          max_size=3, unique=True))
    document["localisation"]["localisationReady"] = draw(st.booleans())
    return document


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents())
def test_import_export_import_is_lossless(document):
    organisation = OrganisationFactory()
    content = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    first = services.import_solution(content=content, organisation=organisation).solution
    exported = services.export_publiccode(first)
    second = services.import_solution(content=exported, organisation=organisation)
    assert not second.changed
    assert second.solution.publiccode == first.publiccode
    first.delete()
