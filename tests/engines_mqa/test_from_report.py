"""A Document built from an existing validation report scores exactly like one parsed and validated anew."""

from pathlib import Path

from lichtermeer.engines import dcat, mqa

DATA = Path(__file__).parent / "data"


def test_a_validated_report_scores_like_the_file_itself():
    data = (DATA / "rostock-catalog-dataset-extracted.rdf").read_bytes()
    fresh = mqa.score_all(("rostock.rdf", data))
    reused = mqa.score_all(mqa.from_report(dcat.validate_bytes("rostock.rdf", data)))
    assert [s.to_dict() for s in reused] == [s.to_dict() for s in fresh]
    assert fresh and fresh[0].indicator("I6").maximum > 0


def test_an_unparsable_report_is_refused_with_its_reason():
    import pytest

    report = dcat.validate_bytes("broken.ttl", b"@prefix : <x> .\n:a :b ")
    with pytest.raises(mqa.InputError):
        mqa.from_report(report)
