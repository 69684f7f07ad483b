"""The reuse request: forwarded by e-mail to each consenting contact, rate-limited, addresses never shown."""

import pytest
from django.core import mail

from factories import UserFactory
from lichtermeer.municipalities import services, tasks
from lichtermeer.municipalities.models import Contact, InventoryEntry, ReuseRequest

pytestmark = pytest.mark.django_db
URL = "/municipalities/09162000/reuse-request/"
MESSAGE = "Wie zufrieden sind Sie mit der Lösung im Betrieb?"


@pytest.fixture
def contacts(town):
    first = UserFactory(first_name="Anna", last_name="Antwort", email="anna.geheim@muenchen.example")
    second = UserFactory(first_name="Bert", last_name="Bescheid", email="bert.geheim@muenchen.example")
    silent = UserFactory(first_name="Carla", last_name="Still", email="carla.geheim@muenchen.example")
    Contact.objects.create(municipality=town, user=first, function="IT", show_publicly=True,
                           accepts_reuse_requests=True)
    Contact.objects.create(municipality=town, user=second, accepts_reuse_requests=True)
    Contact.objects.create(municipality=town, user=silent, show_publicly=True)
    return [first, second]


def test_the_form_is_shown_to_verified_users_only(client, signed_in, town, contacts):
    assert "Sign in to ask" in client.get("/en/municipalities/09162000/").content.decode()
    unverified = signed_in(UserFactory(email_verified=False)).get("/en/municipalities/09162000/").content.decode()
    assert "verify your e-mail address" in unverified and 'name="message"' not in unverified
    page = signed_in(UserFactory()).get("/en/municipalities/09162000/").content.decode()
    assert 'name="message"' in page and f'action="/en{URL}"' in page
    assert "geheim" not in page and "muenchen.example" not in page


def test_no_form_without_a_consenting_contact(signed_in, town):
    page = signed_in(UserFactory()).get("/en/municipalities/09162000/").content.decode()
    assert "no contact for reuse requests yet" in page and 'name="message"' not in page


def test_a_request_sends_one_mail_per_consenting_contact(signed_in, town, contacts, solution,
                                                         django_capture_on_commit_callbacks):
    InventoryEntry.objects.create(municipality=town, solution=solution, status="production",
                                  operating_model="provider-saas")
    requester = UserFactory(first_name="Rita", last_name="Fragt", email="rita@andere-stadt.example")
    client = signed_in(requester)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"message": MESSAGE, "solution": solution.slug})
    assert response.status_code == 302 and response["Location"] == "/municipalities/09162000/#reuse"
    assert sorted(m.to[0] for m in mail.outbox) == ["anna.geheim@muenchen.example", "bert.geheim@muenchen.example"]
    assert all(m.reply_to == ["rita@andere-stadt.example"] and MESSAGE in m.body and "Parkraum Plus" in m.body
               for m in mail.outbox)
    request = ReuseRequest.objects.get()
    assert request.delivered_to == 2 and request.delivered_at is not None and request.solution == solution
    page = client.get(response["Location"]).content.decode()
    assert "2" in page and "geheim" not in page and "muenchen.example" not in page


def test_the_task_can_be_run_directly_and_sends_nothing_twice(town, contacts):
    request = services.send_reuse_request(actor=UserFactory(), municipality=town, message=MESSAGE)
    assert tasks.deliver_reuse_request.call(request.pk) == 2
    assert tasks.deliver_reuse_request.call(request.pk) == 0
    assert len(mail.outbox) == 2


def test_requests_are_rate_limited(signed_in, settings, town, contacts):
    settings.REUSE_REQUESTS_PER_HOUR = 2
    client = signed_in(UserFactory())
    for _ in range(2):
        assert client.post(URL, {"message": MESSAGE}).status_code == 302
    response = client.post("/en" + URL, {"message": MESSAGE})
    assert response.status_code == 429
    assert "too many requests" in response.content.decode()
    assert ReuseRequest.objects.count() == 2


def test_a_too_short_message_is_refused(signed_in, town, contacts):
    response = signed_in(UserFactory()).post(URL, {"message": "Hallo"})
    assert response.status_code == 422
    assert not ReuseRequest.objects.exists()


def test_anonymous_and_unverified_users_cannot_send(client, signed_in, town, contacts):
    response = client.post(URL, {"message": MESSAGE})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = signed_in(UserFactory(email_verified=False)).post(URL, {"message": MESSAGE})
    assert response.status_code == 403
    assert not ReuseRequest.objects.exists() and not mail.outbox
