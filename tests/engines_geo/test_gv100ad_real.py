"""The shipped Destatis file (Gebietsstand 30.11.2025) reads without findings and gives the published counts."""

import datetime as dt

from engines_geo.samples import DATA_DIR
from lichtermeer.engines.geo import TYPE_LABELS, Gemeinde
from lichtermeer.engines.geo.model import GEMEINDE_TYPES, KREIS_TYPES, VERBAND_TYPES


def test_valid_with_counts(directory):
    assert directory.valid, directory.findings[:5]
    assert directory.findings == ()
    assert directory.gebietsstand == dt.date(2025, 11, 30)
    assert len(directory.laender) == 16
    assert len(directory.regierungsbezirke) == 29
    assert len(directory.regionen) == 12
    assert len(directory.kreise) == 400
    assert len(directory.verbaende) == 4590
    assert len(directory.gemeinden) == 10_953


def test_gemeinden_and_gemeindefreie_gebiete(directory):
    gemeindefrei = [g for g in directory.gemeinden.values() if g.is_gemeindefrei]
    assert len(gemeindefrei) == 202
    assert len(directory.gemeinden) - len(gemeindefrei) == 10_751
    assert {g.type_code for g in gemeindefrei} == {"65", "66"}


def test_population(directory):
    populations = [g.population for g in directory.gemeinden.values()]
    assert sum(populations) == 83_577_140
    assert sum(1 for p in populations if p >= 100_000) == 80
    assert all(g.population_male <= g.population for g in directory.gemeinden.values())


def test_keys_unique_and_consistent(directory):
    agss = [g.ags for g in directory.gemeinden.values()]
    assert len(set(agss)) == len(agss) == 10_953
    assert all(len(ags) == 8 and ags.isdigit() for ags in agss)
    for gemeinde in directory.gemeinden.values():
        assert gemeinde.ars[:9] == gemeinde.verband_ars
        assert gemeinde.ars[:5] + gemeinde.ars[9:] == gemeinde.ags
        assert gemeinde.land_code in directory.laender
        assert gemeinde.verband_ars in directory.verbaende
        assert gemeinde.kreis_ags is None or gemeinde.kreis_ags in directory.kreise
    assert all(len(v.ars) == 9 for v in directory.verbaende.values())
    assert all(len(k.ags) == 5 for k in directory.kreise.values())


def test_areas_without_kreis_are_land_level_special_areas(directory):
    without = sorted(g.ags for g in directory.gemeinden.values() if g.kreis_ags is None)
    assert without == ["07000999", "13000998", "13000999"]
    # Berlin, Hamburg and Bremen are Kreise of their own in the file.
    assert directory.gemeinden["11000000"].kreis_ags == "11000"
    assert directory.gemeinden["02000000"].kreis_ags == "02000"


def test_type_codes_all_labelled(directory):
    assert {k.type_code for k in directory.kreise.values()} <= KREIS_TYPES
    assert {v.type_code for v in directory.verbaende.values()} <= VERBAND_TYPES
    assert {g.type_code for g in directory.gemeinden.values()} <= GEMEINDE_TYPES
    assert set(TYPE_LABELS) == KREIS_TYPES | VERBAND_TYPES | GEMEINDE_TYPES
    assert all(de and en for de, en in TYPE_LABELS.values())
    assert directory.kreise["09162"].type_label_de == "Kreisfreie Stadt"
    assert directory.gemeinden["09162000"].type_label_en == "District-free city"


def test_records(directory):
    munich = directory.gemeinden["09162000"]
    assert isinstance(munich, Gemeinde)
    assert munich.name == "München, Landeshauptstadt"
    assert munich.land_code == "09" and munich.kreis_ags == "09162"
    assert munich.population > 1_500_000
    assert directory.laender["01"].name == "Schleswig-Holstein"
    assert directory.laender["01"].sitz == "Kiel"
    assert directory.regierungsbezirke["091"].name.endswith("Oberbayern")
    assert directory.kreise["01001"].sitz == "Flensburg"
    flensburg = directory.gemeinden["01001000"]
    assert flensburg.area_km2 == 56.73  # 5673 ha
    assert flensburg.postcode == "24937" and flensburg.postcode_unique is False
    berlin = directory.gemeinden["11000000"]
    assert berlin.ars == "110000000000" and berlin.verband_ars == "110000000"


def test_postcodes(directory):
    codes = [g.postcode for g in directory.gemeinden.values()]
    assert all(code == "" or (len(code) == 5 and code.isdigit()) for code in codes)
    assert all(g.is_gemeindefrei for g in directory.gemeinden.values() if not g.postcode)


def test_bautzen_truncated_name_kept_as_in_file(directory):
    # Destatis' note: the 50-character field cannot hold "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokošulske
    # město"; we keep what the file says rather than invent the rest.
    bautzen = directory.gemeinden["14625020"]
    assert bautzen.name == "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokoš"
    assert len(bautzen.name) == 50
    assert "Bautzen" in (DATA_DIR / "GV100AD_30112025_Hinweise.txt").read_text(encoding="utf-8-sig")


def test_sorbian_names_decoded(directory):
    assert any("ł" in g.name or "š" in g.name for g in directory.gemeinden.values())
