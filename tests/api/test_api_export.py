import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_it_exports_the_publiccode_yml(anonymous, listed):
    response = anonymous.get(f"/api/v1/solutions/{listed.slug}/publiccode.yml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    document = yaml.safe_load(response.content.decode("utf-8"))
    assert document["name"] == "Beispielportal"
    assert document["url"] == listed.url
    assert document["legal"]["license"] == "EUPL-1.2"
