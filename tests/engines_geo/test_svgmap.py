"""SVG maps: well-formed XML, escaped text, a plausible projection, all Länder drawn, no scripts or links out."""

import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses only SVG this engine just wrote
from decimal import Decimal

import pytest

from lichtermeer.engines.geo import GermanyMap, Point, point_for
from lichtermeer.engines.geo.projection import Projection
from lichtermeer.engines.geo.svgmap import escape

SVG = "{http://www.w3.org/2000/svg}"
BERLIN, HAMBURG, MUNICH = (52.52, 13.405), (53.55, 9.99), (48.137, 11.575)


def xml(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def test_projection_places_cities(germany):
    berlin, hamburg, munich = (germany.point_for(*city) for city in (BERLIN, HAMBURG, MUNICH))
    assert berlin[0] > hamburg[0]  # east
    assert munich[1] > berlin[1] and munich[1] > hamburg[1]  # south (SVG y grows downwards)
    for x, y in (berlin, hamburg, munich):
        assert 0 < x < germany.width and 0 < y < germany.height
    assert point_for(*BERLIN) == berlin  # same projection without loading data


def test_projection_keeps_proportions():
    projection = Projection(600)
    # One degree of latitude is longer on the map than one degree of longitude (cos 51° ≈ 0.63).
    (x0, y0), (x1, _), (_, y1) = (projection.project(51, 10), projection.project(51, 11),
                                  projection.project(52, 10))
    assert round((x1 - x0) / (y0 - y1), 3) == 0.629
    assert projection.height == 813
    with pytest.raises(ValueError):
        Projection(5)


def test_well_formed_with_all_laender_and_kreise(germany):
    root = xml(germany.render([Point(*BERLIN, "Berlin")], title="Karte", description="Beschreibung"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {germany.width} {germany.height}"
    laender = root.findall(f".//{SVG}path[@class='land']")
    assert sorted(p.get("data-ags") for p in laender) == [f"{i:02d}" for i in range(1, 17)]
    assert all(re.fullmatch(r"(M[-0-9. ]+l[-0-9. ]+z)+", p.get("d")) for p in laender)
    assert len(root.findall(f".//{SVG}path[@class='kreis']")) == 400
    assert len(root.findall(f".//{SVG}circle")) == 1
    assert germany.laender["09"] == "Bayern"
    assert germany.kreise["09162"].startswith("München")


def test_title_desc_and_unique_ids(germany):
    first = xml(germany.render(title="Eins", description="Zwei"))
    second = xml(germany.render(title="Eins", description="Zwei"))
    title, desc = first.find(f"{SVG}title"), first.find(f"{SVG}desc")
    assert (title.text, desc.text) == ("Eins", "Zwei")
    assert first.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.get("id") != second.find(f"{SVG}title").get("id")
    fixed = xml(germany.render(title="t", id_prefix="karte-1"))
    assert fixed.find(f"{SVG}title").get("id") == "karte-1-title"
    with pytest.raises(ValueError):
        germany.render(title="t", id_prefix='x" onload="alert(1)')


def test_hostile_labels_escaped(germany):
    hostile = ['<script>alert(1)</script>', 'A & B "quoted" \'single\'', "]]><x/>", "Null\x00Byte\x1b\ufffe"]
    svg = germany.render([Point(50.0, 10.0, label) for label in hostile], title="<b>&</b>",
                         description='"><script>', attribution="<img src=x>")
    root = xml(svg)
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert hostile[0] in titles and hostile[1] in titles and hostile[2] in titles
    assert "NullByte" in titles  # characters XML forbids are dropped
    assert root.find(f"{SVG}title").text == "<b>&</b>"
    assert "<script" not in svg and "<img" not in svg
    assert escape("<&>\"'") == "&lt;&amp;&gt;&quot;&#39;"


def test_no_scripts_no_external_references(germany):
    svg = germany.render([Point(*BERLIN, "Berlin", href="/gemeinden/11000000/")], title="t")
    root = xml(svg)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "g", "path", "circle", "a", "text"}
    assert not re.search(r"(?i)script|javascript:|xlink|@import|url\(|<image|<use|<foreignObject|on\w+=", svg)
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ["/gemeinden/11000000/"]


def test_point_classes_radius_and_default_fills(germany):
    points = [Point(*BERLIN, "Berlin", "active"), Point(*HAMBURG, "Hamburg"), Point(*MUNICH, "München", "active",
                                                                                        radius=4)]
    root = xml(germany.render(points, title="t", classes={"active": "#c00"}))
    groups = root.findall(f".//{SVG}g[@class='points']/{SVG}g")
    assert [(g.get("class"), g.get("fill")) for g in groups] == [("active", "#c00"), (None, None)]
    assert [c.get("r") for c in groups[0]] == ["1.6", "4"]
    x, y = germany.point_for(*BERLIN)
    assert (groups[0][0].get("cx"), groups[0][0].get("cy")) == (f"{x:.1f}", f"{y:.1f}")
    assert root.find(f".//{SVG}g[@class='points']").get("fill")  # renders standalone without CSS
    with pytest.raises(ValueError):
        germany.render(points, title="t", classes={"active": "red;}"})


def test_highlights_and_kreise_toggle(germany):
    root = xml(germany.render(title="t", highlight_laender={"09"}, highlight_kreise=["09162"]))
    assert [p.get("data-ags") for p in root.iter(f"{SVG}path") if "highlight" in p.get("class")] == ["09162", "09"]
    plain = xml(germany.render(title="t", kreise=False))
    assert not plain.findall(f".//{SVG}path[@class='kreis']")
    assert plain.find(f".//{SVG}g[@class='laender']").get("fill") != "none"


@pytest.mark.parametrize("kwargs", [
    {"lat": float("nan"), "lon": 10.0}, {"lat": 91.0, "lon": 10.0}, {"lat": 50.0, "lon": float("inf")},
    {"lat": 50.0, "lon": 10.0, "css_class": 'a" onclick="x'}, {"lat": 50.0, "lon": 10.0, "radius": 0},
    {"lat": 50.0, "lon": 10.0, "href": "javascript:alert(1)"}, {"lat": 50.0, "lon": 10.0, "href": "//evil.example"},
])
def test_point_refuses_bad_values(kwargs):
    with pytest.raises(ValueError):
        Point(label="x", **kwargs)


def test_point_accepts_decimal_and_lazy_labels(germany):
    class Lazy:
        def __str__(self):
            return "Köln & Umgebung"

    point = Point(Decimal("50.94"), Decimal("6.96"), Lazy())
    assert (point.lat, point.lon, point.label) == (50.94, 6.96, "Köln & Umgebung")
    assert "Köln &amp; Umgebung" in germany.render([point], title="t")


def test_other_width():
    small = GermanyMap(300)
    assert small.height == 407
    root = xml(small.render(title="t"))
    assert root.get("width") == "300"
