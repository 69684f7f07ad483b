import pytest

from lichtermeer.solutions.models import Solution

from .conftest import ApiClient, publiccode

pytestmark = pytest.mark.django_db


def test_it_validates_without_saving():
    response = ApiClient().post_json("/api/v1/publiccode/validate", {"publiccode": publiccode()})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["valid"] is True
    assert body["document"]["name"] == "Beispielportal"
    assert not Solution.objects.exists()


def test_it_reports_findings_with_positions():
    text = publiccode().replace("developmentStatus: stable", "developmentStatus: fertig")
    body = ApiClient().post_json("/api/v1/publiccode/validate", {"publiccode": text}).json()
    assert body["valid"] is False and body["document"] is None
    errors = [f for f in body["findings"] if f["type"] == "error"]
    assert errors and errors[0]["key"] == "developmentStatus"
    assert errors[0]["line"] == text.splitlines().index("developmentStatus: fertig") + 1
    assert errors[0]["message_en"] and errors[0]["message_de"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "http://127.0.0.1/", "http://localhost/"])
def test_it_flags_addresses_a_listing_must_not_link_to(url):
    text = publiccode(url=url)
    body = ApiClient().post_json("/api/v1/publiccode/validate", {"publiccode": text}).json()
    assert body["valid"] is False
    finding = next(f for f in body["findings"] if f["key"] == "url")
    assert finding["line"] == 3 and finding["message_de"]
