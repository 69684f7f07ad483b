"""Shortlists: create, rename, add from the solution page, notes, remove, delete, limits."""

import pytest
from django.urls import reverse

from lichtermeer.procurement import services
from lichtermeer.procurement.models import Shortlist, ShortlistItem
from lichtermeer.procurement.services import ProcurementError

from .support import shortlist_of


def test_it_creates_a_shortlist_naming_the_staff_members_organisation(world, signed_in):
    client = signed_in(world.staff)
    response = client.post(reverse("procurement:shortlist_create"), {"name": "Parksensorik", "note": "Vorauswahl"})
    shortlist = Shortlist.objects.get(owner=world.staff)
    assert response.status_code == 302 and response["Location"] == shortlist.get_absolute_url()
    assert shortlist.organisation == world.town.organisation
    page = client.get(reverse("procurement:shortlists"))
    assert "Parksensorik" in page.content.decode()


def test_it_adds_a_solution_from_its_page_to_a_new_shortlist(world, signed_in):
    client = signed_in(world.staff)
    response = client.post(reverse("procurement:add"), {"solution": world.parking.slug, "shortlist": "new",
                                                        "name": "Meine Liste"})
    assert response.status_code == 302
    assert response["Location"] == world.parking.get_absolute_url() + "#shortlist"
    item = ShortlistItem.objects.get()
    assert item.shortlist.name == "Meine Liste" and item.solution == world.parking


def test_it_adds_to_an_existing_shortlist_and_refuses_a_second_time(world, signed_in):
    shortlist = shortlist_of(world.staff, [])
    client = signed_in(world.staff)
    client.post(reverse("procurement:add"), {"solution": world.climate.slug, "shortlist": str(shortlist.pk)})
    client.post(reverse("procurement:add"), {"solution": world.climate.slug, "shortlist": str(shortlist.pk)},
                follow=True)
    assert shortlist.items.count() == 1
    with pytest.raises(ProcurementError) as refused:
        services.add_item(actor=world.staff, shortlist=shortlist, solution=world.climate)
    assert refused.value.code == "already-listed"


def test_it_sends_anonymous_visitors_to_sign_in(world, client):
    response = client.post(reverse("procurement:add"), {"solution": world.parking.slug})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(reverse("procurement:shortlists")).status_code == 302


def test_it_refuses_drafts_and_unknown_solutions(world, signed_in):
    client = signed_in(world.staff)
    assert client.post(reverse("procurement:add"), {"solution": world.draft.slug}).status_code == 404
    assert client.post(reverse("procurement:add"), {"solution": "x" * 5000}).status_code == 404
    shortlist = shortlist_of(world.staff, [])
    with pytest.raises(ProcurementError):
        services.add_item(actor=world.staff, shortlist=shortlist, solution=world.draft)


def test_it_keeps_at_most_the_configured_number_of_items(world, settings):
    settings.SHORTLIST_MAX_ITEMS = 2
    shortlist = shortlist_of(world.staff, [world.parking, world.climate])
    with pytest.raises(ProcurementError) as refused:
        services.add_item(actor=world.staff, shortlist=shortlist, solution=world.portal)
    assert refused.value.code == "shortlist-full"
    assert shortlist.items.count() == 2


def test_it_renames_notes_removes_and_deletes(world, signed_in):
    shortlist = shortlist_of(world.staff, [world.parking, world.climate])
    client = signed_in(world.staff)
    assert client.post(reverse("procurement:shortlist_edit", args=[shortlist.pk]),
                       {"name": "Neu", "note": ""}).status_code == 302
    item = shortlist.items.get(solution=world.parking)
    client.post(reverse("procurement:item_note", args=[shortlist.pk, item.pk]), {"note": "Referenz in Ulm"})
    item.refresh_from_db()
    assert item.note == "Referenz in Ulm"
    page = client.get(shortlist.get_absolute_url()).content.decode()
    assert "Neu" in page and "Referenz in Ulm" in page and "Radar GmbH" in page
    client.post(reverse("procurement:item_remove", args=[shortlist.pk, item.pk]))
    assert list(shortlist.items.values_list("solution__slug", flat=True)) == [world.climate.slug]
    client.post(reverse("procurement:shortlist_delete", args=[shortlist.pk]))
    assert not Shortlist.objects.filter(pk=shortlist.pk).exists()


def test_it_refuses_huge_names_without_saving(world, signed_in):
    client = signed_in(world.staff)
    response = client.post(reverse("procurement:shortlist_create"), {"name": "x" * 100_000})
    assert response.status_code == 422
    assert not Shortlist.objects.exists()
    with pytest.raises(ProcurementError) as refused:
        services.create_shortlist(actor=world.staff, name="\x00\x01   ")
    assert refused.value.status == 400


def test_it_limits_the_number_of_shortlists(world, monkeypatch):
    monkeypatch.setattr(services, "MAX_SHORTLISTS_PER_USER", 2)
    services.create_shortlist(actor=world.staff, name="eins")
    services.create_shortlist(actor=world.staff, name="zwei")
    with pytest.raises(ProcurementError) as refused:
        services.create_shortlist(actor=world.staff, name="drei")
    assert refused.value.code == "too-many-shortlists"


def test_the_solution_page_partial_offers_the_users_shortlists(world, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    shortlist_of(world.staff, [world.parking], name="Liste mit Radar")
    request = rf.get("/")
    request.user = world.staff
    html = render_to_string("procurement/_add_to_shortlist.html", {"solution": world.parking}, request=request)
    assert "Liste mit Radar" in html and "disabled" in html and reverse("procurement:add") in html
    request.user = AnonymousUser()
    html = render_to_string("procurement/_add_to_shortlist.html", {"solution": world.parking}, request=request)
    assert "/accounts/login/" in html and "<select" not in html
