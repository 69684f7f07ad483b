"""The platform overview and its exports: CSV (formula injection neutralised) and GeoJSON, both parse back."""

import csv
import io
import json

import pytest

from lichtermeer.municipalities import exports, selectors
from lichtermeer.municipalities.models import Municipality, UrbanDataPlatform
from municipal_support import municipality

pytestmark = pytest.mark.django_db
URL = "/municipalities/platforms/"
HOSTILE = '=HYPERLINK("http://evil.example","klick")'


@pytest.fixture
def platforms(town, other_town):
    nowhere = municipality("16052000", "Gera, Stadt", lat=None, lon=None)
    return [
        UrbanDataPlatform.objects.create(
            municipality=town, name="Münchner Datenplattform", url="https://daten.muenchen.example",
            standards=["ngsi-ld", "ogc-sensorthings"], components=["FIWARE Orion-LD", "+Grafana"],
            hosting="own-operation", operator_name="@Stadtwerke", co_use="open"),
        UrbanDataPlatform.objects.create(
            municipality=other_town, name=HOSTILE, standards=["dcat-ap-de"], hosting="provider-saas",
            operator_name="-1+1", co_use="closed"),
        UrbanDataPlatform.objects.create(municipality=nowhere, name="Gera Daten", hosting="public-it-provider",
                                         co_use="on-request"),
    ]


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_csv_parses_back_with_formulas_neutralised(platforms):
    text = exports.platforms_csv(selectors.platforms())
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = _rows(text)
    assert list(rows[0]) == list(exports.COLUMNS)
    by_name = {row["municipality"]: row for row in rows}
    munich = by_name["München, Landeshauptstadt"]
    assert munich["ags"] == "09162000" and munich["land"] == "Land 09"
    assert munich["standards"] == "ngsi-ld; ogc-sensorthings"
    assert munich["components"] == "FIWARE Orion-LD; +Grafana"  # joined cell starts harmlessly
    assert munich["operator"] == "'@Stadtwerke" and munich["co_use"] == "open"
    cologne = by_name["Köln, Stadt"]
    assert cologne["platform"] == "'" + HOSTILE and cologne["operator"] == "'-1+1"
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_every_formula_start_is_neutralised(value):
    assert exports.neutralise(value) == "'" + value
    assert exports.neutralise("Köln") == "Köln"


def test_the_geojson_skips_and_counts_rows_without_coordinates(platforms):
    collection = exports.platforms_geojson(selectors.platforms())
    assert collection["type"] == "FeatureCollection" and collection["skipped_without_coordinates"] == 1
    assert len(collection["features"]) == 2
    feature = next(f for f in collection["features"] if f["properties"]["ags"] == "09162000")
    assert feature["geometry"] == {"type": "Point", "coordinates": [11.575, 48.137]}
    assert feature["properties"]["standards"] == ["ngsi-ld", "ogc-sensorthings"]
    assert set(feature["properties"]) == set(exports.COLUMNS)


def test_the_page_offers_both_downloads_of_the_filtered_list(client, platforms):
    response = client.get(URL, {"format": "csv", "co_use": "open"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response.content.decode("utf-8"))
    assert [row["platform"] for row in rows] == ["Münchner Datenplattform"]

    response = client.get(URL, {"format": "geojson"})
    assert response["Content-Type"].startswith("application/geo+json")
    assert response["X-Skipped-Without-Coordinates"] == "1"
    collection = json.loads(response.content)
    assert {f["properties"]["platform"] for f in collection["features"]} == {"Münchner Datenplattform", HOSTILE}


def test_the_page_lists_and_filters_platforms(client, platforms):
    page = client.get("/en" + URL).content.decode()
    assert "3 platforms" in page and "Münchner Datenplattform" in page and "OGC SensorThings API" in page
    assert "&lt;" not in HOSTILE and "=HYPERLINK(&quot;http://evil.example&quot;" in page
    page = client.get("/en" + URL, {"standard": "ngsi-ld"}).content.decode()
    assert "1 platform" in page and "Gera Daten" not in page
    page = client.get("/en" + URL, {"land": "05"}).content.decode()
    assert "Köln, Stadt" in page and "Münchner Datenplattform" not in page
    page = client.get("/en" + URL, {"q": "gera"}).content.decode()
    assert "Gera Daten" in page and "Münchner Datenplattform" not in page
    assert 'href="?q=gera&amp;format=csv"' in page


def test_hostile_names_are_escaped_on_the_page(client, town):
    Municipality.objects.filter(pk=town.pk).update(name="<b>Evil</b> & Co")
    UrbanDataPlatform.objects.create(municipality=town, name="<script>alert(1)</script>", hosting="own-operation",
                                     components=["<img src=x onerror=alert(1)>"])
    page = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page and "<b>Evil</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = exports.platforms_csv(selectors.platforms())
    assert _rows(text)[0]["platform"] == "<script>alert(1)</script>"  # CSV keeps the text; it is data, not HTML


def test_an_unknown_filter_value_is_ignored(client, platforms):
    response = client.get(URL, {"standard": "bogus", "co_use": "<x>"})
    assert response.status_code == 200
