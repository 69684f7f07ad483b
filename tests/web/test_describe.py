import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from factories import OrganisationFactory, UserFactory
from lichtermeer.solutions.models import Solution, SolutionVersion

from .conftest import BROKEN_PUBLICCODE, VALID_PUBLICCODE

pytestmark = pytest.mark.django_db
URL = "/solutions/describe/"


def test_it_sends_anonymous_users_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_refuses_users_without_an_organisation(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_it_shows_the_form_to_an_editor(client, editor, provider):
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert provider.name in html
    assert 'enctype="multipart/form-data"' in html


def test_it_previews_findings_next_to_their_lines(client, editor, provider):
    client.force_login(editor)
    response = client.post(
        URL, {"content": BROKEN_PUBLICCODE, "organisation": provider.pk, "action": "preview"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="line-3"' in html
    assert 'href="#line-3"' in html or 'href="#line-4"' in html
    assert "lm-code__finding--error" in html
    assert Solution.objects.count() == 0


def test_it_saves_a_valid_file_as_draft(client, editor, provider):
    client.force_login(editor)
    response = client.post(
        URL,
        {
            "content": VALID_PUBLICCODE,
            "organisation": provider.pk,
            "domains": ["mobility"],
            "hosting_models": ["saas"],
            "price_model": "subscription",
            "action": "save",
        },
    )
    solution = Solution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/solutions/{solution.slug}/"
    assert solution.listing_status == Solution.ListingStatus.DRAFT
    assert solution.organisation == provider
    assert solution.domains == ["mobility"]
    assert solution.price_model == "subscription"
    assert SolutionVersion.objects.get().source == "web"


def test_it_saves_an_uploaded_file(client, editor, provider):
    client.force_login(editor)
    upload = SimpleUploadedFile("publiccode.yml", VALID_PUBLICCODE.encode(), content_type="application/yaml")
    response = client.post(URL, {"upload": upload, "organisation": provider.pk, "action": "save"})
    assert response.status_code == 302
    assert Solution.objects.count() == 1


def test_it_rejects_invalid_yaml_with_422_and_saves_nothing(client, editor, provider):
    client.force_login(editor)
    response = client.post(URL, {"content": BROKEN_PUBLICCODE, "organisation": provider.pk, "action": "save"})
    assert response.status_code == 422
    assert "lm-code__finding" in response.content.decode()
    assert Solution.objects.count() == 0
    assert SolutionVersion.objects.count() == 0


def test_it_rejects_unparsable_yaml_with_422(client, editor, provider):
    client.force_login(editor)
    response = client.post(
        URL, {"content": "name: [unclosed\n  - :", "organisation": provider.pk, "action": "save"}
    )
    assert response.status_code == 422
    assert Solution.objects.count() == 0


def test_it_rejects_an_oversized_upload(client, editor, provider):
    client.force_login(editor)
    upload = SimpleUploadedFile("publiccode.yml", b"a: b\n" * 300_000)
    response = client.post(URL, {"upload": upload, "organisation": provider.pk, "action": "preview"})
    assert response.status_code == 422
    assert "1 MiB" in response.content.decode()
    assert Solution.objects.count() == 0


def test_it_rejects_a_file_that_is_not_utf8(client, editor, provider):
    client.force_login(editor)
    upload = SimpleUploadedFile("publiccode.yml", "name: Stra\xdfe\n".encode("latin-1"))
    response = client.post(URL, {"upload": upload, "organisation": provider.pk, "action": "save"})
    assert response.status_code == 422
    assert "UTF-8" in response.content.decode()
    assert Solution.objects.count() == 0


def test_it_rejects_another_organisations_id(client, editor):
    other = OrganisationFactory()
    client.force_login(editor)
    response = client.post(URL, {"content": VALID_PUBLICCODE, "organisation": other.pk, "action": "save"})
    assert response.status_code == 422
    assert Solution.objects.count() == 0


def test_it_rejects_an_empty_submission(client, editor, provider):
    client.force_login(editor)
    response = client.post(URL, {"content": "  ", "organisation": provider.pk, "action": "preview"})
    assert response.status_code == 422
